import PlaybookSpec

/// One playbook as a picture's parts: a node per step (labelled by its kind) and an edge per way
/// on (`next`, each `if` arm, a route's causes, `else`, `jump`), plus a node for each step of
/// another playbook that a way leads to. `GraphFormat` writes it as Mermaid or Graphviz DOT.
struct PlaybookGraph {
    enum Kind: String {
        case run, ask, fix, message, jump
        case resolved
        case notResolved = "not-resolved"
        case escalate
        /// A step of another playbook.
        case elsewhere
    }

    struct Node {
        let id: String
        let kind: Kind
        /// The step id, then what the step does, one line each.
        let lines: [String]
    }

    struct Edge {
        let from: String
        let to: String
        /// Empty for `next`.
        let label: String
    }

    let title: String
    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []
    let start: String

    /// Labels longer than this many characters end in "…".
    static let labelLimit = 48

    init(_ playbook: Playbook) {
        title = playbook.id
        start = playbook.start.step
        var elsewhere: [String] = []
        func name(_ address: StepAddress) -> String {
            guard address.playbook != playbook.id else { return address.step }
            let id = address.description
            if !elsewhere.contains(id) { elsewhere.append(id) }
            return id
        }
        for id in playbook.stepOrder {
            guard let step = playbook.steps[id] else { continue }
            let (kind, detail) = Self.describe(step.action)
            nodes.append(Node(id: id, kind: kind, lines: [id, Self.shortened(detail)]))
            if case .jump(let target) = step.action { edges.append(Edge(from: id, to: name(target), label: "")) }
            switch step.transition {
            case .end:
                break
            case .next(let target):
                edges.append(Edge(from: id, to: name(target), label: ""))
            case .branch(let branches, let fallback):
                for branch in branches {
                    switch branch.rule {
                    case .test(let condition, let target):
                        edges.append(Edge(from: id, to: name(target), label: Self.shortened(Self.label(condition))))
                    case .route(let route):
                        // One edge per target, naming the causes proven there.
                        var causes: [String: [String]] = [:]
                        for (cause, target) in route.starts.sorted(by: { $0.key < $1.key }) {
                            causes[name(target), default: []].append(cause)
                        }
                        for (target, ids) in causes.sorted(by: { $0.key < $1.key }) {
                            edges.append(
                                Edge(from: id, to: target, label: Self.shortened("route: " + ids.sorted().joined(separator: ", "))))
                        }
                    }
                }
                edges.append(Edge(from: id, to: name(fallback.target), label: "else"))
            }
        }
        nodes += elsewhere.map { Node(id: $0, kind: .elsewhere, lines: [$0]) }
    }

    /// The kind of a step and what it does, in a few words.
    static func describe(_ action: Action) -> (Kind, String) {
        switch action {
        case .message: (.message, "say")
        case .run(let probe): (.run, "run: " + probe.argv.map(\.description).joined(separator: " "))
        case .ask(let question): (.ask, "ask: " + question.variable)
        case .fix(let fix):
            (
                .fix,
                "fix: "
                    + fix.changes.map { change in
                        switch change {
                        case .set(let key, let value): "go env -w \(key)=\(value)"
                        case .unset(let key): "go env -u \(key)"
                        }
                    }.joined(separator: "; ")
            )
        case .jump(let target): (.jump, "jump: \(target)")
        case .done(let conclusion):
            (
                conclusion.outcome == .resolved ? .resolved : conclusion.outcome == .escalate ? .escalate : .notResolved,
                "done: " + conclusion.outcome.rawValue + (conclusion.cause.map { " (\($0))" } ?? "")
            )
        }
    }

    /// A condition in the playbook's own words, short.
    static func label(_ condition: Condition) -> String {
        switch condition.kind {
        case .exitCode(let codes): "exit " + codes.map(String.init).joined(separator: ",")
        case .timedOut(let wanted): wanted ? "timed out" : "in time"
        case .output(let stream, let test): "\(stream.rawValue) \(label(test))"
        case .variable(let name, let test): "\(name) \(label(test))"
        case .goEnv(let key, let test): "goenv \(key) \(label(test))"
        case .fix(let result): "fix \(result.rawValue)"
        case .all(let conditions): conditions.map(label).joined(separator: " and ")
        case .any(let conditions): conditions.map(label).joined(separator: " or ")
        case .not(let inner): "not (\(label(inner)))"
        }
    }

    private static func label(_ test: TextTest) -> String {
        switch test {
        case .equals(let template): "= '\(template)'"
        case .contains(let template): "has '\(template)'"
        case .matches(let pattern): "~ /\(pattern.source)/"
        case .isEmpty(let wanted): wanted ? "empty" : "not empty"
        case .signature(let id): "signature \(id)"
        case .cause(let id): "cause \(id)"
        }
    }

    static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= labelLimit ? line : String(line.prefix(labelLimit - 1)) + "…"
    }
}
