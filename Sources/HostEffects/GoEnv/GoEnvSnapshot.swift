/// Some of the Go environment as `go env -json KEY…` reported it, with where each value comes from.
public struct GoEnvSnapshot: Sendable, Equatable {
    /// The keys that were read, with their effective values.
    public var values: [String: String]
    /// The GOENV file path (`go env GOENV`); `nil` when GOENV is empty or `off`.
    public var goenvFile: String?
    /// The keys the GOENV file sets, with the values written there.
    public var fileValues: [String: String]
    /// The environment `go` ran with (decides ``GoEnvSource/osEnvironment``).
    public var osEnvironment: [String: String]

    /// Creates a snapshot; tests build these directly.
    public init(
        values: [String: String],
        goenvFile: String? = nil,
        fileValues: [String: String] = [:],
        osEnvironment: [String: String] = [:]
    ) {
        self.values = values
        self.goenvFile = goenvFile
        self.fileValues = fileValues
        self.osEnvironment = osEnvironment
    }

    /// The effective value of `key`; `nil` when it was not read (go prints a key it does not know as empty).
    public subscript(key: String) -> String? { values[key] }

    /// Where the value of `key` comes from, by Go's rule: non-empty OS variable, then GOENV file, then default.
    public func source(of key: String) -> GoEnvSource {
        if let value = osEnvironment[key], !value.isEmpty { return .osEnvironment }
        if let goenvFile, fileValues[key] != nil { return .goenvFile(path: goenvFile) }
        return .defaultValue
    }
}
