import DecisionEngine
import HostEffects
import PlaybookSpec

/// Runs one offline test case through the real driver and engine, with recorded commands and a
/// Go environment in memory: nothing on the machine is run or changed.
struct PlaybookTestRun {
    /// What happened, and what differs from what the case expects (empty: it passed).
    struct Result {
        let testCase: PlaybookTestCase
        var problems: [String] = []
        /// Every branch decision of the walk, for coverage.
        var decisions: [Decision] = []
        /// The placeholders the walk's sentences showed empty (a warning, not a failure).
        var shownEmpty: [ShownEmpty] = []
        var passed: Bool { problems.isEmpty }
    }

    /// Stands in for gotriage's own executable in argv: recorded probes write `gotriage`.
    static let selfName = "gotriage"
    /// More steps than this and the case is stopped (a loop of questions answered alike).
    static let stepLimit = 500

    let tree: DecisionTree

    /// Replays `testCase`; `screen` also sees the walk's events (to show the walk as a person would).
    func run(_ testCase: PlaybookTestCase, screen: (any WalkObserver)? = nil) async -> Result {
        var result = Result(testCase: testCase)
        guard let start = address(of: testCase.start) else {
            result.problems.append("start '\(testCase.start)' names no playbook or step")
            return result
        }
        let runner = ReplayRunner(testCase.probes)
        let host = Host(
            runner: runner,
            goEnvironment: InMemoryGoEnvironment(
                values: testCase.goEnv, osEnvironment: testCase.environment, defaults: testCase.goDefaults),
            environment: testCase.environment, workingDirectory: "/work", selfExecutable: Self.selfName)
        let decisions = DecisionLog()
        let driver = WalkDriver(
            walk: Walk(tree: tree, start: start, variables: testCase.answers), host: host,
            observer: WalkObservers([decisions] + (screen.map { [$0] } ?? [])),
            presetAnswers: testCase.answers.merging(testCase.asked) { preset, _ in preset },
            fixPolicy: testCase.applyFixes ? .applyAll : .declineAll)
        var end: WalkEnd?
        while end == nil, decisions.all.count <= Self.stepLimit {
            switch await driver.advance() {
            case .finished(let finished):
                end = finished
            case .question(let question):
                if question.defaultValue != nil, case .accepted = driver.answer("", origin: .defaultValue) { continue }
                result.problems.append("the walk asks for '\(question.variable)' at \(question.step), and the case has no answer for it")
                result.decisions = decisions.all
                return result
            case .fixConfirmation:
                driver.declineFix()
            case .interrupted(let step):
                result.problems.append("the walk stopped at \(step)")
                result.decisions = decisions.all
                return result
            }
        }
        result.decisions = decisions.all
        result.shownEmpty = driver.walk.shownEmpty
        for argv in runner.missing {
            result.problems.append("no recorded answer for the command [\(argv.joined(separator: ", "))]")
        }
        guard let end else {
            result.problems.append("the walk went through more than \(Self.stepLimit) steps without ending")
            return result
        }
        let expected = testCase.expected
        if end.outcome.rawValue != expected.outcome {
            result.problems.append("outcome: expected \(expected.outcome), got \(end.outcome.rawValue) at \(end.step)")
        }
        if end.cause != expected.cause {
            result.problems.append("cause: expected \(expected.cause ?? "none"), got \(end.cause ?? "none") at \(end.step)")
        }
        if let path = expected.path {
            let walked = self.path(decisions.all, end: end.step, home: start.playbook)
            if walked != path {
                result.problems.append("path: expected \(path.joined(separator: " → ")), got \(walked.joined(separator: " → "))")
            }
        }
        return result
    }

    /// The steps walked, as a case writes them: `step` in the start playbook, else `playbook:step`.
    func path(_ decisions: [Decision], end: StepAddress, home: String) -> [String] {
        (decisions.map(\.step) + [end]).map { $0.playbook == home ? $0.step : $0.description }
    }

    /// `playbook` (its start step) or `playbook:step`.
    func address(of start: String) -> StepAddress? {
        let parts = start.split(separator: ":", maxSplits: 1).map(String.init)
        guard let playbook = tree.playbooks[parts[0]] else { return nil }
        guard parts.count == 2 else { return playbook.start }
        return playbook.steps[parts[1]] == nil ? nil : StepAddress(playbook: parts[0], step: parts[1])
    }
}

/// Keeps the walk's decisions, in order.
private final class DecisionLog: WalkObserver {
    private(set) var all: [Decision] = []

    func handle(_ event: WalkEvent) {
        if case .decided(let decision) = event { all.append(decision) }
    }
}
