import Yams

/// One YAML mapping being read: known keys only, each looked up by name.
///
/// Creating it checks that the node is a mapping and that every key is known, suggesting the
/// closest known key for a misspelt one.
struct MappingReader {
    /// How messages name the mapping: `run`, `step 'check-go'`, `the playbook`.
    let name: String
    let pairs: [(key: Node, keyText: String, value: Node)]
    /// The `keyText` of each pair: lookups compare these words without copying the pairs.
    private let keys: [String]
    /// Where "missing key" errors point: the key that introduced the mapping.
    let anchor: SourceLocation
    let reading: NodeReading

    /// - Parameters:
    ///   - key: the key whose value `node` is, for type errors.
    ///   - known: the keys this mapping accepts, in the order the reference lists them.
    ///   - ignoresExtensions: accept (and skip) keys starting with `x-`.
    init(
        _ node: Node, key: String, name: String, known: [String], anchor: SourceLocation,
        reading: NodeReading, ignoresExtensions: Bool = false
    ) throws(Diagnostic) {
        guard let mapping = try reading.pairs(node) else {
            throw reading.typeError(key, node, expected: "a mapping of keys (\(known.prefix(3).joined(separator: ", ")), …)")
        }
        var pairs: [(key: Node, keyText: String, value: Node)] = []
        var keys: [String] = []
        pairs.reserveCapacity(mapping.count)
        keys.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard let text = reading.string(keyNode) else {
                throw Diagnostic(at: reading.location(of: keyNode), "keys in \(name) should be words, not \(reading.describe(keyNode))")
            }
            if ignoresExtensions, text.hasPrefix("x-") { continue }
            guard known.contains(text) else {
                let hint =
                    Suggestion.closest(to: text, among: known).map { "did you mean '\($0)'?" }
                    ?? "known keys are \(known.joined(separator: ", "))"
                throw Diagnostic(at: reading.location(of: keyNode), "unknown key '\(text)' in \(name); \(hint)")
            }
            if let earlier = keys.firstIndex(of: text) {
                throw Diagnostic(
                    at: reading.location(of: keyNode),
                    "'\(text)' is written twice; first written at line \(reading.location(of: pairs[earlier].key).line)")
            }
            pairs.append((keyNode, text, value))
            keys.append(text)
        }
        self.name = name
        self.pairs = pairs
        self.keys = keys
        self.anchor = anchor
        self.reading = reading
    }

    /// The key and value for `key`, or nil.
    func entry(_ key: String) -> (key: Node, value: Node)? {
        guard let index = keys.firstIndex(of: key) else { return nil }
        return (pairs[index].key, pairs[index].value)
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        entry(key).map { reading.location(of: $0.key) }
    }

    func missing(_ key: String, hint: String = "") -> Diagnostic {
        Diagnostic(at: anchor, "missing key '\(key)' in \(name)\(hint)")
    }

    func required(_ key: String, hint: String = "") throws(Diagnostic) -> Node {
        guard let value = entry(key)?.value else { throw missing(key, hint: hint) }
        return value
    }

    func text(_ key: String) throws(Diagnostic) -> Located<String>? {
        guard let value = entry(key)?.value else { return nil }
        return try reading.text(value, key: key)
    }

    func requiredText(_ key: String, hint: String = "") throws(Diagnostic) -> Located<String> {
        try reading.text(try required(key, hint: hint), key: key)
    }

    func template(_ key: String) throws(Diagnostic) -> Located<Template>? {
        guard let value = entry(key)?.value else { return nil }
        return try reading.template(value, key: key)
    }

    func requiredTemplate(_ key: String, hint: String = "") throws(Diagnostic) -> Located<Template> {
        try reading.template(try required(key, hint: hint), key: key)
    }
}
