import Yams

/// Reads the value of `if:` (and of `all`, `any`, `not` inside it) into a `ConditionSyntax`.
struct ConditionReader {
    let reading: NodeReading

    static let subjects = ["exit", "timed-out", "in", "var", "goenv", "fix", "all", "any", "not"]
    static let tests = ["equals", "contains", "matches", "empty", "signature", "cause"]
    /// Tests that read Go's words with the cause catalog; alone they test the step's output.
    private static let catalogTests: Set<String> = ["signature", "cause"]
    private static let textSubjects: Set<String> = ["in", "var", "goenv"]

    /// How deep `all`, `any` and `not` may nest. Reading (and, later, validating and evaluating) a
    /// condition recurses once per level, and a chain of aliases (`&c2 {not: *c1}`) nests a
    /// thousand levels in a few kilobytes without reaching libyaml's own nesting limit: enough to
    /// overflow a thread's stack. Hand-written playbooks nest a few levels.
    static let depthLimit = 64

    /// Reads the condition `node`, the value of `key`, nested `depth` levels inside another (0 at `if:`).
    func read(_ node: Node, key: String, depth: Int = 0) throws(Diagnostic) -> ConditionSyntax {
        let at = reading.location(of: node)
        guard depth < Self.depthLimit else {
            throw Diagnostic(
                at: at,
                "conditions nest more than \(Self.depthLimit) levels deep here, counting each use "
                    + "of an alias (*name) as a copy of what it names; gotriage stops reading here (nest fewer 'all', "
                    + "'any' and 'not')")
        }
        guard node.mapping != nil else {
            throw reading.typeError(key, node, expected: "a condition, as in {exit: 0}")
        }
        let condition = try MappingReader(
            node, key: key, name: "condition", known: Self.subjects + Self.tests,
            anchor: at, reading: reading)
        let subjects = condition.pairs.filter { Self.subjects.contains($0.keyText) }
        let tests = condition.pairs.filter { Self.tests.contains($0.keyText) }
        guard let subject = subjects.first else {
            // `{signature: id}` and `{cause: id}` alone are short for `{in: output, …}`.
            if let test = tests.first, Self.catalogTests.contains(test.keyText) {
                if tests.count > 1 {
                    throw Diagnostic(
                        at: reading.location(of: tests[1].key),
                        "a condition takes one test; found both '\(test.keyText)' and '\(tests[1].keyText)' (combine conditions with 'all')"
                    )
                }
                return ConditionSyntax(.output(.output, try textTest(test.keyText, test.value)), at: reading.location(of: test.key))
            }
            throw Diagnostic(
                at: at, "a condition needs one of \(Self.subjects.joined(separator: ", ")) (or a catalog test: signature, cause)")
        }
        if subjects.count > 1 {
            throw Diagnostic(
                at: reading.location(of: subjects[1].key),
                "a condition tests one thing; found both '\(subject.keyText)' and '\(subjects[1].keyText)' (combine conditions with 'all')")
        }
        let location = reading.location(of: subject.key)
        guard Self.textSubjects.contains(subject.keyText) else {
            if let test = tests.first {
                throw Diagnostic(
                    at: reading.location(of: test.key),
                    "'\(test.keyText)' does not go with '\(subject.keyText)'")
            }
            return ConditionSyntax(try plainKind(subject.keyText, subject.value, depth: depth), at: location)
        }
        guard let test = tests.first else {
            throw Diagnostic(
                at: location,
                "'\(subject.keyText)' needs a test: one of \(Self.tests.joined(separator: ", "))")
        }
        if tests.count > 1 {
            throw Diagnostic(
                at: reading.location(of: tests[1].key),
                "a condition takes one test; found both '\(test.keyText)' and '\(tests[1].keyText)' (combine conditions with 'all')")
        }
        let textTest = try self.textTest(test.keyText, test.value)
        switch subject.keyText {
        case "in":
            let stream = try reading.text(subject.value, key: "in")
            guard let value = ProbeStream(rawValue: stream.value) else {
                throw Diagnostic(at: stream.location, "'in' must be stdout, stderr, output or error (got '\(stream.value)')")
            }
            return ConditionSyntax(.output(value, textTest), at: location)
        case "var":
            return ConditionSyntax(.variable(try reading.variableName(subject.value, key: "var"), textTest), at: location)
        default:
            return ConditionSyntax(.goEnv(try reading.text(subject.value, key: "goenv"), textTest), at: location)
        }
    }

    private func plainKind(_ subject: String, _ value: Node, depth: Int) throws(Diagnostic) -> ConditionSyntax.Kind {
        switch subject {
        case "exit":
            return .exitCode(try exitCodes(value))
        case "timed-out":
            return .timedOut(try reading.bool(value, key: "timed-out"))
        case "fix":
            let text = try reading.text(value, key: "fix")
            guard let result = FixResult(rawValue: text.value) else {
                throw Diagnostic(at: text.location, "'fix' must be applied, declined or failed (got '\(text.value)')")
            }
            return .fix(result)
        case "not":
            return .not(try read(value, key: "not", depth: depth + 1))
        default:
            let list = try reading.sequence(value, key: subject, expected: "a list of conditions")
            guard !list.isEmpty else {
                throw Diagnostic(at: reading.location(of: value), "'\(subject)' needs at least one condition")
            }
            var conditions: [ConditionSyntax] = []
            for element in list { conditions.append(try read(element, key: subject, depth: depth + 1)) }
            return subject == "all" ? .all(conditions) : .any(conditions)
        }
    }

    private func exitCodes(_ node: Node) throws(Diagnostic) -> [Int32] {
        let elements = try reading.elements(node) ?? [node]
        var codes: [Int32] = []
        for element in elements {
            guard let string = reading.string(element), let code = Int32(string) else {
                throw Diagnostic(
                    at: reading.location(of: element),
                    "'exit' should be an exit code such as 0, or a list such as [1, 128] (got \(reading.describe(element)))")
            }
            codes.append(code)
        }
        guard !codes.isEmpty else {
            throw Diagnostic(at: reading.location(of: node), "'exit' is an empty list; give at least one exit code")
        }
        return codes
    }

    private func textTest(_ key: String, _ value: Node) throws(Diagnostic) -> TextTestSyntax {
        switch key {
        case "equals": .equals(try reading.template(value, key: key))
        case "contains": .contains(try reading.template(value, key: key))
        case "matches": .matches(try reading.text(value, key: key))
        case "signature": .signature(try reading.text(value, key: key))
        case "cause": .cause(try reading.text(value, key: key))
        default: .isEmpty(try reading.bool(value, key: key))
        }
    }

}
