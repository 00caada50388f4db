import Foundation

/// The environment of this process, as a dictionary callers copy and edit for children.
public enum ProcessEnvironment {
    /// Returns this process's environment variables.
    public static func current() -> [String: String] {
        ProcessInfo.processInfo.environment
    }
}
