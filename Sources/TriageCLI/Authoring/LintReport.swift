import Foundation
import PlaybookSpec

/// What `gotriage lint` found: the errors of loading and validating, or else the linter's
/// warnings, rendered with their source lines, and a count.
struct LintReport {
    private(set) var errors = 0
    private(set) var warnings = 0
    private(set) var rendered = ""

    /// Loads `user` (folders or files) over `shipped` as gotriage does, but with every problem an
    /// error and full checks (nothing is vouched for), and lints them. `checked`: the paths whose
    /// warnings count (nil: all).
    init(shipped: String, user: [String], checked: [String]?) {
        let diagnostics: [Diagnostic]
        var sources: [String: String] = [:]
        switch PlaybookSet.load(shipped: shipped, user: user, strict: true) {
        case .failure(let failure):
            diagnostics = failure.diagnostics
            sources = failure.sources
        case .success(let layered):
            let knowledge = layered.knowledge
            let inChecked = checked.map { paths in
                Set(knowledge.tree.all.map(\.file) + [knowledge.catalog.file]).filter { file in
                    paths.contains { path in Self.lies(file, in: path) }
                }
            }
            diagnostics = layered.notices + Linter.warnings(knowledge.tree, catalog: knowledge.catalog, files: inChecked)
        }
        let renderer = DiagnosticRenderer { file in
            sources[file] ?? (try? String(contentsOfFile: file, encoding: .utf8))
        }
        for diagnostic in diagnostics {
            rendered += renderer.render(diagnostic) + "\n"
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: break
            }
        }
        rendered += Self.summary(errors: errors, warnings: warnings) + "\n"
    }

    /// Whether `file` is `path` or lies inside the folder `path`.
    static func lies(_ file: String, in path: String) -> Bool {
        let file = PlaybookCatalog.standardized(file)
        let path = PlaybookCatalog.standardized(path)
        return file == path || file.hasPrefix(path.hasSuffix("/") ? path : path + "/")
    }

    static func summary(errors: Int, warnings: Int) -> String {
        func count(_ number: Int, _ word: String) -> String { "\(number) \(word)\(number == 1 ? "" : "s")" }
        if errors == 0, warnings == 0 { return "No problems found." }
        return "\(count(errors, "error")), \(count(warnings, "warning"))."
    }
}
