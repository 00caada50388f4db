/// Finds inputs without a default that sentences show: `{{name}}` in a `say`, a question, a fix's
/// reason, a probe's `pending` or a conclusion, empty when the playbook is started on its own
/// (`gotriage run ID`, `start ID`) though set when another playbook leads there. One warning per
/// input, at its declaration.
///
/// Variables a capture sets are not reported: most such sentences are reached only through an arm
/// whose condition tests the same output, which this analysis cannot tell from the capture.
///
/// It is a must-analysis over every step of every playbook, run twice (inputs given, and not): a variable is set on entering a step when
/// it is set on every way in. A playbook's start can be entered on its own (`gotriage run ID`,
/// `start ID`), where only inputs with a default are set. An `ask` sets its `into`; an arm whose
/// condition holds only for a non-empty variable (`{var: x, empty: false}`, `{var: x, equals:
/// text}`, within `all`, or `any` of such on each side) sets it on that way. Captures and route
/// facts may find nothing, so they set nothing for sure.
enum EmptyVariables {
    static func warnings(_ tree: DecisionTree) -> [Diagnostic] {
        let inWalks = emptyAt(tree, inputsGiven: true)
        let alone = emptyAt(tree, inputsGiven: false)
        var warnings: [Diagnostic] = []
        // Empty only when the playbook is started on its own: one warning per input.
        for playbook in tree.all {
            for input in playbook.inputs {
                let places = alone.filter { place, names in
                    names.contains(input.name) && !(inWalks[place]?.contains(input.name) ?? false)
                        && place.playbook == playbook.id
                }
                guard !places.isEmpty else { continue }
                warnings.append(
                    Diagnostic(
                        .warning, at: input.location,
                        "input '\(input.name)' has no default, and \(places.count) step\(places.count == 1 ? "" : "s") of '\(playbook.id)' show it: started on its own (gotriage run \(playbook.id)) they show it empty; give it a default or ask for it"
                    ))
            }
        }
        return warnings
    }

    /// A step whose sentences show variables that may be empty, by place.
    struct Place: Hashable {
        let playbook: String
        let step: String
        let location: SourceLocation
    }

    /// The variables each step's sentences may show empty; `inputsGiven`: a playbook's start has
    /// all of its inputs (as when another playbook leads there), else only those with a default.
    static func emptyAt(_ tree: DecisionTree, inputsGiven: Bool) -> [Place: [String]] {
        var steps: [StepAddress: Step] = [:]
        for playbook in tree.all { for step in playbook.steps.values { steps[step.address] = step } }
        let everything = Set(steps.values.flatMap { StepTerms($0).templates.flatMap(\.variables) })
            .union(tree.all.flatMap { $0.inputs.map(\.name) })
        // On entering each step: the variables set on every way in (nil: no way found yet).
        var entering: [StepAddress: Set<String>] = [:]
        var work: [StepAddress] = []
        for playbook in tree.all {
            let defaults = Set(
                playbook.inputs.filter { inputsGiven || ($0.defaultValue.map { !$0.segments.isEmpty } ?? false) }.map(\.name))
            entering[playbook.start] = defaults
            work.append(playbook.start)
        }
        while let address = work.popLast() {
            guard let step = steps[address], let set = entering[address] else { continue }
            var leaving = set
            if case .ask(let question) = step.action { leaving.insert(question.variable) }
            for (target, extra) in ways(from: step) {
                let arriving = leaving.union(extra).intersection(everything)
                let known = entering[target]
                let merged = known.map { $0.intersection(arriving) } ?? arriving
                if merged != known {
                    entering[target] = merged
                    work.append(target)
                }
            }
        }
        var empty: [Place: [String]] = [:]
        for playbook in tree.all {
            for id in playbook.stepOrder {
                guard let step = playbook.steps[id], let set = entering[step.address] else { continue }
                var names: [String] = []
                for name in sentences(of: step).flatMap(\.variables)
                where !name.hasPrefix(GoEnvKeys.templatePrefix) && !set.contains(name) && !names.contains(name) {
                    names.append(name)
                }
                if !names.isEmpty { empty[Place(playbook: playbook.id, step: id, location: step.location)] = names }
            }
        }
        return empty
    }

    /// Where a walk may go from `step`, each with the variables that way makes sure are set.
    static func ways(from step: Step) -> [(StepAddress, Set<String>)] {
        var ways: [(StepAddress, Set<String>)] = []
        if case .jump(let target) = step.action { ways.append((target, [])) }
        switch step.transition {
        case .end:
            break
        case .next(let target):
            ways.append((target, []))
        case .branch(let branches, let fallback):
            for branch in branches {
                switch branch.rule {
                case .test(let condition, let target): ways.append((target, nonEmpty(condition)))
                case .route(let route): ways += route.starts.values.map { ($0, []) }
                }
            }
            ways.append((fallback.target, []))
        }
        return ways
    }

    /// The variables `condition` holding shows to be non-empty.
    static func nonEmpty(_ condition: Condition) -> Set<String> {
        switch condition.kind {
        case .variable(let name, .isEmpty(false)): [name]
        case .variable(let name, .equals(let template)) where !template.segments.isEmpty: [name]
        case .not(let inner):
            if case .variable(let name, .isEmpty(true)) = inner.kind { [name] } else { [] }
        case .all(let conditions): conditions.reduce(into: Set<String>()) { $0.formUnion(nonEmpty($1)) }
        case .any(let conditions):
            conditions.map(nonEmpty).reduce(nil) { (sofar: Set<String>?, next: Set<String>) in
                sofar.map { $0.intersection(next) } ?? next
            } ?? []
        default: []
        }
    }

    /// The texts of `step` a person reads.
    static func sentences(of step: Step) -> [Template] {
        var texts: [Template] = step.say.map { [$0] } ?? []
        switch step.action {
        case .ask(let question): texts.append(question.prompt)
        case .fix(let fix): texts.append(fix.reason)
        case .done(let conclusion): texts += [conclusion.text] + (conclusion.help.map { [$0] } ?? [])
        case .run(let probe): if let pending = probe.pending { texts.append(pending) }
        case .message, .jump: break
        }
        return texts
    }
}
