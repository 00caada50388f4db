import Foundation
import TestSupport
import Testing

/// The playbook search path on the real binary: user folders over the shipped playbooks,
/// replacements announced, broken user files left out, and the README's walkthrough as written.
@Suite struct SearchPathTests {
    static let extra = """
        gotriage: 1
        id: extra
        title: TITLE
        summary: A playbook of the user's own.
        start: a
        steps:
          a:
            done:
              outcome: resolved
              conclusion: Nothing to do.

        """

    static func write(_ text: String, to folder: URL, as name: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func aUserCopyReplacesTheShippedPlaybookAndSaysSo() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = lab.home.appendingPathComponent(".config/gotriage/playbooks")
        let shipped = try String(contentsOfFile: GotriageBinary.shippedPlaybooks + "/checksums.yaml", encoding: .utf8)
        try Self.write(shipped.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: (ours) "), to: folder, as: "checksums.yaml")
        let list = try lab.gotriage(["list"])
        #expect(list.exitCode == 0, "\(list.stderr)")
        let line = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("checksums ") })
        #expect(line.contains("(ours) "))
        #expect(line.hasSuffix("[\(folder.path)/checksums.yaml, replaces the shipped one]"), "\(line)")
        #expect(list.stdout.split(separator: "\n").filter { $0.hasSuffix("[shipped]") }.count == 6)
        #expect(list.stderr.contains("note: playbook 'checksums' replaces the shipped one"), "\(list.stderr)")
        // A walk runs the copy.
        let graph = try lab.gotriage(["graph", "checksums"])
        #expect(graph.exitCode == 0)
    }

    @Test func theFirstFolderWinsAndLaterOnesAreNamed() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let first = lab.root.appendingPathComponent("first")
        let second = lab.root.appendingPathComponent("second")
        let third = lab.root.appendingPathComponent("third")
        try Self.write(Self.extra.replacingOccurrences(of: "TITLE", with: "From the option"), to: first, as: "extra.yaml")
        try Self.write(Self.extra.replacingOccurrences(of: "TITLE", with: "From the variable"), to: second, as: "extra.yaml")
        try Self.write(Self.extra.replacingOccurrences(of: "TITLE", with: "From the third"), to: third, as: "extra.yaml")
        let list = try lab.gotriage(
            ["list", "--playbooks", first.path], extraEnvironment: ["GOTRIAGE_PLAYBOOKS": "\(second.path):\(third.path)"])
        #expect(list.exitCode == 0, "\(list.stderr)")
        #expect(list.stdout.contains("From the option"))
        #expect(!list.stdout.contains("From the variable") && !list.stdout.contains("From the third"))
        #expect(
            list.stderr.contains("\(second.path)/extra.yaml:2:5: note: playbook 'extra' is also in \(first.path)/extra.yaml"),
            "\(list.stderr)")
        #expect(list.stderr.contains("\(third.path)/extra.yaml:2:5: note:"))
    }

    @Test func aUserPlaybookThatBreaksAShippedOneLeavesAllUserPlaybooksOut() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = lab.root.appendingPathComponent("mine")
        // git-auth without the steps exit-status-128 goes to.
        try Self.write(
            Self.extra.replacingOccurrences(of: "id: extra", with: "id: git-auth").replacingOccurrences(of: "TITLE", with: "Thin"),
            to: folder, as: "git-auth.yaml")
        let list = try lab.gotriage(["list", "--playbooks", folder.path])
        #expect(list.exitCode == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("[shipped]") }, "\(list.stdout)")
        #expect(list.stderr.contains("warning: left out: with the user playbooks the shipped ones do not check"), "\(list.stderr)")
        // The shipped walk still works.
        let walk = try lab.gotriage(["run", "exit-status-128", "--dry-run", "--answer", "module=example.com/x", "--playbooks", folder.path])
        #expect(walk.exitCode == 5, "\(walk.stdout)")
        #expect(walk.stdout.contains("  ✗ go mod download example.com/x\n"), "\(walk.stdout)")
    }

    @Test func aFolderThatDoesNotExistIsAUsageError() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(["list", "--playbooks", lab.root.appendingPathComponent("nope").path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("does not exist"))
    }

    /// The README's support-staff walkthrough, each command as written (`~` is the lab's HOME).
    @Test func theReadmeWalkthroughRunsAsWritten() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: GotriageBinary.shippedPlaybooks).deletingLastPathComponent()
                .appendingPathComponent("README.md").path, encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- walkthrough: run by SearchPathTests -->\n```console\n"))
        let block = readme[start.upperBound...].prefix { _ in true }
        let end = try #require(block.range(of: "\n```"))
        let commands = block[..<end.lowerBound].split(separator: "\n").filter { $0.hasPrefix("$ ") }.map { String($0.dropFirst(2)) }
        #expect(commands.count >= 6)
        var outputs: [String: String] = [:]
        for command in commands {
            var argv = Self.words(command).map { $0.hasPrefix("~/") ? lab.home.path + $0.dropFirst(1) : $0 }
            let isGotriage = argv.first == "gotriage"
            if isGotriage { argv.removeFirst() }
            let result = isGotriage ? try lab.gotriage(argv) : try lab.run(argv)
            #expect(result.exitCode == 0, "\(command): \(result.stdout)\(result.stderr)")
            outputs[argv.first ?? ""] = result.stdout
        }
        let folder = lab.home.appendingPathComponent(".config/gotriage/playbooks").path
        #expect(outputs["copy"]?.contains("Copied checksums to \(folder)/checksums.yaml") == true)
        #expect(outputs["lint"]?.contains("0 errors") == true || outputs["lint"]?.contains("No problems found.") == true)
        #expect(outputs["test"]?.contains(" passed, 0 failed") == true)
        let listed = try #require(outputs["list"]?.split(separator: "\n").first { $0.hasPrefix("checksums ") })
        #expect(listed.contains("ACME"), "\(listed)")
        #expect(listed.hasSuffix("replaces the shipped one]"))
        #expect(outputs["graph"]?.hasPrefix("flowchart TD") == true || outputs["graph"]?.hasPrefix("digraph") == true)
    }

    /// Splits a command line into words: spaces separate, single quotes keep a word together.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "'" {
                quoted.toggle()
                started = true
            } else if character == " ", !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }
}
