import Foundation

/// A text lowercased for a quick look: can a secret rule match it at all?
///
/// Every rule's match holds certain words (`authorization`, `://` and `@`, `token`…). A text that
/// holds none of a rule's words cannot match it, so its regex need not run. Only ASCII text is
/// looked at this way: a case-insensitive regex can match a non-ASCII letter to an ASCII one (the
/// Kelvin sign to k), so for other text every rule runs.
struct SecretWords {
    /// The words one rule's matches hold: at least one of `anyOf`, and every one of `allOf`.
    /// Lowercase ASCII; a case-sensitive rule's words are lowercased too, which only ever lets
    /// its regex run more often.
    struct Needed: Sendable {
        var anyOf: [String]
        var allOf: [String] = []
    }

    /// The text, ASCII letters lowercased; nil when it holds any other character.
    private let lowercased: [UInt8]?

    /// Looks at `text`.
    init(_ text: String) {
        lowercased = Self.lowercasedASCII(text.utf8)
    }

    /// Looks at the strings of JSON `data` as written, when that shows them as they are: nil when
    /// the data holds non-ASCII bytes or a `\u` or `\/` escape, which could spell a word the raw
    /// bytes do not show (other escapes stand for control characters, quotes and backslashes,
    /// which no rule's word holds).
    init?(json data: Data) {
        guard let bytes = Self.lowercasedASCII(data) else { return nil }
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "\\") {
            let next = bytes[index + 1]
            if next == UInt8(ascii: "u") || next == UInt8(ascii: "/") { return nil }
        }
        lowercased = bytes
    }

    /// Whether a rule needing `words` could match: always, for text that is not ASCII.
    func mayHold(_ words: Needed) -> Bool {
        guard let lowercased else { return true }
        return words.anyOf.contains { Self.contains(lowercased, $0) } && words.allOf.allSatisfy { Self.contains(lowercased, $0) }
    }

    private static func lowercasedASCII(_ bytes: some Sequence<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            result.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
        }
        return result
    }

    private static func contains(_ haystack: [UInt8], _ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
