import HostEffects
import Synchronization

/// A Go environment held in memory, for unit tests of the shell and driver: reads return the
/// current values, `apply` changes them (or reports an OS override, like the real one).
public final class InMemoryGoEnvironment: GoEnvironment {
    private let state: Mutex<[String: String]>
    private let osEnvironment: [String: String]
    private let goenvFile = "/home/dev/.config/go/env"

    /// `values` are the GOENV file's settings; `osEnvironment` values override them, as in Go.
    public init(values: [String: String] = [:], osEnvironment: [String: String] = [:]) {
        self.state = Mutex(values)
        self.osEnvironment = osEnvironment
    }

    /// The GOENV file's settings now.
    public var fileValues: [String: String] { state.withLock { $0 } }

    public func read() async throws(GoEnvError) -> GoEnvSnapshot {
        let file = fileValues
        let effective = file.merging(osEnvironment.filter { !$0.value.isEmpty }) { _, os in os }
        return GoEnvSnapshot(values: effective, goenvFile: goenvFile, fileValues: file, osEnvironment: osEnvironment)
    }

    public func apply(_ edit: GoEnvEdit) async -> GoEnvApplyResult {
        let (key, value): (String, String?) = switch edit {
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
