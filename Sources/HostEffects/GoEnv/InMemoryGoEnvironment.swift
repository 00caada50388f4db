import Foundation
import Synchronization

/// A Go environment held in memory, for offline playbook tests (`gotriage test`) and unit tests:
/// its GOENV file lives in an ``InMemoryGoEnvFiles`` (one `KEY=VALUE` line per setting, sorted, as
/// `go env -w` writes),
/// reads return the current values of the keys asked for, and every read's keys are kept
/// (`reads`), so tests can check who asks for what.
public final class InMemoryGoEnvironment: GoEnvironment {
    private let log = Mutex<[[String]]>([])
    private let readFailure = Mutex<GoEnvError?>(nil)
    private let osEnvironment: [String: String]
    private let defaults: [String: String]
    /// The GOENV file's path.
    public let goenvFile = "/home/dev/.config/go/env"
    /// Where the GOENV file is kept.
    public let memory: InMemoryGoEnvFiles

    /// `values` are the GOENV file's settings; `osEnvironment` values override them, as in Go;
    /// `defaults` are Go's own values for keys neither sets (empty otherwise).
    public init(values: [String: String] = [:], osEnvironment: [String: String] = [:], defaults: [String: String] = [:]) {
        self.osEnvironment = osEnvironment
        self.defaults = defaults
        self.memory = InMemoryGoEnvFiles(values.isEmpty ? [:] : [goenvFile: Self.fileData(values)])
    }

    public var files: any GoEnvFileStore { memory }

    /// The GOENV file's settings now.
    public var fileValues: [String: String] { Self.parse(memory[goenvFile]) }

    /// The keys of every `read(keys:)` so far, oldest first, as asked.
    public var reads: [[String]] { log.withLock { $0 } }

    /// Makes every later read fail with `error`, as when go cannot be run.
    public func failReads(with error: GoEnvError) { readFailure.withLock { $0 = error } }

    /// Like `go env -json KEY… GOENV`: every key asked for is in the snapshot (empty when nothing
    /// sets it), and so is GOENV; no other key is.
    public func read(keys: [String]) async throws(GoEnvError) -> GoEnvSnapshot {
        log.withLock { $0.append(keys) }
        if let error = readFailure.withLock({ $0 }) { throw error }
        let file = fileValues
        let effective = file.merging(osEnvironment.filter { !$0.value.isEmpty }) { _, os in os }
        var values: [String: String] = ["GOENV": goenvFile]
        for key in keys { values[key] = effective[key] ?? Self.derived(key, from: effective) ?? defaults[key] ?? "" }
        return GoEnvSnapshot(values: values, goenvFile: goenvFile, fileValues: file, osEnvironment: osEnvironment)
    }

    /// The keys whose default Go takes from another key: GONOPROXY and GONOSUMDB from GOPRIVATE.
    public static let derivedDefaults = ["GONOPROXY": "GOPRIVATE", "GONOSUMDB": "GOPRIVATE"]

    /// The value Go gives `key` when nothing sets it but it follows another key that is set.
    private static func derived(_ key: String, from effective: [String: String]) -> String? {
        derivedDefaults[key].flatMap { effective[$0] }
    }

    /// Like `go env -w`/`-u` on a copy: the settings of `contents` with `edit` made, one sorted
    /// line each.
    public func rewrite(_ edit: GoEnvEdit, of contents: Data?, at target: String) async -> GoEnvRewrite {
        var values = Self.parse(contents)
        switch edit {
        case .set(let key, let value): values[key] = value
        case .unset(let key): values[key] = nil
        }
        return .contents(Self.fileData(values))
    }

    public func commandLine(for edit: GoEnvEdit) -> [String] {
        switch edit {
        case .set(let key, let value): ["go", "env", "-w", "\(key)=\(value)"]
        case .unset(let key): ["go", "env", "-u", key]
        }
    }

    /// A GOENV file setting `values`, one `KEY=VALUE` line each, sorted by key.
    public static func fileData(_ values: [String: String]) -> Data {
        Data(values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined().utf8)
    }

    private static func parse(_ data: Data?) -> [String: String] {
        var values: [String: String] = [:]
        for line in String(decoding: data ?? Data(), as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }
}
