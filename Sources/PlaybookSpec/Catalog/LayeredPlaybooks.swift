import Foundation

/// Where a loaded playbook came from.
public struct PlaybookOrigin: Sendable, Equatable {
    public var file: String
    public var shipped: Bool
    /// The shipped file this user playbook stands in for (same id), if any.
    public var replaces: String?
}

/// The playbooks of a search path: user folders (first wins for an id) over the shipped ones.
///
/// A user playbook with a shipped playbook's id replaces it, and says so. A user file that does
/// not load, or that the validator finds a problem in, is left out with its problems as warnings,
/// and the rest is loaded without it; if the set still fails, every user playbook is left out.
/// The shipped playbooks themselves must load: a problem there is an error.
public struct LayeredKnowledge: Sendable {
    public var knowledge: Knowledge
    /// By playbook id.
    public var origins: [String: PlaybookOrigin]
    /// Replaced playbooks (notes) and the user files left out, with why (warnings), in order.
    public var notices: [Diagnostic]
    /// The texts of the files read, for rendering `notices` with their source lines.
    public var sources: [String: String]
    /// The problems of each user playbook left out, by its id (for a file that did not load, the
    /// file's name without `.yaml`): `gotriage run ID` reports them as errors.
    public var leftOut: [String: [Diagnostic]] = [:]

    public var tree: DecisionTree { knowledge.tree }
}

extension PlaybookSet {
    /// Loads the shipped folder and the user's folders (or playbook files) in search order (see
    /// `LayeredKnowledge`). The first user folder with a `causes.yaml` gives the catalog; one that
    /// does not load is left out for the shipped catalog. `strict` (`gotriage lint`): a problem
    /// in a user file fails the load instead of leaving the file out.
    public static func load(
        shipped: String, user folders: [String], strict: Bool = false, validated: (any ValidatedTexts)? = nil
    ) -> Result<LayeredKnowledge, PlaybookLoadFailure> {
        var notices: [Diagnostic] = []
        var sources: [String: String] = [:]
        let catalog: LoadedCatalog
        switch catalogOfLayers(
            shipped: shipped, user: folders, strict: strict, validated: validated, notices: &notices, sources: &sources)
        {
        case .success(let loaded): catalog = loaded
        case .failure(let failure): return .failure(failure)
        }
        let shippedFiles: [String]
        switch playbookFiles(in: shipped) {
        case .success(let files): shippedFiles = files
        case .failure(let problem): return .failure(PlaybookLoadFailure(diagnostics: [problem], sources: [:]))
        }
        let shippedRead = PlaybookLibrary.read(files: shippedFiles, validated: validated)
        guard shippedRead.diagnostics.isEmpty else {
            return .failure(PlaybookLoadFailure(diagnostics: shippedRead.diagnostics, sources: shippedRead.sources))
        }
        sources.merge(shippedRead.sources) { first, _ in first }
        let user: UserDocuments
        switch readUser(folders, strict: strict, validated: validated) {
        case .success(let read): user = read
        case .failure(let failure):
            return .failure(PlaybookLoadFailure(diagnostics: failure.diagnostics, sources: sources.merging(failure.sources) { $1 }))
        }
        sources.merge(user.read.sources) { first, _ in first }
        notices += user.notices
        var leftOut = user.leftOut
        var read = shippedRead
        read.sources.merge(user.read.sources) { first, _ in first }
        read.vouched.formUnion(user.read.vouched)
        // Validate together; leave out the user files a problem is in (all of them when the problem
        // is in a shipped file), until the set checks.
        var kept = user.documents
        while true {
            let documents = merged(shipped: shippedRead.documents, user: kept)
            switch PlaybookLibrary.validate(
                documents, read: read, catalog: catalog.catalog, diagnoser: catalog.diagnoser, validated: validated)
            {
            case .success(let tree):
                notices += replacements(shipped: shippedRead.documents, user: kept)
                let startProblems = checkStarts(catalog, tree: tree)
                guard startProblems.isEmpty else {
                    return .failure(PlaybookLoadFailure(diagnostics: startProblems, sources: sources))
                }
                return .success(
                    LayeredKnowledge(
                        knowledge: Knowledge(tree: tree, catalog: catalog),
                        origins: origins(shipped: shippedRead.documents, user: kept), notices: notices, sources: sources,
                        leftOut: leftOut))
            case .failure(let failure):
                if strict { return .failure(PlaybookLoadFailure(diagnostics: failure.diagnostics, sources: sources)) }
                let userFiles = Set(kept.map(\.file))
                let blamed = Set(failure.diagnostics.map(\.location.file)).intersection(userFiles)
                guard !kept.isEmpty else { return .failure(failure) }
                // Leave out the user files the problems are in; with none to blame, all of them.
                let leaving = blamed.isEmpty ? userFiles : blamed
                notices += failure.diagnostics.filter { leaving.contains($0.location.file) }.map { left(out: $0) }
                for document in kept where leaving.contains(document.file) {
                    let own = failure.diagnostics.filter { $0.location.file == document.file }
                    leftOut[document.id.value, default: []] += own.isEmpty ? failure.diagnostics : own
                }
                if blamed.isEmpty {
                    notices += kept.map { document in
                        Diagnostic(
                            .warning, at: document.location,
                            "left out: with the user playbooks the shipped ones do not check (\(failure.diagnostics.first?.description ?? ""))"
                        )
                    }
                }
                kept.removeAll { leaving.contains($0.file) }
            }
        }
    }

    /// The user's playbooks as read, before they meet the shipped ones.
    private struct UserDocuments {
        /// One per id, the first folder's.
        var documents: [PlaybookDocument] = []
        var read = PlaybookLibrary.Read()
        /// Files that did not load (warnings) and ids given twice (notes).
        var notices: [Diagnostic] = []
        var leftOut: [String: [Diagnostic]] = [:]
    }

    /// Reads the user's folders (or files), first first; a second document with an id is left
    /// out. `strict`: the first file that does not load fails the load.
    private static func readUser(
        _ folders: [String], strict: Bool, validated: (any ValidatedTexts)?
    ) -> Result<UserDocuments, PlaybookLoadFailure> {
        var user = UserDocuments()
        for folder in folders {
            let read = PlaybookLibrary.read(files: userFiles(folder), validated: validated)
            user.read.sources.merge(read.sources) { first, _ in first }
            if strict, !read.diagnostics.isEmpty {
                return .failure(PlaybookLoadFailure(diagnostics: read.diagnostics, sources: user.read.sources))
            }
            user.read.vouched.formUnion(read.vouched)
            user.notices += read.diagnostics.map { left(out: $0) }
            for problem in read.diagnostics {
                let name = ((problem.location.file as NSString).lastPathComponent as NSString).deletingPathExtension
                user.leftOut[name, default: []].append(problem)
            }
            for document in read.documents {
                if let earlier = user.documents.first(where: { $0.id.value == document.id.value }) {
                    user.notices.append(
                        Diagnostic(
                            .note, at: document.id.location,
                            "playbook '\(document.id.value)' is also in \(earlier.file), which comes first; this one is not used"))
                    continue
                }
                user.documents.append(document)
            }
        }
        return .success(user)
    }

    /// The catalog: the first user folder's `causes.yaml` that loads, else the shipped one.
    private static func catalogOfLayers(
        shipped: String, user folders: [String], strict: Bool, validated: (any ValidatedTexts)?,
        notices: inout [Diagnostic], sources: inout [String: String]
    ) -> Result<LoadedCatalog, PlaybookLoadFailure> {
        for folder in folders {
            let file = (folder as NSString).appendingPathComponent(CatalogLoader.fileName)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            switch CatalogLoader.load(file: file, validated: validated) {
            case .success(let loaded): return .success(loaded)
            case .failure(let failure):
                sources[file] = try? String(contentsOfFile: file, encoding: .utf8)
                if strict { return .failure(PlaybookLoadFailure(diagnostics: failure.diagnostics, sources: sources)) }
                notices += failure.diagnostics.map { left(out: $0) }
            }
        }
        let file = ShippedCatalog.file(in: shipped)
        switch CatalogLoader.load(file: file, validated: validated) {
        case .success(let loaded): return .success(loaded)
        case .failure(let failure):
            let text = (try? String(contentsOfFile: file, encoding: .utf8)).map { [file: $0] } ?? [:]
            return .failure(PlaybookLoadFailure(diagnostics: failure.diagnostics, sources: text))
        }
    }

    /// The playbook files of a user entry: a folder's (none when it has none), or the file itself.
    private static func userFiles(_ entry: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: entry, isDirectory: &isFolder), isFolder.boolValue else { return [entry] }
        if case .success(let files) = playbookFiles(in: entry) { return files }
        return []
    }

    /// A problem of a user file, as the warning that leaves the file out.
    private static func left(out problem: Diagnostic) -> Diagnostic {
        Diagnostic(.warning, at: problem.location, "left out: \(problem.message)")
    }

    /// The shipped documents with each one a user document replaces swapped for it, then the
    /// user's new ones.
    private static func merged(shipped: [PlaybookDocument], user: [PlaybookDocument]) -> [PlaybookDocument] {
        let byID = Dictionary(user.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        let shippedIDs = Set(shipped.map(\.id.value))
        return shipped.map { byID[$0.id.value] ?? $0 } + user.filter { !shippedIDs.contains($0.id.value) }
    }

    private static func replacements(shipped: [PlaybookDocument], user: [PlaybookDocument]) -> [Diagnostic] {
        user.compactMap { document in
            guard let original = shipped.first(where: { $0.id.value == document.id.value }) else { return nil }
            return Diagnostic(
                .note, at: document.id.location, "playbook '\(document.id.value)' replaces the shipped one (\(original.file))")
        }
    }

    private static func origins(shipped: [PlaybookDocument], user: [PlaybookDocument]) -> [String: PlaybookOrigin] {
        var origins: [String: PlaybookOrigin] = [:]
        for document in shipped { origins[document.id.value] = PlaybookOrigin(file: document.file, shipped: true) }
        for document in user {
            origins[document.id.value] = PlaybookOrigin(file: document.file, shipped: false, replaces: origins[document.id.value]?.file)
        }
        return origins
    }
}
