#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes (`memchr` + `memcmp`): the structure reader asks "does this text contain
/// X" thousands of times per log, and a byte search is what keeps a 1 MB log within budget.
enum ByteSearch {
    /// The UTF-8 offset of the first `needle` in `text` at or after `from`, or nil.
    static func offset(of needle: [UInt8], in text: String, from: Int = 0) -> Int? {
        guard !needle.isEmpty else { return from }
        var text = text
        return text.withUTF8 { haystack -> Int? in
            guard from <= haystack.count, let base = haystack.baseAddress else { return nil }
            return needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let first = pattern.first, let patternBase = pattern.baseAddress else { return nil }
                var start = from
                let last = haystack.count - pattern.count
                while start <= last {
                    guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return nil }
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, patternBase, pattern.count) == 0 { return position }
                    start = position + 1
                }
                return nil
            }
        }
    }

    static func contains(_ needle: [UInt8], in text: String) -> Bool { offset(of: needle, in: text) != nil }
}

extension String {
    /// Whether the text contains `needle` (a byte search).
    func has(_ needle: String) -> Bool { ByteSearch.contains(Array(needle.utf8), in: self) }

    /// The index at a UTF-8 offset.
    func index(utf8Offset offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
}
