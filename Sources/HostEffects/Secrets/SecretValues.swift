/// The secret values a ``SecretRegistry`` remembers, and a search that hides them in any text.
///
/// How long a value must be to be hidden by value, so that masking does not eat ordinary text:
/// - shorter than ``shortest`` (4) characters: never by value (`on`, `go`, `1.2` are everywhere);
///   such a secret is still hidden where a rule sees it (`password abc`);
/// - ``shortest`` to ``shortestAnywhere`` − 1 (4–7): only as a whole word, where the characters on
///   both sides are not ASCII letters or digits (`test1` hides in `user=test1`, not in `test12`);
/// - ``shortestAnywhere`` (8) or more: wherever it appears, inside other text too.
///
/// `true`, `false`, `null`, `REDACTED` itself and `YOUR_…` placeholders are never remembered.
/// The search works on UTF-8 bytes: each position's first four bytes pick the candidate values.
struct SecretValues: Sendable {
    /// Characters a value needs to be hidden by value at all.
    static let shortest = 4
    /// Characters a value needs to be hidden inside other words too.
    static let shortestAnywhere = 8

    /// The remembered values, as text.
    private(set) var values: Set<String> = []
    /// The values by their first four bytes, longest first.
    private var byPrefix: [UInt32: [Candidate]] = [:]

    /// One value's bytes, and whether it is hidden only as a whole word.
    private struct Candidate: Sendable {
        let bytes: [UInt8]
        let wholeWord: Bool
    }

    var isEmpty: Bool { values.isEmpty }

    /// Remembers `value` when it can be masked; false when it is too short or never a secret.
    @discardableResult
    mutating func insert(_ value: String) -> Bool {
        guard Self.isMaskable(value), !values.contains(value) else { return false }
        values.insert(value)
        let candidate = Candidate(bytes: Array(value.utf8), wholeWord: value.count < Self.shortestAnywhere)
        let key = Self.prefix(candidate.bytes, at: 0)
        byPrefix[key, default: []].append(candidate)
        byPrefix[key]?.sort { $0.bytes.count > $1.bytes.count }
        return true
    }

    /// Whether `value` would be remembered (see the type's rules).
    static func isMaskable(_ value: String) -> Bool {
        guard value.count >= shortest, !value.contains(SecretMask.replacement),
            !value.allSatisfy({ $0.isWhitespace })
        else { return false }
        if ["true", "false", "null"].contains(value.lowercased()) { return false }
        let placeholder = value.hasPrefix("YOUR_") && value.dropFirst(5).allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }
        return !placeholder
    }

    /// `text` with every remembered value replaced by ``SecretMask/replacement``; the longest
    /// value wins where several start at one place.
    func masked(_ text: String) -> String {
        guard !byPrefix.isEmpty else { return text }
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else { return text }
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while index + 4 <= bytes.count {
            if let candidates = byPrefix[Self.prefix(bytes, at: index)],
                let value = candidates.first(where: { Self.matches($0, in: bytes, at: index) })
            {
                result += bytes[copied..<index]
                result += SecretMask.replacement.utf8
                index += value.bytes.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return text }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `value` stands in `bytes` at `index` (as a whole word, for a short value).
    private static func matches(_ value: Candidate, in bytes: [UInt8], at index: Int) -> Bool {
        let end = index + value.bytes.count
        guard end <= bytes.count, bytes[index..<end].elementsEqual(value.bytes) else { return false }
        guard value.wholeWord else { return true }
        let before = index > 0 ? bytes[index - 1] : nil
        let after = end < bytes.count ? bytes[end] : nil
        return !isWordByte(before) && !isWordByte(after)
    }

    private static func isWordByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// Four bytes from `index` as one number (a value has at least four bytes: four characters).
    private static func prefix(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }
}
