import Diagnosis
import Foundation
import PlaybookSpec
import Testing

/// README's cause table is the catalog's: same ids, same meanings, same order. Edit
/// `Playbooks/causes.yaml`, then the table (this test prints the rows it expects).
@Suite struct ReadmeCauseTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rows of the first Markdown table whose header starts with `| cause id |`.
    static func tableRows(in text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| cause id |") }) else { return [] }
        return Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
    }

    @Test func readmeCauseTableMatchesTheCatalog() throws {
        let catalog = try CatalogLoader.load(file: Self.root.appendingPathComponent("Playbooks/causes.yaml").path).get().catalog
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let expected = catalog.causes.map { "| `\($0.id)` | \($0.meaning) |" }
        let actual = Self.tableRows(in: readme)
        #expect(actual == expected, "README.md's cause table should be:\n\(expected.joined(separator: "\n"))")
    }
}
