/// "Did you mean …?" help: the known word closest to a misspelt one, for playbook messages and
/// for the shell's and the command line's hints alike.
public enum Suggestion {
    /// The largest edit distance still offered as a suggestion.
    public static let maximumDistance = 2

    /// The candidate closest to `word` within `maximumDistance` edits (fewer for very short
    /// words, so `b` does not suggest `a`), or nil. Ties go to the candidate listed first.
    /// - Parameter ignoringCase: compare lower-cased, so `LIST` suggests `list` (for commands
    ///   typed at the shell); playbook keys and ids are compared as written.
    public static func closest(
        to word: String, among candidates: some Sequence<String>,
        ignoringCase: Bool = false
    ) -> String? {
        let fold = { (text: String) in ignoringCase ? text.lowercased() : text }
        let target = Array(fold(word).unicodeScalars)
        let maximumDistance = min(Self.maximumDistance, target.count - 1)
        guard maximumDistance > 0 else { return nil }
        var best: (word: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let scalars = Array(fold(candidate).unicodeScalars)
            guard abs(scalars.count - target.count) <= maximumDistance else { continue }
            let limit = min(best?.distance ?? maximumDistance + 1, maximumDistance + 1)
            let distance = editDistance(target, scalars, limit: limit)
            if distance <= maximumDistance, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.word
    }

    /// `"; did you mean 'x'?"` or the empty string.
    public static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance in Unicode scalars; stops early and returns `limit` once every path
    /// is at least `limit`.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum >= limit { return limit }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
