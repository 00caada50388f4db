import Yams

/// Reads one entry of `steps:`: its `say`, its one action and its `next` or `branch`.
struct StepReader {
    let reading: NodeReading

    static let actionKeys = ["run", "ask", "fix", "done", "jump"]
    static let stepKeys = ["say", "run", "ask", "fix", "done", "jump", "next", "branch"]

    func read(_ node: Node, id: Located<String>) throws(Diagnostic) -> StepSyntax {
        let step = try MappingReader(
            node, key: id.value, name: "step '\(id.value)'", known: Self.stepKeys,
            anchor: id.location, reading: reading)
        let actionPairs = step.pairs.filter { Self.actionKeys.contains($0.keyText) }
        if actionPairs.count > 1 {
            throw Diagnostic(
                at: reading.location(of: actionPairs[1].key),
                "step '\(id.value)' has both '\(actionPairs[0].keyText)' and '\(actionPairs[1].keyText)'; a step does one thing")
        }
        let say = try step.template("say")
        let actions = ActionReader(reading: reading)
        let action: ActionSyntax
        if let pair = actionPairs.first {
            let at = reading.location(of: pair.key)
            switch pair.keyText {
            case "run": action = .run(try actions.run(pair.value, at: at))
            case "ask": action = .ask(try actions.ask(pair.value, at: at))
            case "fix": action = .fix(try actions.fix(pair.value, at: at))
            case "done": action = .done(try actions.done(pair.value, at: at))
            default: action = .jump(try actions.jump(pair.value, at: at))
            }
        } else {
            // A step with only a `branch` is a decision on what is already known (variables, go env).
            guard say != nil || step.entry("branch") != nil else {
                throw Diagnostic(
                    at: id.location,
                    "step '\(id.value)' does nothing; give it 'say' text, a 'branch', or one of run, ask, fix, done, jump")
            }
            action = .message
        }
        return StepSyntax(id: id, say: say, action: action, transition: try transition(step, id: id.value))
    }

    private func transition(_ step: MappingReader, id: String) throws(Diagnostic) -> TransitionSyntax? {
        let next = step.entry("next")
        let branch = step.entry("branch")
        if let next, let branch {
            let later = reading.location(of: next.key) < reading.location(of: branch.key) ? branch.key : next.key
            throw Diagnostic(
                at: reading.location(of: later),
                "step '\(id)' has both 'next' and 'branch'; use 'next' alone, or 'branch' with an 'else' arm")
        }
        if let next { return .next(try reading.text(next.value, key: "next")) }
        guard let branch else { return nil }
        let at = reading.location(of: branch.key)
        let arms = try reading.sequence(branch.value, key: "branch", expected: "a list of '- if: … goto: …' arms")
        guard !arms.isEmpty else {
            throw Diagnostic(at: at, "'branch' is an empty list; give '- if: … goto: …' arms and a last '- else: …'")
        }
        var result: [BranchSyntax] = []
        for arm in arms { result.append(try self.arm(arm)) }
        return .branch(result, location: at)
    }

    private func arm(_ node: Node) throws(Diagnostic) -> BranchSyntax {
        let at = reading.location(of: node)
        let arm = try MappingReader(
            node, key: "branch", name: "branch", known: ["if", "goto", "else", "route"],
            anchor: at, reading: reading)
        if let route = arm.entry("route") {
            if let other = arm.pairs.first(where: { $0.keyText != "route" }) {
                throw Diagnostic(
                    at: reading.location(of: other.key),
                    "a 'route' arm stands alone; it goes where the cause catalog says, so move '\(other.keyText)' to an arm of its own")
            }
            let value = try reading.text(route.value, key: "route")
            guard value.value == "causes" else {
                throw Diagnostic(
                    at: value.location,
                    "'route' ranks the causes of the cause catalog and is written '- route: causes' (got '\(value.value)')")
            }
            return BranchSyntax(condition: nil, target: value, routes: true, location: at)
        }
        if let fallback = arm.entry("else") {
            if let other = arm.pairs.first(where: { $0.keyText != "else" }) {
                throw Diagnostic(
                    at: reading.location(of: other.key),
                    "an 'else' arm stands alone; move '\(other.keyText)' to an arm of its own")
            }
            return BranchSyntax(condition: nil, target: try reading.text(fallback.value, key: "else"), location: at)
        }
        let condition = try ConditionReader(reading: reading).read(
            try arm.required("if", hint: " (each arm is '- if: …' with 'goto: …', or '- else: …')"), key: "if")
        let target = try arm.requiredText("goto", hint: " (the step to go to when the 'if' holds)")
        return BranchSyntax(condition: condition, target: target, location: at)
    }
}
