import DecisionEngine
import PlaybookSpec

/// Which arms of each playbook's branch lists the walks took: every `if` arm (a `route: causes`
/// arm counts as one) and every `else`.
struct BranchCoverage {
    /// One arm: its step, its 1-based number in the list (the `else` is the last), where it is written.
    struct Arm: Hashable {
        let step: StepAddress
        let number: Int
        let isElse: Bool
        let location: SourceLocation
    }

    /// The arms of each playbook, in file order.
    let arms: [(playbook: String, arms: [Arm])]
    private(set) var taken: Set<Arm> = []

    init(_ tree: DecisionTree) {
        arms = tree.all.map { playbook in
            let arms = playbook.stepOrder.flatMap { id -> [Arm] in
                guard let step = playbook.steps[id], case .branch(let branches, let fallback) = step.transition else { return [] }
                let ifs = branches.enumerated().map {
                    Arm(step: step.address, number: $0.offset + 1, isElse: false, location: $0.element.location)
                }
                return ifs + [Arm(step: step.address, number: branches.count + 1, isElse: true, location: fallback.location)]
            }
            return (playbook.id, arms)
        }
    }

    /// Marks the arms `decisions` took.
    mutating func record(_ decisions: [Decision]) {
        let all = Set(arms.flatMap(\.arms))
        for decision in decisions {
            let number: Int
            switch decision.kind {
            case .next: continue
            case .branch(let index, _): number = index
            case .fallback(let count): number = count + 1
            }
            if let arm = all.first(where: { $0.step == decision.step && $0.number == number }) { taken.insert(arm) }
        }
    }

    /// Taken and total arms over every playbook.
    var total: (taken: Int, of: Int) {
        let all = arms.flatMap(\.arms)
        return (all.filter(taken.contains).count, all.count)
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "100 %" : "\(Int((Double(part) * 100 / Double(whole)).rounded(.down))) %"
    }
}
