import HostEffects
import Synchronization

/// A Go environment held in memory, for unit tests of the shell and driver: reads return the
/// current values of the keys asked for, `apply` changes them (or reports an OS override, like
/// the real one), and every read's keys are kept (`reads`), so tests can check who asks for what.
public final class InMemoryGoEnvironment: GoEnvironment {
    private let state: Mutex<[String: String]>
    private let log = Mutex<[[String]]>([])
    private let readFailure = Mutex<GoEnvError?>(nil)
    private let osEnvironment: [String: String]
    private let goenvFile = "/home/dev/.config/go/env"

    /// `values` are the GOENV file's settings; `osEnvironment` values override them, as in Go.
    public init(values: [String: String] = [:], osEnvironment: [String: String] = [:]) {
        self.state = Mutex(values)
        self.osEnvironment = osEnvironment
    }

    /// The GOENV file's settings now.
    public var fileValues: [String: String] { state.withLock { $0 } }

    /// The keys of every `read(keys:)` so far, oldest first, as asked.
    public var reads: [[String]] { log.withLock { $0 } }

    /// Makes every later read fail with `error`, as when go cannot be run.
    public func failReads(with error: GoEnvError) { readFailure.withLock { $0 = error } }

    /// Like `go env -json KEY… GOENV`: every key asked for is in the snapshot (empty when nothing
    /// sets it), and so is GOENV; no other key is.
    public func read(keys: [String]) async throws(GoEnvError) -> GoEnvSnapshot {
        log.withLock { $0.append(keys) }
        if let error = readFailure.withLock({ $0 }) { throw error }
        return snapshot(of: keys)
    }

    private func snapshot(of keys: [String]) -> GoEnvSnapshot {
        let file = fileValues
        let effective = file.merging(osEnvironment.filter { !$0.value.isEmpty }) { _, os in os }
        var values: [String: String] = ["GOENV": goenvFile]
        for key in keys { values[key] = effective[key] ?? "" }
        return GoEnvSnapshot(values: values, goenvFile: goenvFile, fileValues: file, osEnvironment: osEnvironment)
    }

    /// Changes the value like `go env -w`/`-u`, then confirms with a read of the key and `keys`
    /// (listed in `reads`, as the real one runs it), whose snapshot is `after`. `before` is not
    /// needed: this fake knows the old value.
    public func apply(_ edit: GoEnvEdit, before: GoEnvSnapshot?, alsoReading keys: [String]) async
        -> (result: GoEnvApplyResult, after: GoEnvSnapshot?)
    {
        let result = change(edit)
        guard case .applied = result else { return (result, nil) }
        var seen: Set<String> = []
        let confirming = ([edit.key] + keys).filter { seen.insert($0).inserted }
        do {
            return (result, try await read(keys: confirming))
        } catch {
            return (.failed(key: edit.key, message: "could not re-read go env: \(error.description)"), nil)
        }
    }

    private func change(_ edit: GoEnvEdit) -> GoEnvApplyResult {
        let (key, value): (String, String?) =
            switch edit {
            case .set(let key, let value): (key, value)
            case .unset(let key): (key, nil)
            }
        let old = state.withLock { values in
            let old = values[key] ?? ""
            values[key] = value
            return old
        }
        if let os = osEnvironment[key], !os.isEmpty {
            return .overridden(key: key, variable: key, osValue: os, wanted: value ?? "")
        }
        return .applied(key: key, old: old, new: value ?? "")
    }

    public func commandLine(for edit: GoEnvEdit) -> [String] {
        switch edit {
        case .set(let key, let value): ["go", "env", "-w", "\(key)=\(value)"]
        case .unset(let key): ["go", "env", "-u", key]
        }
    }
}
