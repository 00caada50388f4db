import Foundation

/// The Go environment of the real `go` tool, driven through a ``CommandRunning``, and the GOENV
/// file on the real file system.
public struct GoToolEnvironment: GoEnvironment {
    private let runner: any CommandRunning
    private let environment: [String: String]
    private let go: String
    private let workingDirectory: String?
    private let posixFiles = PosixGoEnvFiles()

    /// The warning `go env -w` prints when an OS variable will keep overriding the file.
    static let overrideWarning = "does not override conflicting OS environment variable"

    /// Creates a Go environment.
    ///
    /// - Parameters:
    ///   - runner: Runs `go`.
    ///   - environment: The complete environment `go` runs with; its non-empty values beat the GOENV file.
    ///   - go: The program name or path of `go`.
    ///   - workingDirectory: Where `go` runs (matters inside a module or workspace).
    public init(runner: any CommandRunning, environment: [String: String], go: String = "go", workingDirectory: String? = nil) {
        self.runner = runner
        self.environment = environment
        self.go = go
        self.workingDirectory = workingDirectory
    }

    public func commandLine(for edit: GoEnvEdit) -> [String] {
        switch edit {
        case .set(let key, let value): [go, "env", "-w", "\(key)=\(value)"]
        case .unset(let key): [go, "env", "-u", key]
        }
    }

    public func read(keys: [String]) async throws(GoEnvError) -> GoEnvSnapshot {
        let argv = readCommandLine(for: keys)
        let result = await runner.run(request(argv))
        guard result.succeeded else {
            if result.exitCode == CommandResult.notStartedExitCode, result.stderr.contains("not found") {
                throw .goNotFound
            }
            throw .commandFailed(argv: argv, exitCode: result.exitCode, stderr: Self.trimmed(result.stderr))
        }
        let values: [String: String]
        do {
            values = try JSONDecoder().decode([String: String].self, from: Data(result.stdout.utf8))
        } catch {
            throw .badJSON(String(describing: error))
        }
        var goenvFile: String? = values[Self.goenvKey]
        if goenvFile == "" || goenvFile == "off" { goenvFile = nil }
        // A missing or unreadable file sets nothing, as for go itself.
        let fileText = goenvFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        return GoEnvSnapshot(
            values: values, goenvFile: goenvFile,
            fileValues: GoEnvFile(parsing: fileText).values, osEnvironment: environment)
    }

    public var files: any GoEnvFileStore { posixFiles }

    /// Runs `go env -w`/`-u` with `GOENV` naming a copy of `contents` beside `target`, and hands
    /// back what go wrote there; the copy is removed. go keeps its own rules this way — which keys
    /// it accepts, how it checks a value, how it orders lines — while the file itself is only
    /// ever replaced whole (go writes in place: truncate, then write).
    public func rewrite(_ edit: GoEnvEdit, of contents: Data?, at target: String) async -> GoEnvRewrite {
        let copy: String
        do {
            copy = try posixFiles.scratchPath(beside: target)
            if let contents { try posixFiles.writeScratch(contents, to: copy) }
        } catch {
            return .failed(message: "could not write a copy of the GOENV file beside it: \(error)")
        }
        var request = request(commandLine(for: edit))
        request.environment[Self.goenvKey] = copy
        let result = await runner.run(request)
        let written: Data?
        do {
            written = try posixFiles.takeScratch(copy)
        } catch {
            return .failed(message: "could not read back the copy go wrote: \(error)")
        }
        if result.interrupted { return .interrupted }
        guard result.succeeded else {
            let why = Self.trimmed(result.stderr).isEmpty ? "exit code \(result.exitCode)" : Self.trimmed(result.stderr)
            return .failed(message: why)
        }
        if result.stderr.contains(Self.overrideWarning) {
            return .overridden(variable: edit.key, osValue: environment[edit.key] ?? "", contents: written ?? Data())
        }
        return .contents(written ?? Data())
    }

    /// The argv ``read(keys:)`` runs: `go env -json KEY… GOENV`, each key once, in the order given.
    ///
    /// `GOENV` is always asked (it names the file ``GoEnvSnapshot/source(of:)`` reads), so the
    /// list is never empty: `go env -json` with no keys would print every variable.
    func readCommandLine(for keys: [String]) -> [String] {
        var seen: Set<String> = []
        let asked = (keys + [Self.goenvKey]).filter { seen.insert($0).inserted }
        return [go, "env", "-json"] + asked
    }

    /// The variable that names the GOENV file.
    static let goenvKey = "GOENV"

    private func request(_ argv: [String]) -> CommandRequest {
        CommandRequest(argv: argv, environment: environment, workingDirectory: workingDirectory)
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
