import Yams

/// Reads the top level of a playbook: version, id, texts, inputs and the steps mapping.
struct DocumentReader {
    let reading: NodeReading

    static let topKeys = ["gotriage", "id", "title", "summary", "start", "inputs", "steps"]

    func read(_ root: Node) throws(Diagnostic) -> PlaybookDocument {
        let rootLocation = reading.location(of: root)
        guard root.mapping != nil else {
            throw Diagnostic(
                at: rootLocation,
                "a playbook is a mapping of keys such as 'gotriage', 'id' and 'steps', not \(reading.describe(root))")
        }
        let top = try MappingReader(
            root, key: "playbook", name: "the playbook", known: Self.topKeys,
            anchor: rootLocation, reading: reading, ignoresExtensions: true)
        let version = try readVersion(top)
        let id = try top.requiredText("id")
        guard Self.isPlaybookID(id.value) else {
            throw Diagnostic(
                at: id.location,
                "playbook id '\(id.value)' may use only lower-case letters, digits and '-', starting with a letter or digit")
        }
        let title = try top.requiredText("title").value
        let summary = try top.requiredText("summary").value
        let start = try top.requiredText("start", hint: " (the id of the first step)")
        let inputs = try top.entry("inputs").map { entry throws(Diagnostic) in try readInputs(entry.value) } ?? []
        let steps = try readSteps(try top.required("steps"), anchor: top.keyLocation("steps") ?? rootLocation)
        return PlaybookDocument(
            file: reading.file, location: rootLocation, version: version, id: id,
            title: title, summary: summary, start: start, inputs: inputs, steps: steps)
    }

    private func readVersion(_ top: MappingReader) throws(Diagnostic) -> Int {
        let version = try top.requiredText("gotriage", hint: " (the format version; write 'gotriage: 1' first)")
        guard version.value == "1" else {
            throw Diagnostic(
                at: version.location,
                "'gotriage' must be 1, the only format version there is (got '\(version.value)')")
        }
        return 1
    }

    private func readInputs(_ node: Node) throws(Diagnostic) -> [InputSyntax] {
        let mapping = try reading.mapping(node, key: "inputs", expected: "a mapping of variable names to default values")
        try reading.checkUnique(mapping)
        var inputs: [InputSyntax] = []
        for (key, value) in mapping {
            let name = try reading.variableName(key, key: "inputs")
            let defaultValue = reading.isNull(value) ? nil : try reading.template(value, key: name.value)
            inputs.append(InputSyntax(name: name, defaultValue: defaultValue))
        }
        return inputs
    }

    private func readSteps(_ node: Node, anchor: SourceLocation) throws(Diagnostic) -> [StepSyntax] {
        let mapping = try reading.mapping(node, key: "steps", expected: "a mapping of step ids to steps")
        guard !mapping.isEmpty else {
            throw Diagnostic(at: anchor, "'steps' has no steps; a playbook needs at least one")
        }
        var steps: [StepSyntax] = []
        steps.reserveCapacity(mapping.count)
        for pair in mapping {
            let id = try reading.text(pair.key, key: "steps")
            guard Self.isStepID(id.value) else {
                throw Diagnostic(
                    at: id.location,
                    "step id '\(id.value)' may use only lower-case letters, digits, '-' and '_', starting with a letter or digit")
            }
            steps.append(try StepReader(reading: reading).read(pair.value, id: id))
        }
        return steps
    }

    /// `[a-z0-9][a-z0-9-]*`
    static func isPlaybookID(_ id: String) -> Bool { isID(id, extra: "-") }

    /// `[a-z0-9][a-z0-9_-]*`
    static func isStepID(_ id: String) -> Bool { isID(id, extra: "-_") }

    private static func isID(_ id: String, extra: String) -> Bool {
        let scalars = id.unicodeScalars
        guard let first = scalars.first, isLowerAlphanumeric(first) else { return false }
        return scalars.allSatisfy { isLowerAlphanumeric($0) || extra.unicodeScalars.contains($0) }
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
