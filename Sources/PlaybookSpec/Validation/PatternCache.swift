/// Compiled patterns by source, so each distinct regex is compiled once per validation.
final class PatternCache {
    var patterns: [String: Pattern] = [:]
}
