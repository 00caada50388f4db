import Foundation
import PlaybookSpec

/// Puts together the answers `gotriage run` starts with: `--answers FILE`, then `--answer` flags,
/// which win over the file.
enum AnswerSources {
    /// The file's answers overlaid with the flags'.
    static func merge(file: String?, flags: [String: String]) throws(AnswersFileError) -> [String: String] {
        guard let file else { return flags }
        do {
            return try AnswersFile.load(file: file).merging(flags) { _, flag in flag }
        } catch {
            let source = try? String(contentsOfFile: file, encoding: .utf8)
            throw AnswersFileError(rendered: DiagnosticRenderer { $0 == file ? source : nil }.render(error))
        }
    }
}

/// An answers file that cannot be used: a usage error (exit 2), shown as `file:line:col: error: …`
/// with the source line and a caret.
struct AnswersFileError: Error, CustomStringConvertible {
    let rendered: String
    var description: String { rendered }
}
