/// What pressing Tab does to the line being edited.
enum CompletionAction: Equatable {
    /// Delete `deleting` characters (Unicode scalars) before the cursor, then insert `text`.
    case replace(deleting: Int, text: String)
    /// Nothing more can be inserted: show these candidates (sorted, without duplicates).
    case list([String])
    /// No candidate at all: beep.
    case none

    /// Decides what Tab does, given the text before the cursor and the completer's candidates.
    ///
    /// The word being completed is the text after the last space or tab. One candidate replaces
    /// the word and adds a space; several are narrowed to their longest common prefix, and when that
    /// adds nothing they are listed. A candidate need not start with the word (the completer may
    /// match case-insensitively): the word is then replaced rather than extended.
    static func forTab(lineBeforeCursor: String, candidates: [String]) -> CompletionAction {
        let word = currentWord(of: lineBeforeCursor)
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        guard let first = unique.first else { return .none }
        if unique.count == 1 {
            return replacing(word, with: first, terminator: " ")
        }
        let prefix = longestCommonPrefix(unique)
        if prefix.count > word.count {
            return replacing(word, with: prefix, terminator: "")
        }
        return .list(unique.sorted())
    }

    /// The word the cursor is in: the text after the last space or tab (may be empty).
    static func currentWord(of lineBeforeCursor: String) -> Substring {
        guard let space = lineBeforeCursor.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
            return lineBeforeCursor[...]
        }
        return lineBeforeCursor[lineBeforeCursor.index(after: space)...]
    }

    /// The longest string every word starts with (compared by Character).
    static func longestCommonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Substring($0) }) else { return "" }
        for word in words.dropFirst() {
            prefix = prefix.commonPrefix(with: word)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    private static func replacing(_ word: Substring, with completion: String, terminator: String) -> CompletionAction {
        if completion.hasPrefix(word) {
            return .replace(deleting: 0, text: String(completion.dropFirst(word.count)) + terminator)
        }
        return .replace(deleting: word.unicodeScalars.count, text: completion + terminator)
    }
}

extension Substring {
    fileprivate func commonPrefix(with other: String) -> Substring {
        var end = startIndex
        var otherIndex = other.startIndex
        while end < endIndex, otherIndex < other.endIndex, self[end] == other[otherIndex] {
            end = index(after: end)
            otherIndex = other.index(after: otherIndex)
        }
        return self[startIndex..<end]
    }
}
