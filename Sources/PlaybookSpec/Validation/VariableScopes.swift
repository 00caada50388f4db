/// Which variables each playbook may use.
///
/// A playbook's own variables are its inputs, the `into` of its asks and the named groups of its
/// captures. A playbook may also use every variable of any playbook that can jump into it,
/// directly or through other playbooks, since the walk carries its variables along.
struct VariableScopes {
    /// Per document (same order as the index): the variables it may use.
    let defined: [Set<String>]

    init(_ index: PlaybookIndex) {
        let documents = index.documents
        let own = documents.map(Self.ownVariables)
        var callers = [[Int]](repeating: [], count: documents.count)
        for (caller, document) in documents.enumerated() {
            for position in document.steps.indices {
                if case .jump(let jump) = document.steps[position].action, let target = index.playbooks[jump.playbook.value],
                    target != caller
                {
                    callers[target].append(caller)
                }
            }
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
                    variables.formUnion(Pattern.namedGroups(in: capture.pattern.value))
                }
            default:
                break
            }
        }
        return variables
    }
}
