import Diagnosis

/// Which variables each playbook may use.
///
/// A playbook's own variables are its inputs, the `into` of its asks, the named groups of its
/// captures (and the variables of a `- module: …` capture), and — when it has a `route: causes`
/// arm — every fact the cause catalog can establish. A playbook may also use every variable of
/// any playbook that can lead into it (by `jump`, a `playbook:step` target or a route), directly
/// or through other playbooks, since the walk carries its variables along.
struct VariableScopes {
    /// Per document (same order as the index): the variables it may use.
    let defined: [Set<String>]

    init(_ index: PlaybookIndex, catalog: Catalog) {
        let documents = index.documents
        let facts = catalog.factNames
        let routeTargets = Set(catalog.causes.compactMap { $0.start.flatMap { index.playbooks[$0.playbook] } })
        var own: [Set<String>] = []
        var callers = [[Int]](repeating: [], count: documents.count)
        for (caller, document) in documents.enumerated() {
            var variables = Self.ownVariables(document)
            for position in document.steps.indices {
                let step = document.steps[position]
                if case .jump(let jump) = step.action, let target = index.playbooks[jump.playbook.value],
                    target != caller
                {
                    callers[target].append(caller)
                }
                for reference in step.references {
                    if let target = index.otherPlaybook(of: reference, from: caller) { callers[target].append(caller) }
                }
                if step.routes {
                    variables.formUnion(facts)
                    for target in routeTargets where target != caller { callers[target].append(caller) }
                }
            }
            own.append(variables)
        }
        var defined: [Set<String>] = []
        defined.reserveCapacity(documents.count)
        for document in documents.indices {
            guard !callers[document].isEmpty else {
                defined.append(own[document])
                continue
            }
            var variables = own[document]
            var seen: Set<Int> = [document]
            var queue = callers[document]
            while let caller = queue.popLast() {
                guard seen.insert(caller).inserted else { continue }
                variables.formUnion(own[caller])
                queue.append(contentsOf: callers[caller])
            }
            defined.append(variables)
        }
        self.defined = defined
    }

    static func ownVariables(_ document: PlaybookDocument) -> Set<String> {
        var variables = Set(document.inputs.map(\.name.value))
        for position in document.steps.indices {
            switch document.steps[position].action {
            case .ask(let ask):
                variables.insert(ask.variable.value)
            case .run(let run):
                for capture in run.captures {
                    if capture.readsModule {
                        variables.formUnion(Capture.moduleVariables)
                    } else {
                        variables.formUnion(Pattern.namedGroups(in: capture.pattern.value))
                    }
                }
            default:
                break
            }
        }
        return variables
    }
}

extension StepSyntax {
    /// The step references of its `next` and branch arms (`goto`, `else`).
    fileprivate var references: [String] {
        switch transition {
        case .next(let target)?: [target.value]
        case .branch(let arms, _)?: arms.filter { !$0.routes }.map(\.target.value)
        case nil: []
        }
    }

    /// Whether one of its branch arms is `route: causes`.
    fileprivate var routes: Bool {
        if case .branch(let arms, _)? = transition { arms.contains { $0.routes } } else { false }
    }
}
