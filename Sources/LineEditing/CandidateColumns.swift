/// Lays out completion candidates in columns, like `ls`, for a terminal of a given width.
enum CandidateColumns {
    /// The candidates in column-major order, one text line per row, joined by "\n" (no final newline).
    ///
    /// - Parameters:
    ///   - words: the candidates, already in display order.
    ///   - width: terminal width in columns; a candidate wider than that gets a row of its own.
    static func layout(_ words: [String], width: Int) -> String {
        guard !words.isEmpty else { return "" }
        let cellWidth = (words.map(\.count).max() ?? 0) + 2
        let columnCount = max(1, min(words.count, width / cellWidth))
        let rowCount = (words.count + columnCount - 1) / columnCount
        var rows: [String] = []
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < words.count else { break }
                let word = words[index]
                line += word + String(repeating: " ", count: cellWidth - word.count)
            }
            rows.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
        }
        return rows.joined(separator: "\n")
    }
}
