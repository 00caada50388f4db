import Yams

/// Reads the nodes of one parsed file: their texts, lists and mappings, their locations, and
/// type errors in plain words.
///
/// Scalars stay text (no YAML 1.1 guessing: `yes` is the word "yes", `5` is the text "5"); the
/// readers decide what a value means where they read it. Every list and mapping opened through
/// here is counted against the file's `NodeBudget`.
struct NodeReading {
    let file: String
    let budget: NodeBudget
    /// The keys `YAMLText` renamed to get past a repeated key, by position, with their own text.
    let renamed: [YAMLText.Position: String]

    init(file: String, budget: NodeBudget, renamed: [YAMLText.Position: String] = [:]) {
        self.file = file
        self.budget = budget
        self.renamed = renamed
    }

    /// The node's 1-based line and column (columns count Unicode scalars).
    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// The location `offset` characters into a one-line scalar, when its text is written
    /// verbatim; otherwise the scalar's own location.
    func location(of node: Node, offset: Int) -> SourceLocation {
        var place = location(of: node)
        guard let scalar = node.scalar, !scalar.string.contains("\n") else { return place }
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

    /// The text of a scalar as written in the file (undoing `YAMLText`'s renaming), or nil for
    /// a list or mapping.
    func string(_ node: Node) -> String? {
        guard let scalar = node.scalar else { return nil }
        if !renamed.isEmpty, let mark = scalar.mark, let original = renamed[YAMLText.Position(mark)] {
            return original
        }
        return scalar.string
    }

    /// Whether the node is YAML's "nothing": an empty plain scalar, `~` or `null`.
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How a node looks to the person who wrote it: `text 'go version'`, `a list`, `a mapping`.
    func describe(_ node: Node) -> String {
        if isNull(node) { return "empty" }
        switch node {
        case .scalar: return "text '\(string(node) ?? "")'"
        case .sequence: return "a list"
        case .mapping, .alias: return "a mapping"
        }
    }

    func typeError(_ key: String, _ node: Node, expected: String) -> Diagnostic {
        let actual = describe(node)
        let text =
            actual == "empty"
            ? "'\(key)' is empty; it should be \(expected)"
            : "'\(key)' should be \(expected), not \(actual)"
        return Diagnostic(at: location(of: node), text)
    }

    /// The text of a scalar node (never of YAML's "nothing").
    func text(_ node: Node, key: String) throws(Diagnostic) -> Located<String> {
        guard let string = string(node), !isNull(node) else {
            throw typeError(key, node, expected: "text")
        }
        return Located(string, at: location(of: node))
    }

    func template(_ node: Node, key: String) throws(Diagnostic) -> Located<Template> {
        let source = try text(node, key: key)
        return Located(try template(source.value, key: key, node: node), at: source.location)
    }

    /// Parses `{{name}}` placeholders, pointing at the faulty `{{` when it can.
    func template(_ text: String, key: String, node: Node) throws(Diagnostic) -> Template {
        if !text.utf8.contains(UInt8(ascii: "{")) { return Template(literal: text) }
        do {
            return try Template.parse(text)
        } catch {
            switch error {
            case .unclosed(let offset):
                throw Diagnostic(
                    at: location(of: node, offset: offset),
                    "'{{' in '\(key)' has no closing '}}' (in '\(text)')")
            case .badName(let name, let offset):
                throw Diagnostic(
                    at: location(of: node, offset: offset),
                    "'{{\(name)}}' in '\(key)' is not a variable name; names use letters, digits, '_', '-' and '.'")
            }
        }
    }

    /// The elements of a list node, counted against the budget; nil for a scalar or mapping.
    func elements(_ node: Node) throws(Diagnostic) -> [Node]? {
        guard let sequence = node.sequence else { return nil }
        let elements = Array(sequence)
        try budget.spend(elements.count, reading: self) { elements[$0] }
        return elements
    }

    /// The pairs of a mapping node in file order, counted against the budget; nil for a scalar
    /// or list.
    func pairs(_ node: Node) throws(Diagnostic) -> [(key: Node, value: Node)]? {
        guard let mapping = node.mapping else { return nil }
        let pairs = Array(mapping)
        try budget.spend(2 * pairs.count, reading: self) { $0 % 2 == 0 ? pairs[$0 / 2].key : pairs[$0 / 2].value }
        return pairs
    }

    func sequence(_ node: Node, key: String, expected: String = "a list") throws(Diagnostic) -> [Node] {
        guard let elements = try elements(node) else { throw typeError(key, node, expected: expected) }
        return elements
    }

    /// The pairs of a mapping node, or a type error naming what it should be.
    func mapping(_ node: Node, key: String, expected: String) throws(Diagnostic) -> [(key: Node, value: Node)] {
        guard let pairs = try pairs(node) else { throw typeError(key, node, expected: expected) }
        return pairs
    }

    /// A list of texts; a single text is not accepted.
    func texts(_ node: Node, key: String) throws(Diagnostic) -> [Located<String>] {
        var result: [Located<String>] = []
        for element in try sequence(node, key: key, expected: "a list of texts") {
            guard element.scalar != nil, !isNull(element) else {
                throw Diagnostic(
                    at: location(of: element),
                    "each entry of '\(key)' should be text, not \(describe(element))")
            }
            result.append(try text(element, key: key))
        }
        return result
    }

    /// `true` or `false` (YAML 1.1's yes/no/on/off too, since people write them).
    func bool(_ node: Node, key: String) throws(Diagnostic) -> Bool {
        let value = try text(node, key: key)
        switch value.value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            throw Diagnostic(at: value.location, "'\(key)' should be true or false (got '\(value.value)')")
        }
    }

    /// Reports a name written twice in a name → value mapping (`inputs`, `env`, `set`).
    func checkUnique(_ pairs: [(key: Node, value: Node)]) throws(Diagnostic) {
        var lines: [String: Int] = [:]
        for pair in pairs {
            guard let name = string(pair.key) else { continue }
            if let line = lines[name] {
                throw Diagnostic(at: location(of: pair.key), "'\(name)' is written twice; first written at line \(line)")
            }
            lines[name] = location(of: pair.key).line
        }
    }

    /// A variable name as used in `{{name}}`.
    func variableName(_ node: Node, key: String) throws(Diagnostic) -> Located<String> {
        let name = try text(node, key: key)
        guard Template.isValidName(name.value) else {
            throw Diagnostic(
                at: name.location,
                "'\(name.value)' in '\(key)' is not a variable name; use letters, digits, '_', '-' and '.', starting with a letter")
        }
        return name
    }
}
