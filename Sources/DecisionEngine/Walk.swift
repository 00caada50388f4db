import PlaybookSpec

/// One walk through a decision tree: it says what must happen next and takes the results.
///
/// Call `next()` for a `Directive`, do what its action says, hand back the result
/// (`record(goEnv:)`, `answer(_:)`, `record(probe:)`, `record(fix:)`), and call `next()` again.
/// Each directive carries the decisions made since the previous one, so a front end sees every
/// decision exactly once without reading `decisions`. Calling `next()` before handing back a
/// result returns the same action again, with no decisions. The walk keeps the evidence for every
/// decision (`decisions`, for `why`) and a checkpoint at every question and fix (for `back`).
///
/// Handing in a result the walk is not waiting for throws `WalkError`: the front end misused the
/// walk, and the walk is left as it was.
public struct Walk: Sendable {
    public let tree: DecisionTree
    public let start: StepAddress
    /// Answers, captures and inputs, by name.
    public private(set) var variables: [String: String]
    /// `go env` values as last read: the tree's `goEnvKeys`, read when the walk first reaches a
    /// step that needs one and again after each fix; empty before that.
    public private(set) var goEnv: [String: String] = [:]
    /// Why the walk went where it went, one entry per step left.
    public private(set) var decisions: [Decision] = []
    /// Steps entered, in order.
    public private(set) var visited: [StepAddress] = []
    /// The latest cause the cause catalog read in a probe's output (a `route: causes` arm, or a
    /// `signature` / `cause` test that decided a branch); kept to the end, whatever the outcome.
    public private(set) var diagnosis: DiagnosedCause?
    /// Placeholders a sentence (a `say`, a question, a fix's reason, a probe's `pending` text, a
    /// conclusion) showed empty, in the order first shown: text such as `go mod why answers: ""`
    /// is a playbook's bug, which `gotriage test` reports. `goenv.KEY` is left out: an unset Go
    /// setting is rightly shown empty.
    public private(set) var shownEmpty: [ShownEmpty] = []
    /// What the run step's `says` makes of the last probe's exit code, filled in with the
    /// probe's own captures (`{0: "git {{git_version}} runs"}`); nil when it says nothing of it.
    public private(set) var lastProbeSays: String?

    /// A walk that enters more steps than this ends with `.stepLimit`; playbooks that loop only
    /// through questions are legal, so this is the last guard against a script answering forever.
    public static let stepLimit = 1_000

    private let initialVariables: [String: String]
    private var state: State
    private var goEnvIsCurrent = false
    private var checkpoints: [Checkpoint] = []
    private var stepsEntered = 0
    /// How many of `decisions` earlier directives have carried.
    private var decisionsHandedOut = 0

    enum State: Sendable {
        case entering(StepAddress)
        case acting(StepAddress)
        case awaitingAnswer(StepAddress)
        case awaitingProbe(StepAddress)
        case awaitingFix(StepAddress)
        case interrupted(StepAddress)
        case finished(WalkEnd)
    }

    private struct Checkpoint: Sendable {
        let step: StepAddress
        let variables: [String: String]
        let decisions: [Decision]
        let visited: [StepAddress]
        let stepsEntered: Int
        let diagnosis: DiagnosedCause?
    }

    /// Starts a walk at `start` (usually a playbook's start step) with some variables already known.
    public init(tree: DecisionTree, start: StepAddress, variables: [String: String] = [:]) {
        self.tree = tree
        self.start = start
        self.initialVariables = variables
        self.variables = variables
        self.state = .entering(start)
        seedInputs(of: start.playbook)
    }

    /// Starts a walk at a playbook's start step; nil when there is no such playbook.
    public init?(tree: DecisionTree, playbook: String, variables: [String: String] = [:]) {
        guard let book = tree.playbooks[playbook] else { return nil }
        self.init(tree: tree, start: book.start, variables: variables)
    }

    /// The step the walk is at, or nil once it has finished.
    public var currentStep: StepAddress? {
        switch state {
        case .entering(let a), .acting(let a), .awaitingAnswer(let a), .awaitingProbe(let a),
            .awaitingFix(let a), .interrupted(let a):
            a
        case .finished: nil
        }
    }

    /// How the walk ended, once it has.
    public var end: WalkEnd? {
        if case .finished(let end) = state { end } else { nil }
    }

    /// What must happen next, with the decisions made since the previous directive.
    public mutating func next() -> Directive {
        let action = nextAction()
        let made = Array(decisions.dropFirst(decisionsHandedOut))
        decisionsHandedOut = decisions.count
        return Directive(decisions: made, action: action)
    }

    /// What must happen next: moves through steps that need nothing from the front end.
    private mutating func nextAction() -> Directive.Action {
        while true {
            if case .finished(let end) = state { return .finished(end) }
            if !goEnvIsCurrent, let step = currentStep, GoEnvNeed.reads(at: step, in: tree) {
                return .readGoEnv(keys: tree.goEnvKeys)
            }
            switch state {
            case .entering(let address):
                stepsEntered += 1
                guard stepsEntered <= Walk.stepLimit else {
                    return finish(
                        at: address, outcome: .escalate, cause: nil, reason: .stepLimit,
                        conclusion: "The walk entered \(Walk.stepLimit) steps without ending; the playbook seems to loop.")
                }
                visited.append(address)
                state = .acting(address)
                if let say = tree[address].say { return .say(sentence(say, at: address, facts()), step: address) }
            case .acting(let address):
                if let directive = act(at: address) { return directive }
            case .awaitingAnswer(let address):
                return .ask(pendingQuestion(at: address))
            case .awaitingProbe(let address):
                return .run(pendingProbe(at: address))
            case .awaitingFix(let address):
                return .proposeFix(pendingFix(at: address))
            case .interrupted(let address):
                return .interrupted(address)
            case .finished(let end):
                return .finished(end)
            }
        }
    }

    // MARK: Results from the front end

    /// Takes the values of `go env -json KEY…` for the keys `.readGoEnv` named (empty when go could not be run).
    public mutating func record(goEnv values: [String: String]) {
        goEnv = values
        goEnvIsCurrent = true
    }

    /// Takes the user's reply to the pending question. A rejected reply leaves the question pending.
    public mutating func answer(_ reply: String) throws(WalkError) -> AnswerCheck {
        guard case .awaitingAnswer(let address) = state, case .ask(let question) = tree[address].action else {
            throw .notWaitingFor("an answer")
        }
        let check = AnswerChecker.check(reply, for: question, defaultValue: question.defaultValue.map { facts().render($0) })
        if case .accepted(let value) = check {
            variables[question.variable] = value
            deriveModuleHost()
            take(transitionOf: tree[address], facts())
        }
        return check
    }

    /// Takes the result of the pending probe: applies its captures, then branches on it.
    public mutating func record(probe observation: ProbeObservation) throws(WalkError) {
        guard case .awaitingProbe(let address) = state, case .run(let probe) = tree[address].action else {
            throw .notWaitingFor("a probe result")
        }
        lastProbeSays = nil
        if observation.interrupted {
            state = .interrupted(address)
            return
        }
        var facts = facts()  // its budget covers the captures and the branches
        // Each run is read afresh: a group this run's output does not show is empty, never what an
        // earlier run found (after a fix, a new failure must not be explained with the old error).
        for name in probe.captures.flatMap({ $0.pattern?.groupNames ?? [] }) { variables[name] = "" }
        for capture in probe.captures {
            let texts: [String] =
                switch capture.stream {
                case .stdout: [observation.stdout]
                case .stderr: [observation.stderr]
                case .output: [observation.stdout, observation.stderr]
                case .error: [observation.errorText]
                }
            guard let pattern = capture.pattern else {
                variables = CauseRouter.merging(CauseRouter.moduleVariables(in: texts), into: variables)
                continue
            }
            do {
                for text in texts {
                    guard let match = try pattern.firstMatch(in: text, within: facts.budget) else { continue }
                    variables.merge(match.groups) { _, new in new }
                    break
                }
            } catch var stopped {
                stopped.location = capture.location
                stopMatching(stopped, at: address)
                return
            }
        }
        facts.variables = variables
        facts.probe = observation
        lastProbeSays = probe.says[observation.exitCode].map { sentence($0, at: address, facts) }
        take(transitionOf: tree[address], facts)
    }

    /// Takes what became of the pending fix. Unless it was declined, `go env` is read again.
    public mutating func record(fix result: FixResult) throws(WalkError) {
        guard case .awaitingFix(let address) = state else { throw .notWaitingFor("a fix result") }
        if result != .declined { goEnvIsCurrent = false }
        let step = tree[address]
        if case .next = step.transition, result != .applied {
            let declined = result == .declined
            _ = finish(
                at: address, outcome: .notResolved, cause: nil, reason: declined ? .fixDeclined : .fixFailed,
                conclusion: declined
                    ? "The fix was not applied, so nothing was changed. The problem is still there."
                    : "The fix did not take effect, so the problem is still there.")
            return
        }
        var facts = facts()
        facts.fix = result
        take(transitionOf: step, facts)
    }

    /// Ends the walk at the pending fix without applying it (a dry run). The walk ends
    /// `.notResolved` with reason `.fixProposed`: the steps after a fix verify it, and a fix that
    /// was never applied cannot be verified.
    public mutating func endAtProposedFix() throws(WalkError) {
        guard case .awaitingFix(let address) = state else { throw .notWaitingFor("a fix result") }
        _ = finish(
            at: address, outcome: .notResolved, cause: nil, reason: .fixProposed,
            conclusion: "Dry run: the fix above was shown, not applied, so nothing was changed. "
                + "Run again without --dry-run (or type dryrun off) to apply it.")
    }

    // MARK: Moving around

    /// Runs the interrupted step's probe again. Returns false when no step is interrupted.
    public mutating func retry() -> Bool {
        guard case .interrupted(let address) = state else { return false }
        state = .acting(address)
        return true
    }

    /// Goes back to the previous question or fix, forgetting what was learned since.
    /// Returns false when there is nothing to go back to. Changes already applied stay applied.
    public mutating func back() -> Bool {
        let waiting: Bool =
            switch state {
            case .awaitingAnswer, .awaitingFix: true
            default: false
            }
        if waiting {
            guard checkpoints.count >= 2 else { return false }
            checkpoints.removeLast()
        }
        guard let checkpoint = checkpoints.popLast() else { return false }
        variables = checkpoint.variables
        decisions = checkpoint.decisions
        decisionsHandedOut = decisions.count
        visited = checkpoint.visited
        stepsEntered = checkpoint.stepsEntered
        diagnosis = checkpoint.diagnosis
        state = .acting(checkpoint.step)
        goEnvIsCurrent = false
        return true
    }

    /// Starts over from the first step with only the variables the walk began with.
    public mutating func restart() {
        self = Walk(tree: tree, start: start, variables: initialVariables)
    }

    // MARK: Internals

    /// Does the action of the step at `address`; nil means keep going.
    private mutating func act(at address: StepAddress) -> Directive.Action? {
        let step = tree[address]
        switch step.action {
        case .message:
            take(transitionOf: step, facts())
            return nil
        case .run(let probe):
            let facts = facts()
            if let unsafe = ArgvGuard.check(probe, value: facts.value(of:)) {
                return finish(
                    at: address, outcome: .escalate, cause: nil, reason: .unsafeArgument,
                    conclusion: unsafe.explanation)
            }
            state = .awaitingProbe(address)
            return .run(pendingProbe(at: address))
        case .ask(let question) where question.onlyIfEmpty && !(variables[question.variable] ?? "").isEmpty:
            take(transitionOf: step, facts())
            return nil
        case .ask:
            saveCheckpoint(at: address)
            state = .awaitingAnswer(address)
            return .ask(pendingQuestion(at: address))
        case .fix:
            saveCheckpoint(at: address)
            state = .awaitingFix(address)
            return .proposeFix(pendingFix(at: address))
        case .done(let conclusion):
            let facts = facts()
            let text = sentence(conclusion.text, at: address, facts)
            return finish(
                at: address, outcome: conclusion.outcome, cause: conclusion.cause, reason: .done, conclusion: text,
                help: conclusion.help.map { sentence($0, at: address, facts) } ?? CommandMarks.firstCommand(in: text))
        case .jump(let target):
            decisions.append(
                Decision(
                    step: address, target: target, kind: .next, condition: nil, evidence: [],
                    location: step.location))
            if target.playbook != address.playbook { seedInputs(of: target.playbook) }
            state = .entering(target)
            return nil
        }
    }

    private mutating func take(transitionOf step: Step, _ facts: Facts) {
        switch step.transition {
        case .end:
            // Validation guarantees only done/jump steps end; stay put rather than guess.
            state = .acting(step.address)
        case .next(let target):
            move(from: step, to: target, kind: .next, condition: nil, evidence: [], location: step.location)
        case .branch(let branches, let fallback):
            var looked: [String] = []
            for (index, branch) in branches.enumerated() {
                let kind = Decision.Kind.branch(index: index + 1, count: branches.count)
                switch branch.rule {
                case .test(let condition, let target):
                    let result: Evaluation
                    do {
                        result = try ConditionEvaluator.evaluate(condition, facts)
                    } catch {
                        stopMatching(error, at: step.address)
                        return
                    }
                    if result.holds {
                        if let finding = result.finding { diagnosis = finding.diagnosis(at: step.address) }
                        move(
                            from: step, to: target, kind: kind, condition: ConditionDescription.describe(condition),
                            evidence: result.evidence, location: branch.location)
                        return
                    }
                    for line in result.evidence where !looked.contains(line) { looked.append(line) }
                case .route(let route):
                    switch CauseRouter.decide(route, facts) {
                    case .prove(let target, let finding) where visited.contains(target):
                        // A new failure after a fix that reads as a cause this walk has been through:
                        // going there again would loop, so the arms after this one decide.
                        adopt(finding, at: step.address)
                        looked.append("the cause catalog ranks \(finding.cause) first, and this walk has been through \(target) already")
                    case .prove(let target, let finding):
                        adopt(finding, at: step.address)
                        move(
                            from: step, to: target, kind: kind, condition: ConditionDescription.describeRoute(finding),
                            evidence: finding.evidence, location: branch.location)
                        return
                    case .noPlaybook(let finding):
                        adopt(finding, at: step.address)
                        looked.append("the cause catalog ranks \(finding.cause) first, and no playbook proves it yet")
                    case .unknown(let line):
                        looked.append(line)
                    }
                }
            }
            move(
                from: step, to: fallback.target, kind: .fallback(count: branches.count), condition: nil,
                evidence: looked, location: fallback.location)
        }
    }

    /// Records the decision to go from `step` to `target`, and goes there.
    private mutating func move(
        from step: Step, to target: StepAddress, kind: Decision.Kind, condition: String?, evidence: [String],
        location: SourceLocation
    ) {
        decisions.append(
            Decision(
                step: step.address, target: target, kind: kind, condition: condition, evidence: evidence,
                location: location))
        enter(target, from: step.address)
    }

    /// Takes what the cause catalog read at `address`: the walk's diagnosis, and its facts as variables.
    private mutating func adopt(_ finding: Finding, at address: StepAddress) {
        diagnosis = finding.diagnosis(at: address)
        variables = CauseRouter.merging(finding.facts, into: variables)
    }

    /// A regex match was stopped at `address`: Ctrl-C leaves the step interrupted (retry runs it
    /// again); a spent budget ends the walk, naming the pattern and where it is written.
    private mutating func stopMatching(_ stopped: MatchStopped, at address: StepAddress) {
        switch stopped.reason {
        case .cancelled:
            state = .interrupted(address)
        case .outOfTime(let milliseconds):
            let place = stopped.location.map { " (\($0))" } ?? ""
            _ = finish(
                at: address, outcome: .escalate, cause: nil, reason: .patternTooSlow,
                conclusion: "gotriage stopped matching the pattern '\(stopped.pattern)'\(place) after \(milliseconds) ms: "
                    + "on this step's text it backtracks without end (nested repeats such as (a+)+ take time "
                    + "that doubles with every character). Nothing was decided from it. If you wrote the "
                    + "playbook, make the pattern simpler; otherwise attach this output to a ticket.")
        }
    }

    /// Moves to `target`; entering another playbook sets the defaults of its inputs.
    private mutating func enter(_ target: StepAddress, from address: StepAddress) {
        if target.playbook != address.playbook { seedInputs(of: target.playbook) }
        state = .entering(target)
    }

    private mutating func finish(
        at address: StepAddress, outcome: Outcome, cause: String?,
        reason: WalkEnd.Reason, conclusion: String, help: String? = nil
    ) -> Directive.Action {
        let end = WalkEnd(
            outcome: outcome, cause: cause, conclusion: conclusion, step: address, reason: reason,
            diagnosis: diagnosis, help: help)
        state = .finished(end)
        return .finished(end)
    }

    private mutating func saveCheckpoint(at address: StepAddress) {
        checkpoints.append(
            Checkpoint(
                step: address, variables: variables, decisions: decisions, visited: visited,
                stepsEntered: stepsEntered, diagnosis: diagnosis))
    }

    /// Sets the defaults of a playbook's inputs that are not known yet.
    private mutating func seedInputs(of playbook: String) {
        for input in tree.playbooks[playbook]?.inputs ?? [] where variables[input.name] == nil {
            if let value = input.defaultValue { variables[input.name] = facts().render(value) }
        }
        deriveModuleHost()
    }

    /// A `module` given by hand (an answer, `--answer`, `start PLAYBOOK MODULE`) comes without
    /// `module_host`; it is the module path's first element, as `- module:` captures set it.
    private mutating func deriveModuleHost() {
        guard (variables["module_host"] ?? "").isEmpty, let module = variables["module"], !module.isEmpty else { return }
        variables["module_host"] = String(module.prefix { $0 != "/" && $0 != "@" })
    }

    private func facts() -> Facts {
        Facts(probe: nil, fix: nil, variables: variables, goEnv: goEnv, catalog: CatalogReading(diagnoser: tree.diagnoser))
    }

    /// `template` filled with `facts`, noting each placeholder it shows empty.
    private mutating func sentence(_ template: Template, at address: StepAddress, _ facts: Facts) -> String {
        for name in template.variables where !name.hasPrefix(GoEnvKeys.templatePrefix) && (facts.value(of: name) ?? "").isEmpty {
            let shown = ShownEmpty(step: address, variable: name)
            if !shownEmpty.contains(shown) { shownEmpty.append(shown) }
        }
        return facts.render(template)
    }

    private mutating func pendingQuestion(at address: StepAddress) -> PendingQuestion {
        guard case .ask(let question) = tree[address].action else { preconditionFailure("not an ask step") }
        let facts = facts()
        return PendingQuestion(
            step: address, prompt: sentence(question.prompt, at: address, facts), variable: question.variable,
            choices: question.choices, defaultValue: question.defaultValue.map(facts.render),
            pattern: question.pattern?.source, secret: question.secret)
    }

    private mutating func pendingProbe(at address: StepAddress) -> PendingProbe {
        guard case .run(let probe) = tree[address].action else { preconditionFailure("not a run step") }
        let facts = facts()
        var environment: [String: String] = [:]
        for (name, value) in probe.environment { environment[name] = facts.render(value) }
        return PendingProbe(
            step: address, argv: probe.argv.map(facts.render), environment: environment,
            timeoutMilliseconds: probe.timeoutMilliseconds, pending: probe.pending.map { sentence($0, at: address, facts) })
    }

    private mutating func pendingFix(at address: StepAddress) -> PendingFix {
        guard case .fix(let fix) = tree[address].action else { preconditionFailure("not a fix step") }
        let facts = facts()
        let changes = fix.changes.map { change -> PendingFix.Change in
            switch change {
            case .set(let key, let value): PendingFix.Change(key: key, value: facts.render(value))
            case .unset(let key): PendingFix.Change(key: key, value: nil)
            }
        }
        return PendingFix(step: address, reason: sentence(fix.reason, at: address, facts), changes: changes)
    }
}

/// A placeholder a sentence of `step` showed empty (see `Walk.shownEmpty`).
public struct ShownEmpty: Hashable, Sendable {
    public let step: StepAddress
    public let variable: String

    public init(step: StepAddress, variable: String) {
        self.step = step
        self.variable = variable
    }
}
