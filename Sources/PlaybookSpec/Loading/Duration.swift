/// Reads the durations playbooks write: `500ms`, `2s`, `1.5s`, `1m`.
enum Duration {
    /// What went wrong with a duration text.
    enum Problem: Error, Equatable {
        /// A number without a unit, such as `5`.
        case noUnit
        /// Not a number followed by ms, s or m.
        case malformed
        /// Zero (or less than half a millisecond).
        case zero
    }

    /// The duration in milliseconds, rounded to the nearest millisecond.
    static func milliseconds(_ text: String) -> Result<Int, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
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
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension Set<Character> {
    fileprivate static let whitespaces: Set<Character> = [" ", "\t"]
}
