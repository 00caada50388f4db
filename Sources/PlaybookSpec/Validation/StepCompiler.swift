/// Checks one step of one playbook and turns it into a `Step` of the tree.
///
/// Everything a single step can get wrong is reported here: references, branch shape, regexes,
/// variables, Go env keys, causes, conditions that do not fit the action. The step's successors
/// (global nodes) come back too, for the graph checks.
struct StepCompiler {
    let index: PlaybookIndex
    let document: Int
    let terms: TermChecker
    /// The cause catalog's ids and where its causes are proven.
    let catalog: CatalogReferences

    struct Output {
        /// nil when the step had a problem.
        var step: Step?
        var successors: [Int]
        /// Whether the step asks the user something (a loop through it can end).
        var asks: Bool
    }

    func compile(_ syntax: StepSyntax, problems: inout Problems) -> Output {
        let before = problems.diagnostics.count
        var successors: [Int] = []
        let playbook = index.documents[document].id.value
        if let say = syntax.say { terms.check(say, in: "say", problems: &problems) }
        let action = compile(syntax.action, successors: &successors, problems: &problems)
        let transition = compile(syntax, successors: &successors, problems: &problems)
        let asks = syntax.action.asks
        guard problems.diagnostics.count == before, let action, let transition else {
            return Output(step: nil, successors: successors, asks: asks)
        }
        let step = Step(
            address: StepAddress(playbook: playbook, step: syntax.id.value), location: syntax.id.location,
            say: syntax.say?.value, action: action, transition: transition)
        return Output(step: step, successors: successors, asks: asks)
    }

    // MARK: Actions

    private func compile(_ action: ActionSyntax, successors: inout [Int], problems: inout Problems) -> Action? {
        switch action {
        case .message:
            return .message
        case .run(let run):
            for argument in run.argv { terms.check(argument, in: "argv", problems: &problems) }
            if let program = run.argv.first, !program.value.variables.isEmpty {
                problems.error(
                    program.location,
                    "argv[0] '\(program.value)' names the program to run and must be "
                        + "written out, not filled in from a variable; put the program's name first and pass values after it")
            }
            for variable in run.environment { terms.check(variable.value, in: "env", problems: &problems) }
            if let pending = run.pending { terms.check(pending, in: "pending", problems: &problems) }
            for words in run.says { terms.check(words.text, in: "says", problems: &problems) }
            RunStepCheck.check(run, problems: &problems)
            var captures: [Capture] = []
            for capture in run.captures {
                if capture.readsModule {
                    captures.append(Capture(moduleIn: capture.stream, location: capture.pattern.location))
                } else if let pattern = terms.pattern(capture.pattern, in: "capture", capture: true, problems: &problems) {
                    captures.append(Capture(stream: capture.stream, pattern: pattern, location: capture.pattern.location))
                }
            }
            return .run(
                Probe(
                    argv: run.argv.map(\.value),
                    timeoutMilliseconds: run.timeoutMilliseconds ?? Probe.defaultTimeoutMilliseconds,
                    environment: run.environment.map { ($0.name.value, $0.value.value) },
                    captures: captures, pending: run.pending?.value,
                    says: Dictionary(run.says.map { ($0.code.value, $0.text.value) }, uniquingKeysWith: { first, _ in first })))
        case .ask(let ask):
            return .ask(compile(ask, problems: &problems))
        case .fix(let fix):
            terms.check(fix.reason, in: "reason", problems: &problems)
            var changes: [GoEnvChange] = []
            for change in fix.changes {
                if !GoEnvKeys.writable.contains(change.key.value) {
                    let verb = change.value == nil ? "unset" : "set"
                    problems.error(
                        change.key.location,
                        "'\(change.key.value)' is not a Go setting a fix can \(verb)\(Suggestion.didYouMean(change.key.value, among: GoEnvKeys.writable.sorted()))"
                    )
                }
                if let value = change.value {
                    terms.check(value, in: "set", problems: &problems)
                    changes.append(.set(key: change.key.value, value: value.value))
                } else {
                    changes.append(.unset(key: change.key.value))
                }
            }
            return .fix(Fix(reason: fix.reason.value, changes: changes))
        case .done(let done):
            terms.check(done.text, in: "conclusion", problems: &problems)
            if let help = done.help { terms.check(help, in: "help", problems: &problems) }
            if let cause = done.cause { catalog.check(cause: cause, in: nil, problems: &problems) }
            return .done(
                Conclusion(outcome: done.outcome.value, cause: done.cause?.value, text: done.text.value, help: done.help?.value))
        case .jump(let jump):
            guard let target = index.resolve(jump, problems: &problems) else { return nil }
            successors.append(target)
            return .jump(index.address(target))
        }
    }

    private func compile(_ ask: AskSyntax, problems: inout Problems) -> Question {
        terms.check(ask.prompt, in: "question", problems: &problems)
        var pattern: Pattern?
        if let source = ask.pattern {
            pattern = terms.pattern(source, in: "pattern", wholeAnswer: true, problems: &problems)
        }
        if let defaultValue = ask.defaultValue {
            terms.check(defaultValue, in: "default", problems: &problems)
            let choices = ask.choices.map(\.value)
            if !choices.isEmpty, defaultValue.value.variables.isEmpty,
                !choices.contains(defaultValue.value.description)
            {
                problems.error(
                    defaultValue.location,
                    "default '\(defaultValue.value)' is not one of the choices (\(choices.joined(separator: ", ")))")
            }
        }
        if let example = ask.example {
            if ask.pattern == nil {
                problems.error(example.location, "'example' shows the form 'pattern' asks for; this question has no pattern")
            } else if let pattern, (try? pattern.firstMatch(in: example.value, within: MatchBudget())).flatMap({ $0 }) == nil {
                problems.error(example.location, "the example '\(example.value)' does not match the question's pattern \(pattern.source)")
            }
        }
        if let secret = ask.secret, secret.value, !ask.choices.isEmpty {
            problems.error(secret.location, "a secret question takes free text; with 'choices' every answer is shown on the screen")
        }
        return Question(
            prompt: ask.prompt.value, variable: ask.variable.value, choices: ask.choices.map(\.value),
            pattern: pattern, defaultValue: ask.defaultValue?.value, secret: ask.secret?.value ?? false,
            onlyIfEmpty: ask.onlyIfEmpty?.value ?? false, example: ask.example?.value)
    }

    // MARK: Transitions

    private func compile(
        _ step: StepSyntax, successors: inout [Int],
        problems: inout Problems
    ) -> Transition? {
        let ends: String? =
            switch step.action {
            case .done: "ends the walk with 'done'"
            case .jump: "goes on in the playbook it jumps to"
            default: nil
            }
        switch step.transition {
        case nil:
            guard ends == nil else { return .end }
            problems.error(
                step.id.location,
                "step '\(step.id.value)' has no 'next' or 'branch'; say where the walk goes after it")
            return nil
        case .next(let target)?:
            if let ends {
                problems.error(target.location, "step '\(step.id.value)' \(ends); remove its 'next'")
                return nil
            }
            guard let node = index.resolve(target, in: document, what: "next", problems: &problems) else { return nil }
            successors.append(node)
            return .next(index.address(node))
        case .branch(let arms, let location)?:
            if let ends {
                problems.error(location, "step '\(step.id.value)' \(ends); remove its 'branch'")
                return nil
            }
            let conditions = ConditionCompiler(
                terms: terms, catalog: catalog, runs: step.action.runs,
                fixes: step.action.fixes)
            return branch(arms, at: location, conditions: conditions, successors: &successors, problems: &problems)
        }
    }

    private func branch(
        _ arms: [BranchSyntax], at location: SourceLocation, conditions: ConditionCompiler,
        successors: inout [Int], problems: inout Problems
    ) -> Transition? {
        var branches: [Branch] = []
        branches.reserveCapacity(arms.count)
        var fallback: Fallback?
        var elseCount = 0
        for (position, arm) in arms.enumerated() {
            if arm.routes {
                guard conditions.runs else {
                    problems.error(
                        arm.location,
                        "'route' only makes sense on a step that runs a command ('run'): it ranks the causes behind the command's output")
                    continue
                }
                var starts: [String: StepAddress] = [:]
                for (cause, node) in catalog.starts {
                    starts[cause] = index.address(node)
                    successors.append(node)
                }
                branches.append(Branch(rule: .route(Route(starts: starts)), location: arm.location))
                continue
            }
            let what = arm.condition == nil ? "else" : "goto"
            let target = index.resolve(arm.target, in: document, what: what, problems: &problems)
            if let target { successors.append(target) }
            guard let condition = arm.condition else {
                elseCount += 1
                if elseCount > 1 {
                    problems.error(arm.location, "the branch has more than one 'else'; keep one, as the last arm")
                } else if position != arms.count - 1 {
                    problems.error(arm.location, "'else' must be the last arm of the branch; arms after it are never tried")
                }
                if let target { fallback = Fallback(target: index.address(target), location: arm.location) }
                continue
            }
            if let compiled = conditions.compile(condition, problems: &problems), let target {
                branches.append(Branch(condition: compiled, target: index.address(target), location: arm.location))
            }
        }
        if elseCount == 0 {
            problems.error(location, "the branch has no 'else' arm (missing fallback); end it with '- else: <step>'")
        }
        guard let fallback else { return nil }
        return .branch(branches, fallback: fallback)
    }
}

extension ActionSyntax {
    /// What kind of action it is, asked without copying what it holds.
    fileprivate var runs: Bool { if case .run = self { true } else { false } }
    fileprivate var fixes: Bool { if case .fix = self { true } else { false } }
    fileprivate var asks: Bool { if case .ask = self { true } else { false } }
}
