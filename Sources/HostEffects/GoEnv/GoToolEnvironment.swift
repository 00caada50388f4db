import Foundation

/// The Go environment of the real `go` tool, driven through a ``CommandRunning``.
public struct GoToolEnvironment: GoEnvironment {
    private let runner: any CommandRunning
    private let environment: [String: String]
    private let go: String
    private let workingDirectory: String?

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

    public func apply(_ edit: GoEnvEdit, before known: GoEnvSnapshot?, alsoReading keys: [String]) async
        -> (result: GoEnvApplyResult, after: GoEnvSnapshot?)
    {
        let key = edit.key
        let wanted: String = if case .set(_, let value) = edit { value } else { "" }
        if let osValue = environment[key], !osValue.isEmpty {
            return (.overridden(key: key, variable: key, osValue: osValue, wanted: wanted), nil)
        }
        let before: GoEnvSnapshot
        if let known, known[key] != nil {
            before = known
        } else {
            do {
                before = try await read(keys: [key])
            } catch {
                return (.failed(key: key, message: error.description), nil)
            }
        }
        let result = await runner.run(request(commandLine(for: edit)))
        guard result.succeeded else {
            let why = Self.trimmed(result.stderr).isEmpty ? "exit code \(result.exitCode)" : Self.trimmed(result.stderr)
            return (.failed(key: key, message: why), nil)
        }
        if result.stderr.contains(Self.overrideWarning) {
            return (.overridden(key: key, variable: key, osValue: before[key] ?? "", wanted: wanted), nil)
        }
        let after: GoEnvSnapshot
        do {
            after = try await read(keys: [key] + keys)
        } catch {
            return (.failed(key: key, message: "could not re-read go env: \(error.description)"), nil)
        }
        return (Self.confirm(edit, old: before[key] ?? "", after: after), after)
    }

    /// Checks that `edit` is what go reports in `after`, read right after the change.
    private static func confirm(_ edit: GoEnvEdit, old: String, after: GoEnvSnapshot) -> GoEnvApplyResult {
        let key = edit.key
        let now = after[key] ?? ""
        switch edit {
        case .set(_, let value):
            // go may normalise what it writes; accept the value the file now holds if go reports it.
            if now == value || (after.fileValues[key] == now && after.source(of: key) != .defaultValue) {
                return .applied(key: key, old: old, new: now)
            }
            return .failed(key: key, message: "go env reports '\(now)' after writing '\(value)'")
        case .unset:
            if after.fileValues[key] == nil {
                return .applied(key: key, old: old, new: now)
            }
            return .failed(key: key, message: "the go env file still sets \(key)='\(after.fileValues[key] ?? "")'")
        }
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
