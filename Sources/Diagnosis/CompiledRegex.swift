import Foundation

/// An `NSRegularExpression` compiled at once, or compiled when first used for an expression known
/// to compile (one this build compiled before from the same file text): most of the catalog's and
/// the playbooks' regexes are never tried in a run, and compiling them all is most of a start-up.
/// NSRegularExpression is immutable and safe to use from several threads; the lock guards the one
/// deferred compilation.
public final class CompiledRegex: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: String?
    private var compiled: NSRegularExpression?

    /// Compiles `expression` now; throws the engine's error when it is not a valid regex.
    public init(compiling expression: String) throws {
        compiled = try NSRegularExpression(pattern: expression, options: [])
    }

    /// Keeps `expression` to compile on first use.
    public init(deferring expression: String) {
        pending = expression
    }

    /// The regex; nil only when a deferred expression does not compile after all (then it
    /// matches nothing).
    public var regex: NSRegularExpression? {
        lock.withLock {
            if let expression = pending {
                compiled = try? NSRegularExpression(pattern: expression, options: [])
                pending = nil
            }
            return compiled
        }
    }
}
