/// Reads the durations playbooks and `gotriage probe --timeout` take: `500ms`, `2s`, `1.5s`, `1m`.
///
/// A number (digits with at most one inner `.`) and a unit, `ms`, `s` or `m`; blanks around it
/// are ignored.
public enum DurationText {
    /// What went wrong with a duration text.
    public enum Problem: Error, Equatable, Sendable {
        /// A number without a unit, such as `5`.
        case noUnit
        /// Not a number followed by ms, s or m.
        case malformed
        /// Zero (or less than half a millisecond).
        case zero
    }

    /// The duration in milliseconds, rounded to the nearest millisecond.
    public static func milliseconds(_ text: String) -> Result<Int, Problem> {
        let trimmed = trimmingBlanks(text)
        let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = trimmed.dropFirst(number.count)
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number.first != ".",
            number.last != ".", let value = Double(number)
        else { return .failure(.malformed) }
        let scale: Double
        switch unit {
        case "": return .failure(.noUnit)
        case "ms": scale = 1
        case "s": scale = 1_000
        case "m": scale = 60_000
        default: return .failure(.malformed)
        }
        let milliseconds = (value * scale).rounded()
        guard milliseconds >= 1 else { return .failure(.zero) }
        guard milliseconds < Double(Int32.max) else { return .failure(.malformed) }
        return .success(Int(milliseconds))
    }

    /// `text` without the spaces and tabs around it.
    private static func trimmingBlanks(_ text: String) -> Substring {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = text.utf8.firstIndex(where: { !isBlank($0) }),
            let last = text.utf8.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return text[first...last]
    }
}
