/// Where a large playbook can be cut in two, so that libyaml parses each half on its own core.
///
/// libyaml is the one part of loading that cannot use two cores, and in a large playbook it is
/// most of the time. Playbooks end with their `steps:` mapping, whose entries each start on a
/// line of their own at one indentation (`  check-go:`). Cut the text at such a line near the
/// middle, and the first half is the playbook with fewer steps while the second is a mapping of
/// the remaining steps: each parses on its own, and the second's pairs continue the first's
/// `steps` mapping.
///
/// Nothing here needs to be sure of that. The cut is only a guess from the text's lines; the
/// halves check as they are parsed that they have the promised shape (`YAMLEventProducer.Fit`),
/// and any syntax error or misfit in either means the text is parsed whole. A construct left open
/// at the cut (a quoted text, a `[` list) is a syntax error at the end of the first half. For the
/// subtler ways two clean halves could still differ from the whole text, the second half's lines
/// are counted from where libyaml itself ended the first (it also breaks lines at CR, NEL, LS and
/// PS), and a value libyaml makes up at the end of a half, `...`, `? key` mappings, anchors and
/// tags on the shared mapping, kept blank lines and deep nesting are refused. `YAMLEventsTests`
/// tries every cut of texts built to provoke each of them (found by two rounds of review).
struct YAMLSplit {
    /// The byte offset of the line the second half starts with.
    let offset: Int
    /// The 1-based column of the steps' keys.
    let keyColumn: Int32

    init(offset: Int, keyColumn: Int32) {
        self.offset = offset
        self.keyColumn = keyColumn
    }

    /// A cut near the middle of `bytes`, or nil when the text has no `steps:` line at column 1
    /// followed by step keys beyond its middle.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var lines = Lines(bytes)
        while let line = lines.next(), !Self.isStepsKey(bytes[line]) {}
        // The first line of the steps mapping sets the column of its keys.
        var indentation: Int?
        while indentation == nil, let line = lines.next() {
            let content = bytes[line].drop { $0 == UInt8(ascii: " ") }
            if content.isEmpty || content.first == UInt8(ascii: "#") { continue }
            indentation = line.count - content.count
        }
        guard let indentation, indentation > 0 else { return nil }
        lines.skip(to: bytes.count / 2)
        while let line = lines.next() {
            if Self.isKey(bytes[line], indentedBy: indentation) {
                offset = line.lowerBound
                keyColumn = Int32(indentation + 1)
                return
            }
        }
        return nil
    }

    /// `steps:` at column 1, with nothing after it but blanks or a comment.
    private static func isStepsKey(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard line.starts(with: "steps:".utf8) else { return false }
        let rest = line.dropFirst(6).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
        return rest.isEmpty || rest.first == UInt8(ascii: "#")
    }

    /// Exactly `indentation` spaces, then a step id and `:` ending the line or followed by a
    /// blank: `  check-go:`.
    private static func isKey(_ line: Slice<UnsafeBufferPointer<UInt8>>, indentedBy indentation: Int) -> Bool {
        guard line.count > indentation, line.prefix(indentation).allSatisfy({ $0 == UInt8(ascii: " ") }) else {
            return false
        }
        let key = line.dropFirst(indentation)
        guard let first = key.first, isIDByte(first), first != UInt8(ascii: "-") else { return false }
        let name = key.prefix(while: isIDByte)
        let after = key.dropFirst(name.count)
        guard after.first == UInt8(ascii: ":") else { return false }
        let next = after.dropFirst().first
        return next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\r")
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// The lines of a text as byte ranges, without their `\n`.
    private struct Lines {
        let bytes: UnsafeBufferPointer<UInt8>
        var start = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func next() -> Range<Int>? {
            guard start < bytes.count else { return nil }
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = end + 1 }
            return start..<end
        }

        /// Moves to the first line that starts at or after `offset` (no earlier than now).
        mutating func skip(to offset: Int) {
            guard offset > start else { return }
            guard let newline = bytes[(offset - 1)...].firstIndex(of: UInt8(ascii: "\n")) else {
                start = bytes.count
                return
            }
            start = newline + 1
        }
    }
}
