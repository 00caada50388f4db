/// Compiled patterns by source, so that each distinct regex of a validation is compiled once and
/// steps that repeat a regex share one compiled copy.
final class PatternCache {
    private var patterns: [String: Result<Pattern, PatternError>] = [:]

    /// The compiled pattern (or its error) for `key`, compiling with `compile` the first time.
    func pattern(_ key: String, compile: () throws(PatternError) -> Pattern) -> Result<Pattern, PatternError> {
        if let known = patterns[key] { return known }
        let result = Result { () throws(PatternError) in try compile() }
        patterns[key] = result
        return result
    }
}
