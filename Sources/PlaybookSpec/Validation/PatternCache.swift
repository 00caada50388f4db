/// Compiled patterns by source, so each distinct regex is compiled once. Each thread that checks
/// steps has its own cache (see `Validator`), so nothing here is locked or shared.
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
