/// What a step fills in and tests, found in one traversal: every template of its `say`, action
/// and branch conditions, and every variable its conditions test (`var:`). `GoEnvReferences`
/// reads the `go env` keys from it; the linter reads which variables are used.
public struct StepTerms: Sendable {
    public private(set) var templates: [Template] = []
    /// The subjects of `var:` conditions.
    public private(set) var testedVariables: [String] = []

    public init(say: Template?, action: Action, transition: Transition) {
        if let say { templates.append(say) }
        switch action {
        case .message, .jump:
            break
        case .run(let probe):
            templates += probe.argv
            templates += probe.environment.map(\.value)
            if let pending = probe.pending { templates.append(pending) }
            templates += probe.says.sorted { $0.key < $1.key }.map(\.value)
        case .ask(let question):
            templates.append(question.prompt)
            if let value = question.defaultValue { templates.append(value) }
        case .fix(let fix):
            templates.append(fix.reason)
            for case .set(_, let value) in fix.changes { templates.append(value) }
        case .done(let conclusion):
            templates.append(conclusion.text)
            if let help = conclusion.help { templates.append(help) }
        }
        if case .branch(let branches, _) = transition {
            for case let condition? in branches.map(\.condition) { add(condition) }
        }
    }

    public init(_ step: Step) {
        self.init(say: step.say, action: step.action, transition: step.transition)
    }

    private mutating func add(_ condition: Condition) {
        switch condition.kind {
        case .exitCode, .timedOut, .fix:
            break
        case .output(_, let test):
            add(test)
        case .variable(let name, let test):
            testedVariables.append(name)
            add(test)
        case .goEnv(_, let test):
            add(test)
        case .all(let conditions), .any(let conditions):
            for condition in conditions { add(condition) }
        case .not(let condition):
            add(condition)
        }
    }

    private mutating func add(_ test: TextTest) {
        switch test {
        case .equals(let template), .contains(let template): templates.append(template)
        case .matches, .isEmpty, .signature, .cause: break
        }
    }
}
