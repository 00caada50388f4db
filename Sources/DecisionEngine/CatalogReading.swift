import Diagnosis
import PlaybookSpec

/// The cause catalog's reading of the texts one step looks at — a probe's stdout and stderr, or
/// a variable's value — each diagnosed once, however many arms ask.
final class CatalogReading {
    let diagnoser: Diagnoser
    private var readings: [String: TextReading] = [:]

    init(diagnoser: Diagnoser) {
        self.diagnoser = diagnoser
    }

    /// The sources joined into one log (in order) and diagnosed; evidence lines are named after
    /// the source they came from (`stdout line 4: "…"`).
    func read(_ sources: [(name: String, text: String)]) -> TextReading {
        var text = ""
        var counts: [(name: String, lines: Int)] = []
        for (name, part) in sources where !part.isEmpty {
            let ended = part.hasSuffix("\n") ? part : part + "\n"
            text += ended
            counts.append((name, ended.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }))
        }
        if let known = readings[text] { return known }
        let reading = TextReading(result: diagnoser.diagnose(text), sources: counts, catalog: diagnoser.catalog)
        readings[text] = reading
        return reading
    }
}
