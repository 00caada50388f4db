import Diagnosis
import PlaybookSpec

/// The results of `gotriage test`: a line per case (and why it failed), the count, the coverage.
struct PlaybookTestReport {
    let tree: DecisionTree
    private(set) var passed = 0
    private(set) var failed = 0
    /// Placeholders shown empty, over all cases.
    private(set) var warnings = 0
    /// Test files that could not be read.
    private(set) var broken = 0
    private var lines: [String] = []
    private var coverage: BranchCoverage

    init(tree: DecisionTree) {
        self.tree = tree
        coverage = BranchCoverage(tree)
    }

    /// Runs every case of `file`; with `screenWidth`, each case's walk is shown first as a person
    /// would see it at a terminal that wide (without colour), each check in full with `verbose`.
    mutating func run(file: String, screenWidth: Int? = nil, verbose: Bool = false) async {
        switch PlaybookTestFile.load(file: file) {
        case .failure(let failure):
            broken += 1
            let renderer = DiagnosticRenderer { try? String(contentsOfFile: $0, encoding: .utf8) }
            lines += failure.diagnostics.map(renderer.render)
        case .success(let cases):
            for testCase in cases {
                let screen = screenWidth.map { _ in ScreenText() }
                let renderer = screenWidth.flatMap { screen?.renderer(width: $0, causes: tree.diagnoser.catalog.causes, verbose: verbose) }
                let result = await PlaybookTestRun(tree: tree).run(testCase, screen: renderer)
                if let screen { lines += ["── \(testCase.name)", screen.text] }
                coverage.record(result.decisions)
                let place = testCase.location.map { "\($0): " } ?? ""
                if result.passed {
                    passed += 1
                    lines.append("✔ \(testCase.name)")
                } else {
                    failed += 1
                    lines.append("✘ \(testCase.name)")
                    lines += result.problems.map { "    \(place)\($0)" }
                }
                warnings += result.shownEmpty.count
                lines += result.shownEmpty.map { shown in
                    "    \(tree[shown.step].location): warning: '\(shown.step.step)' shows {{\(shown.variable)}} empty in this case; "
                        + "give it a value on every way in, or say it without that placeholder"
                }
            }
        }
    }

    /// The report; with `coverage`, each playbook's arms and the ones no case took.
    func rendered(coverage showCoverage: Bool) -> String {
        var text = lines
        text.append(
            "\(passed) passed, \(failed) failed" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")
                + (broken > 0 ? ", \(broken) test file\(broken == 1 ? "" : "s") unreadable" : ""))
        let total = coverage.total
        text.append("branch coverage: \(BranchCoverage.percent(total.taken, of: total.of)) (\(total.taken) of \(total.of) arms)")
        if showCoverage {
            let width = coverage.arms.map(\.playbook.count).max() ?? 0
            for (playbook, arms) in coverage.arms {
                let taken = arms.filter(coverage.taken.contains).count
                text.append(
                    "  " + playbook.padding(toLength: width, withPad: " ", startingAt: 0)
                        + "  \(BranchCoverage.percent(taken, of: arms.count)) (\(taken) of \(arms.count))")
                for arm in arms where !coverage.taken.contains(arm) {
                    let which = arm.isElse ? "the else" : "arm \(arm.number)"
                    text.append("    \(arm.location): \(which) of '\(arm.step.step)' is taken by no case")
                }
            }
        }
        return text.joined(separator: "\n") + "\n"
    }
}

/// A walk's screen, kept as text: what a `HumanRenderer` on a console without colour writes.
private final class ScreenText: @unchecked Sendable {
    private(set) var text = ""

    /// A renderer that writes into `text`, at `width` columns.
    func renderer(width: Int, causes: [Cause], verbose: Bool) -> HumanRenderer {
        let write: (String) -> Void = { [self] in text += $0 }
        return HumanRenderer(
            console: Console(usesColour: false, columns: width, out: write, err: write), causes: causes, interactive: false,
            inShell: false, verbose: verbose)
    }
}
