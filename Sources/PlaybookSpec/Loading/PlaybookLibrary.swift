import Diagnosis
import Foundation

/// Loads a set of playbook files and validates them together into one `DecisionTree`, against
/// the cause catalog given (`CatalogLoader` loads it; `PlaybookSet` loads both from folders).
public enum PlaybookLibrary {
    /// Loads every file (reporting the first structural error of each file that fails) and, when
    /// all loaded, validates them together.
    public static func load(files: [String], catalog: Catalog) -> Result<DecisionTree, PlaybookLoadFailure> {
        load(
            files.map { file in (file, Result { () throws(Diagnostic) in try PlaybookLoader.read(file) }) },
            catalog: catalog, diagnoser: nil)
    }

    /// Loads the files against a loaded catalog, whose diagnoser the tree then shares;
    /// `validated` may vouch for file texts (see `ValidatedTexts`).
    public static func load(
        files: [String], catalog: LoadedCatalog, validated: (any ValidatedTexts)? = nil
    ) -> Result<DecisionTree, PlaybookLoadFailure> {
        load(
            files.map { file in (file, Result { () throws(Diagnostic) in try PlaybookLoader.read(file) }) },
            catalog: catalog.catalog, diagnoser: catalog.diagnoser, validated: validated)
    }

    /// Loads playbooks given as text, each named `file` in its locations, like ``load(files:)``.
    public static func load(texts: [(file: String, text: String)], catalog: Catalog) -> Result<DecisionTree, PlaybookLoadFailure> {
        load(texts.map { ($0.file, .success($0.text)) }, catalog: catalog, diagnoser: nil)
    }

    /// Loads playbooks given as text against a loaded catalog, whose diagnoser (its regexes
    /// compiled once) the tree then shares: for callers that load many small playbooks.
    public static func load(
        texts: [(file: String, text: String)], catalog: LoadedCatalog
    ) -> Result<DecisionTree, PlaybookLoadFailure> {
        load(texts.map { ($0.file, .success($0.text)) }, catalog: catalog.catalog, diagnoser: catalog.diagnoser)
    }

    private static func load(
        _ inputs: [(file: String, text: Result<String, Diagnostic>)], catalog: Catalog,
        diagnoser: Diagnoser?, validated: (any ValidatedTexts)? = nil
    ) -> Result<DecisionTree, PlaybookLoadFailure> {
        let read = read(inputs, validated: validated)
        guard read.diagnostics.isEmpty else {
            return .failure(PlaybookLoadFailure(diagnostics: read.diagnostics, sources: read.sources))
        }
        return validate(read.documents, read: read, catalog: catalog, diagnoser: diagnoser, validated: validated)
    }

    /// What reading a set of files gave: a document per file that loaded, a diagnostic per file
    /// that did not, every text read, and the files `validated` vouched for.
    struct Read {
        var documents: [PlaybookDocument] = []
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        var vouched: Set<String> = []
    }

    /// Reads each file (reporting the first structural error of each that fails).
    static func read(_ inputs: [(file: String, text: Result<String, Diagnostic>)], validated: (any ValidatedTexts)?) -> Read {
        let loader = PlaybookLoader()
        var read = Read()
        for (file, text) in inputs {
            do {
                let text = try text.get()
                read.sources[file] = text
                let known = validated?.hasPassed(text) == true
                if known { read.vouched.insert(file) }
                read.documents.append(try loader.load(text: text, file: file, vouched: known))
            } catch {
                read.diagnostics.append(error)
            }
        }
        return read
    }

    /// Reads the files at `paths`.
    static func read(files paths: [String], validated: (any ValidatedTexts)?) -> Read {
        read(paths.map { file in (file, Result { () throws(Diagnostic) in try PlaybookLoader.read(file) }) }, validated: validated)
    }

    /// Validates `documents` (from `read`) together; on success `validated` remembers their texts.
    static func validate(
        _ documents: [PlaybookDocument], read: Read, catalog: Catalog, diagnoser: Diagnoser?, validated: (any ValidatedTexts)?
    ) -> Result<DecisionTree, PlaybookLoadFailure> {
        do {
            let tree = try Validator.validate(documents, causes: catalog, diagnoser: diagnoser, vouchedFiles: read.vouched)
            for document in documents where !read.vouched.contains(document.file) {
                if let text = read.sources[document.file] { validated?.recordPassed(text) }
            }
            return .success(tree)
        } catch {
            return .failure(PlaybookLoadFailure(diagnostics: error.diagnostics, sources: read.sources))
        }
    }

    /// Loads every `*.yaml` and `*.yml` file directly inside the directories (each directory's
    /// files sorted by name, directories in the order given).
    public static func load(directories: [String], catalog: Catalog) -> Result<DecisionTree, PlaybookLoadFailure> {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for directory in directories {
            switch playbookFiles(in: directory) {
            case .success(let found): files += found
            case .failure(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else { return .failure(PlaybookLoadFailure(diagnostics: problems, sources: [:])) }
        return load(files: files, catalog: catalog)
    }

    /// The playbook files directly inside `directory`, sorted by name, as `directory/name`.
    public static func playbookFiles(in directory: String) -> Result<[String], Diagnostic> {
        let at = SourceLocation(file: directory, line: 1, column: 1)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            return .failure(Diagnostic(at: at, "cannot list the playbook directory '\(directory)'"))
        }
        let playbooks = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !playbooks.isEmpty else {
            return .failure(Diagnostic(at: at, "no playbooks (*.yaml or *.yml files) in '\(directory)'"))
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return .success(playbooks.map { prefix + $0 })
    }
}
