import PlaybookSpec
import Testing

/// Which command lines change settings (only a fix step may), and which only look.
@Suite struct SettingsWriteCommandTests {
    @Test(arguments: [
        (["go", "env", "-w", "GOPROXY=off"], 2),
        (["go", "env", "-json", "-u", "GOFLAGS"], 3),
        (["go", "env", "--w", "GOPROXY=off"], 2),
        (["go", "env", "-w=true", "GOPROXY=off"], 2),
        (["/usr/local/go/bin/go", "env", "-w", "GOPROXY=off"], 2),
        (["env", "-u", "HOME", "GOFLAGS=-mod=mod", "go", "env", "-w", "X=1"], 6),
        (["sh", "-c", "cd /tmp; go env -w GOPRIVATE=x"], 2),
        (["bash", "-c", "true && git config --global user.name bob"], 2),
        (["git", "config", "--global", "url.a.insteadOf", "b"], 1),
        (["git", "-C", "/tmp", "config", "--unset", "http.proxy"], 3),
        (["git", "config", "set", "user.name", "bob"], 1),
        (["git", "-c", "x=y", "config", "--file", "f", "a.b", "c"], 3)
    ])
    func writes(argv: [String], index: Int) {
        #expect(SettingsWriteCommand.find(in: argv)?.index == index, "\(argv)")
    }

    @Test(arguments: [
        ["go", "env", "GOPROXY"],
        ["go", "env", "-json", "GOPROXY", "GOENV"],
        ["go", "env", "--", "-w"],
        ["go", "mod", "download", "-json"],
        ["git", "config", "--get", "user.name"],
        ["git", "config", "user.name"],
        ["git", "config", "--list", "--show-origin"],
        ["git", "config", "get", "user.name"],
        ["git", "-C", "/tmp", "config", "--show-origin", "--get-regexp", "^url"],
        ["git", "config", "--file", "f", "a.b"],
        ["git", "ls-remote", "--get-url", "origin"],
        ["sh", "-c", "echo 'go env -w is how you change it'"],
        ["printenv", "GOFLAGS"]
    ])
    func looks(argv: [String]) {
        #expect(SettingsWriteCommand.find(in: argv) == nil, "\(argv)")
    }

    @Test func aPlaceholderIsNotAWrite() {
        #expect(SettingsWriteCommand.find(in: ["go", nil, "-w", "GOPROXY=off"]) == nil)
        #expect(SettingsWriteCommand.find(in: ["go", "env", nil, "GOPROXY=off"]) == nil)
    }
}
