/// Numbers every step of every playbook and resolves step and playbook references.
///
/// Steps are numbered globally (`node`) in load order, so graphs over all playbooks are plain
/// arrays. A repeated playbook or step id is reported once, at the repeat; references resolve to
/// the first definition.
struct PlaybookIndex {
    let documents: [PlaybookDocument]
    /// Playbook id → index in `documents` (first definition).
    let playbooks: [String: Int]
    /// The first node of each document.
    let offsets: [Int]
    /// Per document: step id → position in its `steps` (first definition).
    let positions: [[String: Int]]
    /// Nodes that repeat an earlier step id of their playbook.
    let repeated: Set<Int>
    let nodeCount: Int

    init(_ documents: [PlaybookDocument], problems: inout Problems) {
        var playbooks: [String: Int] = [:]
        var offsets: [Int] = []
        var positions: [[String: Int]] = []
        var repeated: Set<Int> = []
        var node = 0
        for (index, document) in documents.enumerated() {
            if let first = playbooks[document.id.value] {
                let earlier = documents[first].id.location
                let place = earlier.file == document.file ? "line \(earlier.line)" : "\(earlier.file):\(earlier.line)"
                problems.error(
                    document.id.location,
                    "playbook id '\(document.id.value)' is used twice; first defined at \(place)")
            } else {
                playbooks[document.id.value] = index
            }
            offsets.append(node)
            var steps: [String: Int] = [:]
            steps.reserveCapacity(document.steps.count)
            for position in document.steps.indices {
                let id = document.steps[position].id
                if let first = steps[id.value] {
                    let earlier = document.steps[first].id.location
                    problems.error(id.location, "step '\(id.value)' is defined twice; first defined at line \(earlier.line)")
                    repeated.insert(node + position)
                } else {
                    steps[id.value] = position
                }
            }
            positions.append(steps)
            node += document.steps.count
        }
        self.documents = documents
        self.playbooks = playbooks
        self.offsets = offsets
        self.positions = positions
        self.repeated = repeated
        self.nodeCount = node
    }

    /// The node of step `id` in document `document`, or nil.
    func node(_ id: String, in document: Int) -> Int? {
        positions[document][id].map { offsets[document] + $0 }
    }

    /// The document and step position of `node`.
    func place(of node: Int) -> (document: Int, position: Int) {
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= node { low = middle } else { high = middle - 1 }
        }
        return (low, node - offsets[low])
    }

    func step(_ node: Int) -> StepSyntax {
        let place = place(of: node)
        return documents[place.document].steps[place.position]
    }

    func address(_ node: Int) -> StepAddress {
        let place = place(of: node)
        let document = documents[place.document]
        return StepAddress(playbook: document.id.value, step: document.steps[place.position].id.value)
    }

    /// Resolves a step reference of document `document` — a step id of its own, or
    /// `playbook:step` — reporting an unknown one.
    func resolve(
        _ reference: Located<String>, in document: Int, what: String, acrossPlaybooks: Bool = true,
        problems: inout Problems
    ) -> Int? {
        if let node = node(reference.value, in: document) { return node }
        if acrossPlaybooks, let colon = reference.value.firstIndex(of: ":") {
            let playbook = String(reference.value[..<colon])
            let step = String(reference.value[reference.value.index(after: colon)...])
            guard let target = playbooks[playbook] else {
                let ids = documents.lazy.map(\.id.value)
                problems.error(
                    reference.location,
                    "unknown playbook '\(playbook)' in \(what)\(Suggestion.didYouMean(playbook, among: ids))")
                return nil
            }
            if let node = node(step, in: target) { return node }
            let ids = documents[target].steps.lazy.map(\.id.value)
            problems.error(
                reference.location,
                "playbook '\(playbook)' has no step '\(step)' in \(what)\(Suggestion.didYouMean(step, among: ids))")
            return nil
        }
        let ids = documents[document].steps.lazy.map(\.id.value)
        problems.error(
            reference.location,
            "unknown step '\(reference.value)' in \(what)\(Suggestion.didYouMean(reference.value, among: ids))")
        return nil
    }

    /// The document a `playbook:step` reference of document `document` leads into, when it names
    /// another playbook that exists.
    func otherPlaybook(of reference: String, from document: Int) -> Int? {
        guard node(reference, in: document) == nil, let colon = reference.firstIndex(of: ":"),
            let target = playbooks[String(reference[..<colon])], target != document
        else { return nil }
        return target
    }

    /// Resolves `jump: playbook[:step]` to a node, reporting an unknown playbook or step.
    func resolve(_ jump: JumpSyntax, problems: inout Problems) -> Int? {
        guard let target = playbooks[jump.playbook.value] else {
            let ids = documents.lazy.map(\.id.value)
            problems.error(
                jump.playbook.location,
                "unknown playbook '\(jump.playbook.value)' in jump\(Suggestion.didYouMean(jump.playbook.value, among: ids))")
            return nil
        }
        guard let step = jump.step else {
            return node(documents[target].start.value, in: target)
        }
        if let node = node(step.value, in: target) { return node }
        let ids = documents[target].steps.lazy.map(\.id.value)
        problems.error(
            step.location,
            "playbook '\(jump.playbook.value)' has no step '\(step.value)'\(Suggestion.didYouMean(step.value, among: ids))")
        return nil
    }
}
