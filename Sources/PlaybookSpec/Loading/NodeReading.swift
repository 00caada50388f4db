/// Reads the nodes of one parsed file: their texts, lists and mappings, their locations, and
/// type errors in plain words.
struct NodeReading: Sendable {
    let file: String
    let tree: YAMLTree

    /// The same reading with its own copy of the file name (which every location it makes holds)
    /// and its own handle on the tree: one per thread keeps threads from contending on one
    /// reference count, which costs more than the reading itself.
    func ownCopy() -> NodeReading {
        NodeReading(file: String(decoding: Array(file.utf8), as: UTF8.self), tree: tree.sharingTables())
    }

    func location(of node: YAMLNode) -> SourceLocation {
        let position = tree.position(of: node)
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// The location `offset` characters into a one-line scalar, when its text is written
    /// verbatim; otherwise the scalar's own location.
    func location(of node: YAMLNode, offset: Int) -> SourceLocation {
        var place = location(of: node)
        guard let scalar = tree.scalar(node), !scalar.string.contains("\n") else { return place }
        switch scalar.style {
        case .plain:
            place.column += offset
        case .singleQuoted where !scalar.string.contains("'"):
            place.column += offset + 1
        case .doubleQuoted where !scalar.string.contains("\\") && !scalar.string.contains("\""):
            place.column += offset + 1
        default:
            break
        }
        return place
    }

    /// Whether the node is YAML's "nothing": an empty plain scalar, `~` or `null`.
    func isNull(_ node: YAMLNode) -> Bool {
        tree.scalar(node)?.isNull ?? false
    }

    /// How a node looks to the person who wrote it: `text 'go version'`, `a list`, `a mapping`.
    func describe(_ node: YAMLNode) -> String {
        if isNull(node) { return "empty" }
        if let scalar = tree.scalar(node) { return "text '\(scalar.string)'" }
        return tree.kind(of: node) == .sequence ? "a list" : "a mapping"
    }

    func typeError(_ key: String, _ node: YAMLNode, expected: String) -> Diagnostic {
        let actual = describe(node)
        let text = actual == "empty" ? "'\(key)' is empty; it should be \(expected)"
            : "'\(key)' should be \(expected), not \(actual)"
        return Diagnostic(at: location(of: node), text)
    }

    /// The text of a scalar node (never of YAML's "nothing").
    func text(_ node: YAMLNode, key: String) throws(Diagnostic) -> Located<String> {
        guard let scalar = tree.scalar(node), !scalar.isNull else {
            throw typeError(key, node, expected: "text")
        }
        return Located(scalar.string, at: location(of: node))
    }

    func template(_ node: YAMLNode, key: String) throws(Diagnostic) -> Located<Template> {
        let source = try text(node, key: key)
        return Located(try template(source.value, key: key, node: node), at: source.location)
    }

    /// Parses `{{name}}` placeholders, pointing at the faulty `{{` when it can.
    func template(_ text: String, key: String, node: YAMLNode) throws(Diagnostic) -> Template {
        if !text.utf8.contains(UInt8(ascii: "{")) { return Template(literal: text) }
        do {
            return try Template.parse(text)
        } catch {
            switch error {
            case .unclosed(let offset):
                throw Diagnostic(at: location(of: node, offset: offset),
                                 "'{{' in '\(key)' has no closing '}}' (in '\(text)')")
            case .badName(let name, let offset):
                throw Diagnostic(at: location(of: node, offset: offset),
                                 "'{{\(name)}}' in '\(key)' is not a variable name; names use letters, digits, '_', '-' and '.'")
            }
        }
    }

    func sequence(_ node: YAMLNode, key: String, expected: String = "a list") throws(Diagnostic) -> ArraySlice<YAMLNode> {
        guard let elements = tree.elements(of: node) else { throw typeError(key, node, expected: expected) }
        return elements
    }

    /// The pairs of a mapping node, or a type error naming what it should be.
    func mapping(_ node: YAMLNode, key: String, expected: String) throws(Diagnostic) -> YAMLTree.Pairs {
        guard let pairs = tree.pairs(of: node) else { throw typeError(key, node, expected: expected) }
        return pairs
    }

    /// A list of texts; a single text is not accepted.
    func texts(_ node: YAMLNode, key: String) throws(Diagnostic) -> [Located<String>] {
        var result: [Located<String>] = []
        for element in try sequence(node, key: key, expected: "a list of texts") {
            guard tree.kind(of: element) == .scalar, !isNull(element) else {
                throw Diagnostic(at: location(of: element),
                                 "each entry of '\(key)' should be text, not \(describe(element))")
            }
            result.append(try text(element, key: key))
        }
        return result
    }

    /// `true` or `false` (YAML 1.1's yes/no/on/off too, since people write them).
    func bool(_ node: YAMLNode, key: String) throws(Diagnostic) -> Bool {
        let value = try text(node, key: key)
        switch value.value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            throw Diagnostic(at: value.location, "'\(key)' should be true or false (got '\(value.value)')")
        }
    }

    /// Reports a name written twice in a name → value mapping (`inputs`, `env`, `set`).
    func checkUnique(_ pairs: YAMLTree.Pairs) throws(Diagnostic) {
        var lines: [String: Int] = [:]
        for pair in pairs {
            guard let scalar = tree.scalar(pair.key) else { continue }
            if let line = lines[scalar.string] {
                throw Diagnostic(at: location(of: pair.key),
                                 "'\(scalar.string)' is written twice; first written at line \(line)")
            }
            lines[scalar.string] = scalar.position.line
        }
    }

    /// A variable name as used in `{{name}}`.
    func variableName(_ node: YAMLNode, key: String) throws(Diagnostic) -> Located<String> {
        let name = try text(node, key: key)
        guard Template.isValidName(name.value) else {
            throw Diagnostic(at: name.location,
                             "'\(name.value)' in '\(key)' is not a variable name; use letters, digits, '_', '-' and '.', starting with a letter")
        }
        return name
    }
}
