import Foundation
import Yams

/// Reads and writes `*.test.yaml` files: `gotriage-test: 1` and a list of `cases` (the format is
/// in `Playbooks/README.md`). Reading collects every problem as `file:line:col: error: …`.
public enum PlaybookTestFile {
    public static let suffix = ".test.yaml"
    static let formatKey = "gotriage-test"
    static let caseKeys = ["name", "start", "answers", "asked", "goenv", "environment", "go-defaults", "fixes", "probes", "expect"]
    static let probeKeys = ["argv", "exit", "stdout", "stderr", "timed-out"]
    static let expectKeys = ["outcome", "cause", "path"]

    /// The test files directly inside `directory`, sorted, as `directory/name`.
    public static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The cases of the file at `path`, or every problem found in it.
    public static func load(file path: String) -> Result<[PlaybookTestCase], CatalogFailure> {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(CatalogFailure([Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), "cannot read '\(path)'")]))
        }
        return load(text: text, file: path)
    }

    /// The cases of `text`, named `file` in diagnostics.
    public static func load(text: String, file: String) -> Result<[PlaybookTestCase], CatalogFailure> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let root: Node
        do throws(CatalogFailure) {
            guard let parsed = try CatalogNode.root(of: text, file: file) else {
                return .failure(CatalogFailure([Diagnostic(at: start, "the file is empty; a test file starts with 'gotriage-test: 1'")]))
            }
            root = parsed
        } catch {
            return .failure(error)
        }
        var problems: [Diagnostic] = []
        let top = CatalogNode(node: root, file: file)
        guard let pairs = top.pairs else {
            return .failure(
                CatalogFailure([Diagnostic(at: top.location, "a test file is a mapping of 'gotriage-test' and 'cases', not \(top.kind)")]))
        }
        let fields = Fields(pairs, in: "the test file", known: [formatKey, "cases"], problems: &problems)
        if let format = fields.required(formatKey, in: "the test file", at: top.location, problems: &problems), format.scalar != "1" {
            problems.append(Diagnostic(at: format.location, "'\(formatKey)' must be 1 (got \(format.kind))"))
        }
        var cases: [PlaybookTestCase] = []
        if let list = fields.required("cases", in: "the test file", at: top.location, problems: &problems) {
            if let items = list.items {
                for item in items {
                    if let read = readCase(item, problems: &problems) { cases.append(read) }
                }
            } else {
                problems.append(Diagnostic(at: list.location, "'cases' should be a list of test cases, not \(list.kind)"))
            }
        }
        return problems.isEmpty ? .success(cases) : .failure(CatalogFailure(problems))
    }

    static func readCase(_ node: CatalogNode, problems: inout [Diagnostic]) -> PlaybookTestCase? {
        guard let pairs = node.pairs else {
            problems.append(Diagnostic(at: node.location, "a test case should be a mapping, not \(node.kind)"))
            return nil
        }
        let what = "a test case"
        let fields = Fields(pairs, in: what, known: caseKeys, problems: &problems)
        let name = fields.text("name", in: what, required: true, at: node.location, problems: &problems)
        let start = fields.text("start", in: what, required: true, at: node.location, problems: &problems)
        var applyFixes = true
        if let fixes = fields["fixes"] {
            switch fixes.scalar {
            case "apply": applyFixes = true
            case "decline": applyFixes = false
            default: problems.append(Diagnostic(at: fixes.location, "'fixes' is apply or decline (got \(fixes.kind))"))
            }
        }
        var probes: [RecordedProbe] = []
        if let list = fields["probes"] {
            if let items = list.items {
                probes = items.compactMap { readProbe($0, problems: &problems) }
            } else {
                problems.append(Diagnostic(at: list.location, "'probes' should be a list of commands and their answers, not \(list.kind)"))
            }
        }
        let expected = fields.required("expect", in: what, at: node.location, problems: &problems).flatMap {
            readExpectation($0, problems: &problems)
        }
        guard let name, let start, let expected else { return nil }
        return PlaybookTestCase(
            name: name, start: start, answers: textMapping(fields["answers"], key: "answers", problems: &problems),
            asked: textMapping(fields["asked"], key: "asked", problems: &problems),
            goEnv: textMapping(fields["goenv"], key: "goenv", problems: &problems),
            environment: textMapping(fields["environment"], key: "environment", problems: &problems),
            goDefaults: textMapping(fields["go-defaults"], key: "go-defaults", problems: &problems), applyFixes: applyFixes, probes: probes,
            expected: expected, location: node.location)
    }

    static func readProbe(_ node: CatalogNode, problems: inout [Diagnostic]) -> RecordedProbe? {
        guard let pairs = node.pairs else {
            problems.append(Diagnostic(at: node.location, "a probe should be a mapping with 'argv', not \(node.kind)"))
            return nil
        }
        let what = "a probe"
        let fields = Fields(pairs, in: what, known: probeKeys, problems: &problems)
        guard let argvNode = fields.required("argv", in: what, at: node.location, problems: &problems) else { return nil }
        let argv = CatalogLoader.words(argvNode, key: "argv", problems: &problems).map(\.value)
        guard !argv.isEmpty else {
            problems.append(Diagnostic(at: argvNode.location, "'argv' names the command and its arguments; it is empty"))
            return nil
        }
        var exitCode: Int32 = 0
        if let exit = fields["exit"] {
            if let text = exit.scalar, let code = Int32(text) {
                exitCode = code
            } else {
                problems.append(Diagnostic(at: exit.location, "'exit' should be an exit code such as 0 or 1 (got \(exit.kind))"))
            }
        }
        var timedOut = false
        if let value = fields["timed-out"] {
            switch value.scalar {
            case "true": timedOut = true
            case "false": timedOut = false
            default: problems.append(Diagnostic(at: value.location, "'timed-out' is true or false (got \(value.kind))"))
            }
        }
        return RecordedProbe(
            argv: argv, exitCode: exitCode, stdout: fields["stdout"]?.scalar ?? "", stderr: fields["stderr"]?.scalar ?? "",
            timedOut: timedOut, location: node.location)
    }

    static func readExpectation(_ node: CatalogNode, problems: inout [Diagnostic]) -> PlaybookTestCase.Expectation? {
        guard let pairs = node.pairs else {
            problems.append(Diagnostic(at: node.location, "'expect' should be a mapping with 'outcome', not \(node.kind)"))
            return nil
        }
        let what = "'expect'"
        let fields = Fields(pairs, in: what, known: expectKeys, problems: &problems)
        guard let outcome = fields.text("outcome", in: what, required: true, at: node.location, problems: &problems) else {
            return nil
        }
        if Outcome(rawValue: outcome) == nil {
            let names = Outcome.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(
                Diagnostic(at: fields["outcome"]?.location ?? node.location, "unknown outcome '\(outcome)'; the outcomes are \(names)"))
        }
        let cause = fields.text("cause", in: what, required: false, at: node.location, problems: &problems)
        let path = fields["path"].map { CatalogLoader.words($0, key: "path", problems: &problems).map(\.value) }
        return PlaybookTestCase.Expectation(outcome: outcome, cause: cause, path: path)
    }

    /// A mapping of names to texts (`answers`, `asked`, `goenv`, `environment`); empty when absent.
    static func textMapping(_ node: CatalogNode?, key: String, problems: inout [Diagnostic]) -> [String: String] {
        guard let node else { return [:] }
        guard let pairs = node.pairs else {
            problems.append(Diagnostic(at: node.location, "'\(key)' should be a mapping of names to texts, not \(node.kind)"))
            return [:]
        }
        var values: [String: String] = [:]
        for (name, value) in pairs {
            guard let name = name.scalar, let text = value.isNull ? "" : value.scalar else {
                problems.append(Diagnostic(at: value.location, "each entry of '\(key)' should be a name and a text"))
                continue
            }
            values[name] = text
        }
        return values
    }

    // MARK: - Writing

    /// `cases` as a test file, each text written as YAML writes it best (multi-line output as a
    /// literal block), keys in a fixed order.
    public static func yaml(for cases: [PlaybookTestCase]) throws -> String {
        let root: Node = .mapping(
            Node.Mapping([
                (text(formatKey), text("1")),
                (text("cases"), .sequence(Node.Sequence(cases.map(node(for:)))))
            ]))
        return try serialize(node: root, width: -1, allowUnicode: true)
    }

    static func node(for testCase: PlaybookTestCase) -> Node {
        var pairs: [(Node, Node)] = [(text("name"), text(testCase.name)), (text("start"), text(testCase.start))]
        for (key, values) in [
            ("answers", testCase.answers), ("asked", testCase.asked), ("goenv", testCase.goEnv), ("environment", testCase.environment),
            ("go-defaults", testCase.goDefaults)
        ]
        where !values.isEmpty {
            pairs.append((text(key), .mapping(Node.Mapping(values.sorted { $0.key < $1.key }.map { (text($0.key), text($0.value)) }))))
        }
        if !testCase.applyFixes { pairs.append((text("fixes"), text("decline"))) }
        if !testCase.probes.isEmpty {
            pairs.append((text("probes"), .sequence(Node.Sequence(testCase.probes.map(node(for:))))))
        }
        var expect: [(Node, Node)] = [(text("outcome"), text(testCase.expected.outcome))]
        if let cause = testCase.expected.cause { expect.append((text("cause"), text(cause))) }
        if let path = testCase.expected.path { expect.append((text("path"), flowList(path))) }
        pairs.append((text("expect"), .mapping(Node.Mapping(expect))))
        return .mapping(Node.Mapping(pairs))
    }

    static func node(for probe: RecordedProbe) -> Node {
        var pairs: [(Node, Node)] = [(text("argv"), flowList(probe.argv))]
        if probe.exitCode != 0 { pairs.append((text("exit"), text(String(probe.exitCode)))) }
        if probe.timedOut { pairs.append((text("timed-out"), text("true"))) }
        if !probe.stdout.isEmpty { pairs.append((text("stdout"), text(probe.stdout))) }
        if !probe.stderr.isEmpty { pairs.append((text("stderr"), text(probe.stderr))) }
        return .mapping(Node.Mapping(pairs))
    }

    static func flowList(_ items: [String]) -> Node {
        .sequence(Node.Sequence(items.map(text), .implicit, .flow))
    }

    /// A scalar that reads back as exactly `string`: a literal block for multi-line text that
    /// a block can hold, else quoted where plain text could read differently.
    static func text(_ string: String) -> Node {
        let blockable =
            string.contains("\n") && string.hasSuffix("\n") && !string.hasPrefix(" ")
            && !string.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
        // Plain, these read as YAML's null, which a test file reads as the empty text.
        let null = ["", "~", "null", "Null", "NULL"].contains(string)
        return .scalar(Node.Scalar(string, .implicit, blockable ? .literal : null ? .singleQuoted : .any))
    }
}
