/// "Did you mean …?" for mistyped commands and ids.
enum Suggestions {
    /// The candidate closest to `word` by edit distance, if it is close enough (at most 2 edits,
    /// and fewer edits than the word is long).
    static func closest(to word: String, in candidates: [String]) -> String? {
        // The distance is at least the difference in length, so far longer words cannot qualify
        // (and a 100 000-character line is not compared letter by letter).
        let near = candidates.filter { abs($0.count - word.count) <= 2 }
        let scored = near.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= min(2, max(word.count - 1, 0)) else { return nil }
        return best.0
    }

    /// Levenshtein distance between two strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
