import PlaybookSpec

/// The facts a condition is tested against at one step.
struct Facts {
    var probe: ProbeObservation?
    var fix: FixResult?
    var variables: [String: String]
    var goEnv: [String: String]
    /// What the step's regex matching may still spend; it starts when the facts are gathered.
    var budget = MatchBudget()
    /// Reads texts with the cause catalog, for `signature` and `cause` tests and routes.
    var catalog: CatalogReading?

    /// Fills a template: `goenv.KEY` from the Go environment, anything else from the variables.
    func render(_ template: Template) -> String {
        template.render(value(of:))
    }

    /// The value a `{{name}}` placeholder stands for, or nil when nothing is known by that name.
    func value(of name: String) -> String? {
        if name.hasPrefix(GoEnvKeys.templatePrefix) {
            return goEnv[String(name.dropFirst(GoEnvKeys.templatePrefix.count))]
        }
        return variables[name]
    }
}

/// The result of testing a condition: whether it holds, and what showed it.
struct Evaluation {
    var holds: Bool
    /// Output lines or values, quoted, that the condition looked at.
    var evidence: [String]
    /// The cause a `signature` or `cause` test that holds read in the text.
    var finding: Finding?

    init(holds: Bool, evidence: [String], finding: Finding? = nil) {
        self.holds = holds
        self.evidence = evidence
        self.finding = finding
    }
}

/// Tests conditions against facts and collects evidence for `why`.
///
/// Every regex match runs under the facts' `MatchBudget`; a match it stops throws `MatchStopped`,
/// located at the innermost condition that was matching.
enum ConditionEvaluator {
    static func evaluate(_ condition: Condition, _ facts: Facts) throws(MatchStopped) -> Evaluation {
        do {
            return try evaluateKind(condition, facts)
        } catch var stopped {
            if stopped.location == nil { stopped.location = condition.location }
            throw stopped
        }
    }

    private static func evaluateKind(_ condition: Condition, _ facts: Facts) throws(MatchStopped) -> Evaluation {
        switch condition.kind {
        case .exitCode(let codes):
            guard let probe = facts.probe else { return Evaluation(holds: false, evidence: []) }
            return Evaluation(holds: codes.contains(probe.exitCode), evidence: ["exit code \(probe.exitCode)"])
        case .timedOut(let wanted):
            let timedOut = facts.probe?.timedOut ?? false
            return Evaluation(holds: timedOut == wanted, evidence: [timedOut ? "the command timed out" : "the command finished in time"])
        case .output(let stream, let test):
            return try evaluateOutput(stream, test, facts)
        case .variable(let name, let test):
            return try evaluateValue(facts.variables[name] ?? "", label: name, test, facts)
        case .goEnv(let key, let test):
            return try evaluateValue(facts.goEnv[key] ?? "", label: "go env \(key)", test, facts)
        case .fix(let wanted):
            let actual = facts.fix
            return Evaluation(holds: actual == wanted, evidence: ["fix \(actual?.rawValue ?? "not proposed")"])
        case .all(let conditions):
            var evidence: [String] = []
            var finding: Finding?
            for condition in conditions {
                let result = try evaluate(condition, facts)
                evidence += result.evidence
                if !result.holds { return Evaluation(holds: false, evidence: result.evidence) }
                finding = result.finding ?? finding
            }
            return Evaluation(holds: true, evidence: evidence, finding: finding)
        case .any(let conditions):
            var evidence: [String] = []
            for condition in conditions {
                let result = try evaluate(condition, facts)
                if result.holds { return result }
                evidence += result.evidence
            }
            return Evaluation(holds: false, evidence: evidence)
        case .not(let inner):
            let result = try evaluate(inner, facts)
            return Evaluation(holds: !result.holds, evidence: result.evidence)
        }
    }

    private static func evaluateOutput(_ stream: ProbeStream, _ test: TextTest, _ facts: Facts) throws(MatchStopped) -> Evaluation {
        guard let probe = facts.probe else { return Evaluation(holds: false, evidence: []) }
        let sources: [(String, String)] =
            switch stream {
            case .stdout: [("stdout", probe.stdout)]
            case .stderr: [("stderr", probe.stderr)]
            case .output: [("stdout", probe.stdout), ("stderr", probe.stderr)]
            case .error: [("go's error", probe.errorText)]
            }
        switch test {
        case .signature, .cause:
            return evaluateCatalog(test, sources, facts)
        case .isEmpty(let wanted):
            let empty = sources.allSatisfy { $0.1.trimmingWhitespace().isEmpty }
            let label = sources.map(\.0).joined(separator: " and ")
            return Evaluation(holds: empty == wanted, evidence: ["\(label) \(empty ? "empty" : "not empty")"])
        case .equals(let template):
            let wanted = facts.render(template)
            for (name, text) in sources where text.trimmingWhitespace() == wanted {
                return Evaluation(holds: true, evidence: ["\(name): \(quoted(String(text.trimmingWhitespace())))"])
            }
            return Evaluation(holds: false, evidence: [])
        case .contains, .matches:
            for (name, text) in sources {
                if let hit = try firstLine(in: text, where: { line throws(MatchStopped) in try textMatches(line, test, facts) }) {
                    return Evaluation(holds: true, evidence: ["\(name) line \(hit.number): \(quoted(hit.text))"])
                }
            }
            // A text or pattern that spans lines can only match the output as a whole.
            for (name, text) in sources where try textMatches(Substring(text), test, facts) {
                return Evaluation(holds: true, evidence: ["\(name): \(quoted(String(text.trimmingWhitespace())))"])
            }
            return Evaluation(holds: false, evidence: [])
        }
    }

    private static func evaluateValue(_ value: String, label: String, _ test: TextTest, _ facts: Facts) throws(MatchStopped) -> Evaluation {
        if case .signature = test { return evaluateCatalog(test, [(label, value)], facts) }
        if case .cause = test { return evaluateCatalog(test, [(label, value)], facts) }
        let evidence = ["\(label) = \(quoted(value))"]
        let holds: Bool =
            switch test {
            case .equals(let template): value == facts.render(template)
            case .contains(let template): value.contains(facts.render(template))
            case .matches(let pattern): try pattern.firstMatch(in: value, within: facts.budget) != nil
            case .isEmpty(let wanted): value.trimmingWhitespace().isEmpty == wanted
            case .signature, .cause: false
            }
        return Evaluation(holds: holds, evidence: evidence)
    }

    /// A `signature` or `cause` test: the texts read with the cause catalog, as one log.
    private static func evaluateCatalog(_ test: TextTest, _ sources: [(String, String)], _ facts: Facts) -> Evaluation {
        guard let catalog = facts.catalog else { return Evaluation(holds: false, evidence: []) }
        let reading = catalog.read(sources.map { (name: $0.0, text: $0.1) })
        switch test {
        case .signature(let id):
            guard let match = reading.match(of: id) else { return Evaluation(holds: false, evidence: []) }
            let finding = reading.finding(match)
            return Evaluation(holds: true, evidence: finding.evidence, finding: finding)
        case .cause(let id):
            guard let best = reading.knownCause, best.cause == id else { return Evaluation(holds: false, evidence: []) }
            let finding = reading.finding(best)
            return Evaluation(holds: true, evidence: finding.evidence, finding: finding)
        default:
            return Evaluation(holds: false, evidence: [])
        }
    }

    /// Whether a line (or a whole output) passes a `contains` / `matches` test.
    private static func textMatches(_ line: Substring, _ test: TextTest, _ facts: Facts) throws(MatchStopped) -> Bool {
        switch test {
        case .contains(let template): line.contains(facts.render(template))
        case .matches(let pattern): try pattern.firstMatch(in: String(line), within: facts.budget) != nil
        case .equals, .isEmpty, .signature, .cause: false
        }
    }

    /// The first line (1-based number) of `text` that satisfies `predicate`.
    static func firstLine(in text: String, where predicate: (Substring) throws(MatchStopped) -> Bool)
        throws(MatchStopped) -> (number: Int, text: String)?
    {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if try predicate(line) { return (number, String(line.trimmingWhitespace())) }
        }
        return nil
    }

    /// A value in double quotes, shortened to 200 characters.
    static func quoted(_ value: String) -> String {
        let short = value.count > 200 ? String(value.prefix(199)) + "…" : value
        return "\"\(short)\""
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return Substring(self[first...last])
    }
}
