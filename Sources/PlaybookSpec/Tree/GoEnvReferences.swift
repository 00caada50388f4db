/// Finds the `go env` keys a playbook reads: `goenv:` conditions and `{{goenv.KEY}}` placeholders.
///
/// The validator has already checked every key, so these are known Go environment variables. A
/// walk asks `go env` for exactly these keys, and only once it reaches a step that reads one.
enum GoEnvReferences {
    /// The keys a step with this `say`, action and transition reads, sorted.
    static func keys(say: Template?, action: Action, transition: Transition) -> [String] {
        var keys: Set<String> = []
        let terms = StepTerms(say: say, action: action, transition: transition)
        for template in terms.templates { add(template, to: &keys) }
        if case .branch(let branches, _) = transition {
            for case let condition? in branches.map(\.condition) { addTested(condition, to: &keys) }
        }
        return keys.sorted()
    }

    /// The keys of the `{{goenv.KEY}}` placeholders in `template`.
    static func add(_ template: Template, to keys: inout Set<String>) {
        for case .variable(let name) in template.segments where name.hasPrefix(GoEnvKeys.templatePrefix) {
            keys.insert(String(name.dropFirst(GoEnvKeys.templatePrefix.count)))
        }
    }

    /// The keys `condition` tests (`goenv: KEY`); the keys it fills in come with its templates.
    private static func addTested(_ condition: Condition, to keys: inout Set<String>) {
        switch condition.kind {
        case .exitCode, .timedOut, .fix, .output, .variable:
            break
        case .goEnv(let key, _):
            keys.insert(key)
        case .all(let conditions), .any(let conditions):
            for condition in conditions { addTested(condition, to: &keys) }
        case .not(let condition):
            addTested(condition, to: &keys)
        }
    }
}
