
/// Shared helpers for reading Yams nodes: locations, types and plain-words type errors.
struct NodeReading {
    let file: String

    func location(of node: YAMLNode) -> SourceLocation {
        let position = node.position
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// The location `offset` characters into a one-line scalar, when its text is written
    /// verbatim; otherwise the scalar's own location.
    func location(of node: YAMLNode, offset: Int) -> SourceLocation {
        var place = location(of: node)
        guard case .scalar(let scalar) = node, !scalar.string.contains("\n") else { return place }
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
    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            return false
        }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How a node looks to the person who wrote it: `text 'go version'`, `a list`, `a mapping`.
    static func describe(_ node: YAMLNode) -> String {
        if isNull(node) { return "empty" }
        switch node {
        case .scalar(let scalar): return "text '\(scalar.string)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    func typeError(_ key: String, _ node: YAMLNode, expected: String) -> Diagnostic {
        let actual = Self.describe(node)
        let text = actual == "empty" ? "'\(key)' is empty; it should be \(expected)"
            : "'\(key)' should be \(expected), not \(actual)"
        return Diagnostic(at: location(of: node), text)
    }

    /// The text of a scalar node (never of YAML's "nothing").
    func text(_ node: YAMLNode, key: String) throws(Diagnostic) -> Located<String> {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
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

    func sequence(_ node: YAMLNode, key: String, expected: String = "a list") throws(Diagnostic) -> [YAMLNode] {
        guard case .sequence(let elements, _) = node else { throw typeError(key, node, expected: expected) }
        return elements
    }

    /// A list of texts; a single text is not accepted.
    func texts(_ node: YAMLNode, key: String) throws(Diagnostic) -> [Located<String>] {
        var result: [Located<String>] = []
        for element in try sequence(node, key: key, expected: "a list of texts") {
            guard case .scalar = element, !Self.isNull(element) else {
                throw Diagnostic(at: location(of: element),
                                 "each entry of '\(key)' should be text, not \(Self.describe(element))")
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
    func checkUnique(_ pairs: [(key: YAMLNode, value: YAMLNode)]) throws(Diagnostic) {
        var lines: [String: Int] = [:]
        for pair in pairs {
            guard case .scalar(let scalar) = pair.key else { continue }
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
