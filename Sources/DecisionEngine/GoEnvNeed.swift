import PlaybookSpec

/// Decides whether a walk must read `go env` before it goes on at a step.
///
/// A walk reads `go env` lazily: only once it reaches a step that shows, runs, asks, fixes or
/// branches on a `go env` value — most walks' first steps (`go version`, `git --version`) need none.
enum GoEnvNeed {
    /// Whether the step at `address` reads a `go env` value: its own `say`, action or branches,
    /// or, for a jump into another playbook, that playbook's input defaults (filled in on arrival).
    static func reads(at address: StepAddress, in tree: DecisionTree) -> Bool {
        let step = tree[address]
        if !step.goEnvKeys.isEmpty { return true }
        guard case .jump(let target) = step.action, target.playbook != address.playbook else { return false }
        return tree.playbooks[target.playbook]?.inputs.contains { input in
            input.defaultValue?.variables.contains { $0.hasPrefix(GoEnvKeys.templatePrefix) } ?? false
        } ?? false
    }
}
