import Synchronization

/// Compiled patterns by source, so each distinct regex is compiled once per validation. Steps are
/// checked on several threads at once, so the table is behind a lock; two threads compiling the
/// same new source at once both get an equal pattern.
final class PatternCache: Sendable {
    private let patterns = Mutex<[String: Result<Pattern, PatternError>]>([:])

    /// The compiled pattern (or its error) for `key`, compiling with `compile` the first time.
    func pattern(_ key: String, compile: () throws(PatternError) -> Pattern) -> Result<Pattern, PatternError> {
        if let known = patterns.withLock({ $0[key] }) { return known }
        let result = Result { () throws(PatternError) in try compile() }
        patterns.withLock { $0[key] = result }
        return result
    }
}
