/// The plain texts a regex cannot match without: for each top-level alternative, its longest run
/// of literal characters outside groups, classes and optional parts. A text containing none of
/// them cannot match, so the regex need not run (most lines of a CI log are skipped this way).
enum RequiredLiterals {
    /// nil when some alternative has no literal of at least three bytes, or the regex may ignore case.
    static func of(_ source: String) -> [[UInt8]]? {
        let bytes = Array(source.utf8)
        if source.contains("(?i") || source.contains("(?x") { return nil }
        var literals: [[UInt8]] = []
        for alternative in topLevelAlternatives(bytes) {
            let literal = longestLiteral(alternative)
            guard literal.count >= 3 else { return nil }
            literals.append(literal)
        }
        return literals.isEmpty ? nil : literals
    }

    static func topLevelAlternatives(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var depth = 0
        var inClass = false
        var start = 0
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") { inClass = false }
            } else if c == UInt8(ascii: "[") {
                inClass = true
            } else if c == UInt8(ascii: "(") {
                depth += 1
            } else if c == UInt8(ascii: ")") {
                depth -= 1
            } else if c == UInt8(ascii: "|"), depth == 0 {
                parts.append(bytes[start..<i])
                start = i + 1
            }
            i += 1
        }
        parts.append(bytes[start..<bytes.count])
        return parts
    }

    static func longestLiteral(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var best: [UInt8] = []
        var current: [UInt8] = []
        func flush() {
            if current.count > best.count { best = current }
            current = []
        }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.endIndex else {
                    flush()
                    i += 1
                    continue
                }
                let next = bytes[i + 1]
                let isLetterOrDigit = (0x30...0x39).contains(next) || (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next)
                if isLetterOrDigit { flush() } else { current.append(next) }  // \s \d \n … vs \. \( \$
                i += 2
            case UInt8(ascii: "("):
                flush()
                var depth = 0
                var inClass = false
                while i < bytes.endIndex {
                    if bytes[i] == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if inClass {
                        if bytes[i] == UInt8(ascii: "]") { inClass = false }
                        i += 1
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "[") {
                        inClass = true
                        i += 1
                        continue
                    }
                    if bytes[i] == UInt8(ascii: "(") { depth += 1 }
                    if bytes[i] == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    i += 1
                }
                i += 1
                dropIfQuantified(&i, in: bytes, current: &current, group: true)
            case UInt8(ascii: "["):
                flush()
                i += 1
                if i < bytes.endIndex, bytes[i] == UInt8(ascii: "]") { i += 1 }
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: "]") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i += 1
                dropIfQuantified(&i, in: bytes, current: &current, group: true)
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                flush()
                i += 1
                dropIfQuantified(&i, in: bytes, current: &current, group: true)
            case UInt8(ascii: "?"), UInt8(ascii: "*"):
                if !current.isEmpty { current.removeLast() }
                flush()
                i += 1
            case UInt8(ascii: "{"):
                if !current.isEmpty { current.removeLast() }
                flush()
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: "}") { i += 1 }
                i += 1
            case UInt8(ascii: "+"):
                flush()
                i += 1
            default:
                current.append(c)
                i += 1
            }
        }
        flush()
        return best
    }

    /// After a group, class or `.`: skip a quantifier (it applies to what was skipped anyway).
    private static func dropIfQuantified(_ i: inout Int, in bytes: ArraySlice<UInt8>, current: inout [UInt8], group: Bool) {
        guard i < bytes.endIndex else { return }
        switch bytes[i] {
        case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"): i += 1
        case UInt8(ascii: "{"):
            while i < bytes.endIndex, bytes[i] != UInt8(ascii: "}") { i += 1 }
            i += 1
        default: break
        }
    }
}
