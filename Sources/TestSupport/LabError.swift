import Foundation

/// What can go wrong while building or running the fault lab.
///
/// Every case names the command, path or server involved so a failing test says what broke.
public enum LabError: Error, CustomStringConvertible, Sendable {
    /// A lab server exited, or printed no `listening` line within the limit.
    case serverDidNotStart(arguments: [String], log: String)
    /// A command the lab ran to build its fixtures exited non-zero.
    case commandFailed(argv: [String], exitCode: Int32, stderr: String)
    /// A command ran longer than its limit and was killed.
    case timedOut(argv: [String], seconds: TimeInterval)
    /// A socket call failed while finding a dead port; `errno` is the C error number.
    case socketFailed(call: String, errno: Int32)
    /// A module path the lab cannot turn into a repository or a package name.
    case invalidModulePath(String)
    /// A Go release the tests run on is not installed where it was looked for.
    case goReleaseMissing(version: String, location: String)

    public var description: String {
        switch self {
        case .serverDidNotStart(let arguments, let log):
            return "lab server \(arguments.map { "'\($0)'" }.joined(separator: " ")) did not start: \(log)"
        case .commandFailed(let argv, let exitCode, let stderr):
            return "'\(argv.joined(separator: " "))' exited with status \(exitCode): \(stderr)"
        case .timedOut(let argv, let seconds):
            return "'\(argv.joined(separator: " "))' was killed after \(seconds) seconds"
        case .socketFailed(let call, let errno):
            return "\(call) failed with errno \(errno)"
        case .invalidModulePath(let path):
            return "module path '\(path)' is not usable in the lab"
        case .goReleaseMissing(let version, let location):
            return "go \(version) is not installed (looked in \(location)); run scripts/ensure-go-releases.sh"
                + " (make test does)"
        }
    }
}
