/// A parsed YAML text as the loader sees it: texts, lists and mappings with 1-based positions.
///
/// Scalars stay text (no YAML 1.1 guessing: `yes` is the word "yes", `5` is the text "5"); the
/// loader decides what a value means where it reads it. Mappings keep every pair in file order,
/// repeated keys included, so two steps with one id both reach the validator.
///
/// Every node lives in one flat table and children are index ranges into another, so a node is
/// just its number (`YAMLNode`): handing nodes around costs nothing, and a 10 000-step playbook
/// is a few arrays rather than hundreds of thousands of small allocations.
final class YAMLTree: Sendable {
    enum Kind: UInt8 {
        case scalar, sequence, mapping
    }

    /// 1-based line and column (columns count Unicode scalars).
    struct Position {
        var line: Int
        var column: Int
    }

    struct Scalar {
        enum Style: UInt8 {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        var string: String
        var style: Style
        var position: Position

        /// Whether it is YAML's "nothing": an empty plain scalar, `~` or `null`.
        var isNull: Bool {
            style == .plain && ["", "~", "null", "Null", "NULL"].contains(string)
        }
    }

    /// One row of the table: what the node is, where it was written, and where its content is
    /// (a scalar's index in `strings`; a collection's first index in `children` and its count).
    struct Node {
        var kind: Kind
        var style: Scalar.Style
        var line: Int32
        var column: Int32
        var start: Int32
        var count: Int32
    }

    let root: YAMLNode
    private let nodes: [Node]
    private let strings: [String]
    /// A sequence's elements; a mapping's keys and values, alternating.
    private let children: [YAMLNode]

    init(root: YAMLNode, nodes: [Node], strings: [String], children: [YAMLNode]) {
        self.root = root
        self.nodes = nodes
        self.strings = strings
        self.children = children
    }

    /// Another tree object over the same tables (see `NodeReading.ownCopy`).
    func sharingTables() -> YAMLTree {
        YAMLTree(root: root, nodes: nodes, strings: strings, children: children)
    }

    func kind(of node: YAMLNode) -> Kind { nodes[node.index].kind }

    func position(of node: YAMLNode) -> Position {
        let row = nodes[node.index]
        return Position(line: Int(row.line), column: Int(row.column))
    }

    /// The scalar `node` is, or nil for a list or mapping.
    func scalar(_ node: YAMLNode) -> Scalar? {
        let row = nodes[node.index]
        guard row.kind == .scalar else { return nil }
        return Scalar(string: strings[Int(row.start)], style: row.style,
                      position: Position(line: Int(row.line), column: Int(row.column)))
    }

    /// The elements of the list `node` is, or nil for a scalar or mapping.
    func elements(of node: YAMLNode) -> ArraySlice<YAMLNode>? {
        let row = nodes[node.index]
        guard row.kind == .sequence else { return nil }
        return children[Int(row.start)..<Int(row.start + row.count)]
    }

    /// The pairs of the mapping `node` is, in file order, or nil for a scalar or list.
    func pairs(of node: YAMLNode) -> Pairs? {
        let row = nodes[node.index]
        guard row.kind == .mapping else { return nil }
        return Pairs(nodes: children[Int(row.start)..<Int(row.start + row.count)])
    }

    /// A mapping's `(key, value)` pairs, read from its alternating children.
    struct Pairs: RandomAccessCollection {
        let nodes: ArraySlice<YAMLNode>

        var startIndex: Int { 0 }
        var endIndex: Int { nodes.count / 2 }

        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            let key = nodes.startIndex + 2 * position
            return (nodes[key], nodes[key + 1])
        }
    }
}

/// A node of a `YAMLTree`: its row in the tree's table.
struct YAMLNode: Hashable, Sendable {
    let index: Int
}
