import Diagnosis

/// What the validator needs of the cause catalog: which cause and signature ids exist, and where
/// a `route: causes` arm can lead (each cause's `start`, as a node of the playbooks being checked).
struct CatalogReferences {
    let causeIDs: [String]
    let signatureIDs: [String]
    private let causeSet: Set<String>
    private let signatureSet: Set<String>
    /// Cause id → the node of its `start` step, for every start the playbooks hold (a start that
    /// names no step is the catalog check's problem, reported by `PlaybookSet`).
    let starts: [(cause: String, node: Int)]

    init(_ catalog: Catalog, index: PlaybookIndex) {
        causeIDs = catalog.causeIDs
        signatureIDs = catalog.signatureIDs
        causeSet = Set(causeIDs)
        signatureSet = Set(signatureIDs)
        starts = catalog.causes.compactMap { cause in
            guard let start = cause.start, let document = index.playbooks[start.playbook],
                let node = index.node(start.step, in: document)
            else { return nil }
            return (cause.id, node)
        }
    }

    /// Reports a cause id the catalog does not define; `what` names where it was written.
    func check(cause: Located<String>, in what: String?, problems: inout Problems) {
        guard !causeSet.contains(cause.value) else { return }
        let hint =
            Self.suggestion(for: cause.value, among: causeIDs)
            .map { "; did you mean '\($0)'?" } ?? "; the known causes are listed in Playbooks/causes.yaml"
        problems.error(cause.location, "unknown cause '\(cause.value)'\(what.map { " in \($0)" } ?? "")\(hint)")
    }

    /// Reports a signature id the catalog does not define.
    func check(signature: Located<String>, problems: inout Problems) {
        guard !signatureSet.contains(signature.value) else { return }
        let hint =
            Self.suggestion(for: signature.value, among: signatureIDs)
            .map { "; did you mean '\($0)'?" } ?? "; the signatures are listed in Playbooks/causes.yaml"
        problems.error(signature.location, "unknown signature '\(signature.value)'\(hint)")
    }

    /// The id closest to `word`: a near spelling, else the longest id that `word` extends or that
    /// extends `word` by whole hyphenated words (`ssh-host-key-changed` → `ssh-host-key`).
    static func suggestion(for word: String, among ids: [String]) -> String? {
        if let close = Suggestion.closest(to: word, among: ids) { return close }
        return ids.filter { word.hasPrefix($0 + "-") || $0.hasPrefix(word + "-") }.max { $0.count < $1.count }
    }
}
