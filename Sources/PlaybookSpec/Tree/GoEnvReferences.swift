/// Finds the `go env` keys a playbook reads: `goenv:` conditions and `{{goenv.KEY}}` placeholders.
///
/// The validator has already checked every key, so these are known Go environment variables. A
/// walk asks `go env` for exactly these keys, and only once it reaches a step that reads one.
enum GoEnvReferences {
    /// The keys a step with this `say`, action and transition reads, sorted.
    static func keys(say: Template?, action: Action, transition: Transition) -> [String] {
        var keys: Set<String> = []
        if let say { add(say, to: &keys) }
        switch action {
        case .message, .jump:
            break
        case .run(let probe):
            for argument in probe.argv { add(argument, to: &keys) }
            for variable in probe.environment { add(variable.value, to: &keys) }
            if let pending = probe.pending { add(pending, to: &keys) }
        case .ask(let question):
            add(question.prompt, to: &keys)
            if let value = question.defaultValue { add(value, to: &keys) }
        case .fix(let fix):
            add(fix.reason, to: &keys)
            for case .set(_, let value) in fix.changes { add(value, to: &keys) }
        case .done(let conclusion):
            add(conclusion.text, to: &keys)
        }
        if case .branch(let branches, _) = transition {
            for case let condition? in branches.map(\.condition) { add(condition, to: &keys) }
        }
        return keys.sorted()
    }

    /// The keys of the `{{goenv.KEY}}` placeholders in `template`.
    static func add(_ template: Template, to keys: inout Set<String>) {
        for case .variable(let name) in template.segments where name.hasPrefix(GoEnvKeys.templatePrefix) {
            keys.insert(String(name.dropFirst(GoEnvKeys.templatePrefix.count)))
        }
    }

    /// The keys `condition` tests (`goenv: KEY`) or fills in (`equals: "{{goenv.KEY}}"`).
    static func add(_ condition: Condition, to keys: inout Set<String>) {
        switch condition.kind {
        case .exitCode, .timedOut, .fix:
            break
        case .output(_, let test), .variable(_, let test):
            add(test, to: &keys)
        case .goEnv(let key, let test):
            keys.insert(key)
            add(test, to: &keys)
        case .all(let conditions), .any(let conditions):
            for condition in conditions { add(condition, to: &keys) }
        case .not(let condition):
            add(condition, to: &keys)
        }
    }

    private static func add(_ test: TextTest, to keys: inout Set<String>) {
        switch test {
        case .equals(let template), .contains(let template): add(template, to: &keys)
        case .matches, .isEmpty, .signature, .cause: break
        }
    }
}
