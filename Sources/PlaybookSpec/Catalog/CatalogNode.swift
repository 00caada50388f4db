import Yams

/// A YAML node of the cause catalog with its place in the file, read through Yams' public API.
struct CatalogNode {
    let node: Node
    let file: String

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
