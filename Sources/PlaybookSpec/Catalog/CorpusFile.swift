import Diagnosis
import Foundation

/// Reads a corpus file: a YAML list of labelled error texts, as in `Corpus/public-*.yaml`
/// (`cause`, `source`, `go`, `confirmed`, `text`) and `Corpus/lab/*.yaml` (`cause`, `go`,
/// `scenario`, `command`, `text`).
public enum CorpusFile {
    public static func load(file path: String) throws(CatalogFailure) -> [CorpusEntry] {
        let at = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogFailure([Diagnostic(at: at, "cannot read '\(path)'")])
        }
        guard let root = try CatalogNode.root(of: String(decoding: data, as: UTF8.self), file: path) else { return [] }
        guard let items = CatalogNode(node: root, file: path).items else {
            throw CatalogFailure([Diagnostic(at: at, "a corpus file is a list of entries with 'cause' and 'text'")])
        }
        var entries: [CorpusEntry] = []
        var problems: [Diagnostic] = []
        for item in items {
            guard let pairs = item.pairs else {
                problems.append(Diagnostic(at: item.location, "a corpus entry should be a mapping, not \(item.kind)"))
                continue
            }
            var values: [String: String] = [:]
            for (key, value) in pairs { if let name = key.scalar, let text = value.scalar { values[name] = text } }
            guard let cause = values["cause"], let text = values["text"] else {
                problems.append(Diagnostic(at: item.location, "a corpus entry needs 'cause' and 'text'"))
                continue
            }
            entries.append(
                CorpusEntry(
                    cause: cause, text: text, source: values["source"] ?? values["scenario"],
                    goRelease: values["go"], location: item.location))
        }
        guard problems.isEmpty else { throw CatalogFailure(problems) }
        return entries
    }
}

/// One labelled text of the corpus.
public struct CorpusEntry: Sendable {
    /// The cause the thread (or the lab scenario) confirmed.
    public var cause: String
    public var text: String
    /// The public report's address, or the lab scenario's name.
    public var source: String?
    public var goRelease: String?
    public var location: SourceLocation
}
