import Diagnosis

/// A checked set of playbooks, ready for the engine.
///
/// Only `Validator` creates one, so every step reference resolves, every regex compiles and every
/// template variable is defined. The engine accepts nothing else.
public struct DecisionTree: Sendable {
    /// The playbooks by id.
    public let playbooks: [String: Playbook]
    /// Playbook ids in the order they were loaded.
    public let order: [String]
    /// Every `go env` key the playbooks read, sorted: what a walk asks `go env` for.
    public let goEnvKeys: [String]
    /// The variables a `secret: true` question writes: their values are secrets from the start
    /// (`--answer` may give them before the question is reached).
    public let secretVariables: Set<String>
    /// Ranks the causes of the cause catalog the tree was checked against (for `route`,
    /// `signature` and `cause`).
    public let diagnoser: Diagnoser

    init(playbooks: [Playbook], diagnoser: Diagnoser) {
        self.playbooks = Dictionary(playbooks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.order = playbooks.map(\.id)
        var keys: Set<String> = []
        var secrets: Set<String> = []
        for playbook in playbooks {
            for input in playbook.inputs { if let value = input.defaultValue { GoEnvReferences.add(value, to: &keys) } }
            for step in playbook.steps.values {
                keys.formUnion(step.goEnvKeys)
                if case .ask(let question) = step.action, question.secret { secrets.insert(question.variable) }
            }
        }
        self.goEnvKeys = keys.sorted()
        self.secretVariables = secrets
        self.diagnoser = diagnoser
    }

    /// The playbooks in load order.
    public var all: [Playbook] { order.compactMap { playbooks[$0] } }

    /// The step at `address`. Addresses come from the tree itself, so the lookup cannot fail.
    public subscript(address: StepAddress) -> Step {
        guard let step = playbooks[address.playbook]?.steps[address.step] else {
            preconditionFailure("step \(address) is not in the tree; addresses come from the validator")
        }
        return step
    }
}

/// Where a step lives: its playbook id and its step id. Written `playbook:step`.
public struct StepAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    public var playbook: String
    public var step: String

    public init(playbook: String, step: String) {
        self.playbook = playbook
        self.step = step
    }

    public var description: String { "\(playbook):\(step)" }
}

/// One validated playbook.
public struct Playbook: Sendable {
    public let id: String
    public let title: String
    public let summary: String
    /// The file the playbook was loaded from.
    public let file: String
    public let location: SourceLocation
    public let start: StepAddress
    /// Variables the playbook expects from outside (`--answer`, or a playbook that jumps here).
    public let inputs: [Input]
    public let steps: [String: Step]
    /// Step ids in file order.
    public let stepOrder: [String]

    public struct Input: Sendable, Hashable {
        public let name: String
        public let defaultValue: Template?
        public let location: SourceLocation
    }
}
