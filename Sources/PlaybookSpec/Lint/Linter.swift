/// The warnings `gotriage lint` adds to the loader's and the validator's errors: things that load
/// and walk, but that a reviewer would ask about. Each is a `Diagnostic` of severity `.warning`
/// at the place to change, in file order.
///
/// - a `done` that ends not-resolved or escalates without a cause id (resolved without one means
///   nothing was wrong);
/// - an input, a question's answer or a capture group that no step uses (variables carry along a
///   walk, so a use in any playbook counts);
/// - a step from which no `done` can be reached;
/// - a sentence that may show an empty variable (`EmptyVariables`);
/// - a cause of the catalog that no `done` concludes.
public enum Linter {
    /// The warnings for `tree`, checked against `catalog`. With `files`, only warnings located in
    /// those files (a user's folder among the shipped playbooks).
    public static func warnings(_ tree: DecisionTree, catalog: LoadedCatalog, files: Set<String>? = nil) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let used = usedVariables(tree)
        for playbook in tree.all {
            for input in playbook.inputs where !used.contains(input.name) {
                warnings.append(
                    Diagnostic(
                        .warning, at: input.location,
                        "input '\(input.name)' is never used; no step fills it in or tests it"))
            }
            for id in playbook.stepOrder {
                guard let step = playbook.steps[id] else { continue }
                warnings += stepWarnings(step, id: id, used: used)
            }
        }
        warnings += deadEnds(tree)
        warnings += EmptyVariables.warnings(tree)
        let concluded = Set(
            tree.all.flatMap { $0.steps.values }.compactMap { step -> String? in
                if case .done(let conclusion) = step.action { conclusion.cause } else { nil }
            })
        for cause in catalog.catalog.causes where !concluded.contains(cause.id) {
            let location = catalog.causeLocations[cause.id] ?? SourceLocation(file: catalog.file, line: 1, column: 1)
            warnings.append(
                Diagnostic(
                    .warning, at: location,
                    "no playbook concludes the cause '\(cause.id)'; no 'done' names it, so a walk can never end on it"))
        }
        let kept = files.map { files in warnings.filter { files.contains($0.location.file) } } ?? warnings
        return kept.sorted { $0.location < $1.location }
    }

    private static func stepWarnings(_ step: Step, id: String, used: Set<String>) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        switch step.action {
        case .done(let conclusion) where conclusion.cause == nil && conclusion.outcome != .resolved:
            warnings.append(
                Diagnostic(
                    .warning, at: step.location,
                    "step '\(id)' ends \(conclusion.outcome.rawValue) without a cause id; name the cause (cause: …) so that reports and scripts can tell what was found"
                ))
        case .ask(let question) where !used.contains(question.variable):
            warnings.append(
                Diagnostic(
                    .warning, at: step.location,
                    "the answer to step '\(id)' ('\(question.variable)') is never used; no step fills it in or tests it"))
        case .run(let probe):
            for capture in probe.captures {
                guard let pattern = capture.pattern else { continue }
                let unused = pattern.groupNames.filter { !used.contains($0) }
                guard !unused.isEmpty else { continue }
                let names = unused.map { "'\($0)'" }.joined(separator: ", ")
                warnings.append(
                    Diagnostic(
                        .warning, at: capture.location,
                        "capture group\(unused.count == 1 ? "" : "s") \(names) \(unused.count == 1 ? "is" : "are") never used; no step fills \(unused.count == 1 ? "it" : "them") in or tests \(unused.count == 1 ? "it" : "them")"
                    ))
            }
        default:
            break
        }
        return warnings
    }

    /// Every variable a template fills in or a `var:` condition tests, in any playbook.
    static func usedVariables(_ tree: DecisionTree) -> Set<String> {
        var used: Set<String> = []
        for playbook in tree.all {
            for input in playbook.inputs { used.formUnion(input.defaultValue?.variables ?? []) }
            for step in playbook.steps.values {
                let terms = StepTerms(step)
                for template in terms.templates { used.formUnion(template.variables) }
                used.formUnion(terms.testedVariables)
            }
        }
        return used
    }

    /// Steps from which no `done` can be reached, following next, goto, else, route and jump.
    static func deadEnds(_ tree: DecisionTree) -> [Diagnostic] {
        var predecessors: [StepAddress: [StepAddress]] = [:]
        var finishes: [StepAddress] = []
        for playbook in tree.all {
            for step in playbook.steps.values {
                for target in successors(of: step) { predecessors[target, default: []].append(step.address) }
                if case .done = step.action { finishes.append(step.address) }
            }
        }
        var reaches = Set(finishes)
        var stack = finishes
        while let address = stack.popLast() {
            for predecessor in predecessors[address] ?? [] where reaches.insert(predecessor).inserted {
                stack.append(predecessor)
            }
        }
        return tree.all.flatMap { playbook in
            playbook.stepOrder.compactMap { id -> Diagnostic? in
                guard let step = playbook.steps[id], !reaches.contains(step.address) else { return nil }
                return Diagnostic(
                    .warning, at: step.location,
                    "no 'done' can be reached from step '\(id)'; a walk through it never comes to a conclusion")
            }
        }
    }

    /// Where a walk may go from `step`.
    public static func successors(of step: Step) -> [StepAddress] {
        var targets: [StepAddress] = []
        if case .jump(let target) = step.action { targets.append(target) }
        switch step.transition {
        case .end:
            break
        case .next(let target):
            targets.append(target)
        case .branch(let branches, let fallback):
            for branch in branches {
                switch branch.rule {
                case .test(_, let target): targets.append(target)
                case .route(let route): targets += route.starts.values.sorted { $0.description < $1.description }
                }
            }
            targets.append(fallback.target)
        }
        return targets
    }
}
