/// Tells whether a command line would change Go's or git's settings: `go env -w`/`-u`, or a
/// `git config` that is not a read.
///
/// Only a `fix` step may change settings — it asks first, is journaled and can be undone — so
/// the validator refuses a `run` step whose argv is such a write, and the walk refuses to run one
/// that became a write once its placeholders were filled in. Looks through `env NAME=VALUE …`
/// and through a shell's `-c SCRIPT` (split at `;`, `&&`, `||`, `|` and new lines).
public enum SettingsWriteCommand {
    /// What kind of settings the command changes.
    public enum Kind: Sendable, Equatable {
        /// `go env -w` or `go env -u` (`flag` is the one written).
        case goEnv(flag: String)
        /// `git config` without a read option.
        case gitConfig

        /// "'go env -w' changes Go settings", in the words of a message.
        public var what: String {
            switch self {
            case .goEnv(let flag): "'go env \(flag)' changes Go settings"
            case .gitConfig: "'git config' without --get, --get-all, --get-regexp, --get-urlmatch or --list changes git's settings"
            }
        }
    }

    /// A write found in an argv.
    public struct Write: Sendable, Equatable {
        public var kind: Kind
        /// The argument that makes it a write (0-based): go's flag, `config`, or the shell script.
        public var index: Int
    }

    /// The write `argv` would make; nil when it only looks. An argument that is nil is not known
    /// yet (a placeholder) and never counts as a write.
    public static func find(in argv: [String?]) -> Write? {
        var start = 0
        if let first = argv.first ?? nil, name(first) == "env" {
            start = 1
            while start < argv.count, let argument = argv[start],
                argument.hasPrefix("-") || (argument.contains("=") && !argument.hasPrefix("="))
            {
                start += argument == "-u" || argument == "--unset" ? 2 : 1
            }
        }
        guard start < argv.count, let program = argv[start].map(name) else { return nil }
        let rest = Array(argv[(start + 1)...])
        switch program {
        case "go": return goEnvWrite(rest).map { Write(kind: .goEnv(flag: $0.flag), index: start + 1 + $0.index) }
        case "git": return gitConfigWrite(rest).map { Write(kind: .gitConfig, index: start + 1 + $0) }
        case "sh", "bash", "dash", "zsh", "ksh":
            guard let c = rest.firstIndex(of: "-c"), c + 1 < rest.count, let script = rest[c + 1] else { return nil }
            for command in commands(in: script) {
                if let write = find(in: command) { return Write(kind: write.kind, index: start + 2 + c) }
            }
            return nil
        default: return nil
        }
    }

    /// Like ``find(in:)-([String?])`` for an argv known in full.
    public static func find(in argv: [String]) -> Write? { find(in: argv.map { Optional($0) }) }

    /// `env -w`/`-u` among go's arguments (after `go`): the flag and its index.
    private static func goEnvWrite(_ arguments: [String?]) -> (flag: String, index: Int)? {
        guard arguments.first == "env" else { return nil }
        for (index, argument) in arguments.enumerated().dropFirst() {
            guard let argument else { continue }
            if argument == "--" { return nil }
            let flag = argument.hasPrefix("--") ? String(argument.dropFirst()) : argument
            let name = flag.split(separator: "=", maxSplits: 1).first.map(String.init) ?? flag
            if name == "-w" || name == "-u" { return (name, index) }
        }
        return nil
    }

    /// The index of `config` among git's arguments (after `git`) when it is not a read.
    private static func gitConfigWrite(_ arguments: [String?]) -> Int? {
        var index = 0
        // git's own options before the command; these four take a value.
        while index < arguments.count, let argument = arguments[index], argument.hasPrefix("-") {
            index += ["-C", "-c", "--git-dir", "--work-tree", "--namespace"].contains(argument) ? 2 : 1
        }
        guard index < arguments.count, arguments[index] == "config" else { return nil }
        var positional = 0
        var reads = false
        var rest = index + 1
        while rest < arguments.count {
            defer { rest += 1 }
            guard let argument = arguments[rest] else {
                positional += 1
                continue
            }
            if gitWrites.contains(argument) || (positional == 0 && gitWriteCommands.contains(argument)) { return index }
            if gitReads.contains(argument) || (positional == 0 && gitReadCommands.contains(argument)) {
                reads = true
            } else if gitValued.contains(argument) {
                rest += 1
            } else if !argument.hasPrefix("-") {
                positional += 1
            }
        }
        // `git config NAME` reads; `git config NAME VALUE` writes.
        return reads || positional < 2 ? nil : index
    }

    private static let gitReads: Set<String> = [
        "--get", "--get-all", "--get-regexp", "--get-urlmatch", "--list", "-l",
        "--get-color", "--get-colorbool"
    ]
    private static let gitReadCommands: Set<String> = ["get", "list"]
    private static let gitWrites: Set<String> = [
        "--add", "--replace-all", "--unset", "--unset-all", "--rename-section",
        "--remove-section", "-e", "--edit"
    ]
    private static let gitWriteCommands: Set<String> = ["set", "unset", "rename-section", "remove-section", "edit"]
    /// Options of `git config` that take the next argument as their value.
    private static let gitValued: Set<String> = ["-f", "--file", "--blob", "--type", "--default", "--comment", "--value"]

    /// The program name of `path` (`/usr/bin/go` → `go`).
    private static func name(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The simple commands of a shell script, each split into words (quotes removed, no expansion).
    private static func commands(in script: String) -> [[String?]] {
        var commands: [[String?]] = [[]]
        var word = ""
        var quote: Character?
        func endWord() {
            if !word.isEmpty { commands[commands.count - 1].append(word) }
            word = ""
        }
        for character in script {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == " " || character == "\t" {
                endWord()
            } else if ";&|\n()".contains(character) {
                endWord()
                if !(commands.last?.isEmpty ?? true) { commands.append([]) }
            } else {
                word.append(character)
            }
        }
        endWord()
        return commands
    }
}
