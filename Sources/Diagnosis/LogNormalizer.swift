/// Turns messy pasted or captured output into clean lines Go's words can be read from.
///
/// Removes, per line: ANSI colour and cursor codes, a CI timestamp or stream prefix (GitHub
/// Actions, GitLab, Jenkins, Docker BuildKit `#5 1.234`), `##[error]`-style markers, Markdown
/// `> ` quoting and code fences; CRLF and lone CR line ends; and the indentation every line shares
/// (a pasted block indented four spaces). Backslashes are left alone, so Windows paths stay as
/// they were. Pure and fast: one pass over each line's UTF-8 bytes.
public enum LogNormalizer {
    public static func lines(of text: String) -> [LogLine] {
        var result: [LogLine] = []
        var number = 0
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var i = 0
            func emit(_ end: Int) {
                number += 1
                if let line = clean(bytes[start..<end]) { result.append(LogLine(number: number, text: line)) }
            }
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x0A || byte == 0x0D {
                    emit(i)
                    if byte == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            if start < bytes.count { emit(bytes.count) }
        }
        return removingCommonIndentation(result)
    }

    /// One line without control sequences and prefixes; nil for a Markdown code fence.
    static func clean(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let plainASCII = !raw.contains { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }
        var line: String
        if plainASCII, let first = raw.first, first != UInt8(ascii: "2"), first != UInt8(ascii: "["), first != UInt8(ascii: "#"),
            first != UInt8(ascii: ">"), first != UInt8(ascii: ":"), !(0x30...0x39).contains(first), first != UInt8(ascii: "`"),
            first != UInt8(ascii: "~"), first != UInt8(ascii: " ")
        {
            return String(decoding: raw, as: UTF8.self)  // nothing to strip: the common case
        }
        line = plainASCII ? String(decoding: raw, as: UTF8.self) : stripControlSequences(Substring(String(decoding: raw, as: UTF8.self)))
        line = stripPrefixes(line)
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { return nil }
        return line
    }

    /// The line without ANSI escape sequences (CSI `ESC [ … letter`, OSC `ESC ] … BEL`, and
    /// two-byte `ESC x`) and other control characters except tab.
    static func stripControlSequences(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        guard bytes.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) else { return String(line) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x1B {
                i += 1
                guard i < bytes.count else { break }
                if bytes[i] == UInt8(ascii: "[") {
                    i += 1
                    while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                    i += 1
                } else if bytes[i] == UInt8(ascii: "]") {
                    while i < bytes.count, bytes[i] != 0x07, bytes[i] != 0x1B { i += 1 }
                    if i < bytes.count, bytes[i] == 0x1B { i += 1 }  // ESC \ ends it too
                    i += 1
                } else {
                    i += 1
                }
                continue
            }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                i += 1
                continue
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes CI prefixes and Markdown quoting, repeatedly, from the start of a line.
    static func stripPrefixes(_ line: String) -> String {
        var rest = Substring(line)
        while true {
            let before = rest
            rest = stripTimestamp(rest)
            for marker in ["##[error]", "##[warning]", "##[group]", "##[endgroup]", "##[debug]", "::error::", "::warning::"]
            where rest.hasPrefix(marker) {
                rest = rest.dropFirst(marker.count)
            }
            if rest.hasPrefix(">") {
                rest = rest.dropFirst()
                if rest.hasPrefix(" ") { rest = rest.dropFirst() }
            }
            rest = stripBuildKitStep(rest)
            if rest == before { break }
        }
        return String(rest)
    }

    /// `2024-01-02T03:04:05.1234567Z `, `[2024-01-02T03:04:05.123Z] `, `2024-01-02 03:04:05 `,
    /// `[12:34:56] `, `12:34:56.789 ` and GitLab's stream marker after a timestamp (`00O `, `00E+`).
    static func stripTimestamp(_ line: Substring) -> Substring {
        var bytes = Array(line.utf8.prefix(48))
        var bracket = false
        if bytes.first == UInt8(ascii: "[") {
            bracket = true
            bytes.removeFirst()
        }
        var i = 0
        func digits(_ count: Int) -> Bool {
            guard i + count <= bytes.count, bytes[i..<(i + count)].allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
            i += count
            return true
        }
        func byte(_ c: Character) -> Bool {
            guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        let start = i
        if digits(4), byte("-"), digits(2), byte("-"), digits(2) {
            guard byte("T") || byte(" ") else { return line }
        } else {
            i = start
        }
        guard digits(2), byte(":"), digits(2), byte(":"), digits(2) else { return line }
        if byte(".") || byte(",") { while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 } }
        _ = byte("Z")
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"),
            i + 5 < bytes.count, (0x30...0x39).contains(bytes[i + 1])
        {
            i += 1
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) || bytes[i] == UInt8(ascii: ":") { i += 1 }
        }
        if bracket { guard byte("]") else { return line } }
        guard i == bytes.count || byte(" ") || byte("\t") else { return line }
        // GitLab: "00O " / "00E " / "00O+" after the timestamp.
        if i + 3 <= bytes.count, digits(2), byte("O") || byte("E") {
            _ = byte("+")
            _ = byte(" ")
        }
        let consumed = (bracket ? 1 : 0) + i
        return line.dropFirst(String(decoding: Array(line.utf8.prefix(consumed)), as: UTF8.self).count)
    }

    /// Docker BuildKit's `#12 3.456 ` (step number and seconds) or `#12 ` prefix.
    static func stripBuildKitStep(_ line: Substring) -> Substring {
        guard line.hasPrefix("#") else { return line }
        var rest = line.dropFirst()
        let number = rest.prefix { $0.isASCII && $0.isNumber }
        guard !number.isEmpty else { return line }
        rest = rest.dropFirst(number.count)
        guard rest.hasPrefix(" ") else { return line }
        rest = rest.dropFirst()
        let seconds = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        if !seconds.isEmpty, seconds.contains("."), rest.dropFirst(seconds.count).hasPrefix(" ") {
            rest = rest.dropFirst(seconds.count + 1)
        }
        return rest
    }

    /// Removes the run of spaces every non-blank line starts with (tabs are kept: Go indents its
    /// continuation lines with them).
    static func removingCommonIndentation(_ lines: [LogLine]) -> [LogLine] {
        var common = Int.max
        for line in lines where !line.text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            common = min(common, line.text.prefix { $0 == " " }.count)
            if common == 0 { return lines }
        }
        guard common != Int.max, common > 0 else { return lines }
        return lines.map { LogLine(number: $0.number, text: String($0.text.dropFirst(min(common, $0.text.prefix { $0 == " " }.count)))) }
    }
}
