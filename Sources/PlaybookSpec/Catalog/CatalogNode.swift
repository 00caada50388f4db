import Yams

/// A YAML node of the cause catalog with its place in the file, read through Yams' public API.
struct CatalogNode {
    let node: Node
    let file: String

    /// The root of a catalog or corpus text (nil when it holds no document), parsed as playbooks
    /// are; a YAML error or a repeated key (the first written) is the one problem reported.
    static func root(of text: String, file: String) throws(CatalogFailure) -> Node? {
        let parsed: YAMLText.Parsed
        do {
            parsed = try YAMLText.parse(text, file: file)
        } catch {
            throw CatalogFailure([error])
        }
        if let (position, name) = parsed.renamed.min(by: { ($0.key.line, $0.key.column) < ($1.key.line, $1.key.column) }) {
            let at = SourceLocation(file: file, line: position.line, column: position.column)
            throw CatalogFailure([Diagnostic(at: at, "'\(name)' is written twice in this mapping; each id and key may appear once")])
        }
        return parsed.root
    }

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// The scalar's text, or nil for a mapping or list.
    var scalar: String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    /// The key/value pairs in file order, or nil when the node is not a mapping.
    var pairs: [(key: CatalogNode, value: CatalogNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { (CatalogNode(node: $0.key, file: file), CatalogNode(node: $0.value, file: file)) }
    }

    /// The entries, or nil when the node is not a list.
    var items: [CatalogNode]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.map { CatalogNode(node: $0, file: file) }
    }

    /// Whether the scalar is YAML's null (`~`, `null` or nothing).
    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What the node is, for messages: `text 'x'`, `a mapping`, `a list`.
    var kind: String {
        switch node {
        case .scalar(let scalar): "text '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
