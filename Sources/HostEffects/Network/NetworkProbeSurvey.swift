/// The reports of several targets probed at the same time, and which one was slowest or dead.
///
/// Made by ``NetworkProbe/http(urls:)``. Its text form prefixes every phase line with the target,
/// then adds summary lines a playbook can test with `contains`: `dead: URL (verdict)` for each
/// target that could not be reached, `slowest: URL (N ms)` and `survey: …`.
public struct NetworkProbeSurvey: Sendable, Codable, Equatable {
    /// One report per target, in the order the targets were given.
    public var reports: [NetworkProbeReport]
    /// Wall-clock time for the whole survey, in milliseconds, measured inside the probe.
    public var totalMilliseconds: Double
    /// Lines shown before the reports, e.g. `from-error: URL` for each URL the error names.
    public var notes: [String] = []

    /// Creates a survey.
    public init(reports: [NetworkProbeReport], totalMilliseconds: Double) {
        self.reports = reports
        self.totalMilliseconds = totalMilliseconds
    }

    /// The targets whose verdict is not reachable, in the order given.
    public var dead: [NetworkProbeReport] {
        reports.filter { $0.verdict != .reachable }
    }

    /// The reachable target whose phases took longest together, if any was reachable.
    public var slowest: NetworkProbeReport? {
        reports.filter { $0.verdict == .reachable }.max { $0.totalMilliseconds < $1.totalMilliseconds }
    }

    /// The first unreachable target's verdict, or reachable when all were reached (or none given).
    public var verdict: Verdict {
        dead.first?.verdict ?? .reachable
    }

    /// The text form: every report's lines prefixed with its target, then the summary lines.
    public var lines: [String] {
        var lines = notes + reports.flatMap { report in report.lines.map { "\(report.target) \($0)" } }
        lines += dead.map { "dead: \($0.target) (\($0.verdict.rawValue))" }
        if let slowest, reports.count > 1 {
            lines.append("slowest: \(slowest.target) (\(Self.tenths(slowest.totalMilliseconds)) ms)")
        }
        let reached = reports.count - dead.count
        lines.append(
            "survey: \(reached) of \(reports.count) reachable, probed at the same time in "
                + "\(Self.tenths(totalMilliseconds)) ms")
        return lines
    }

    private static func tenths(_ milliseconds: Double) -> Double {
        (milliseconds * 10).rounded() / 10
    }
}

extension NetworkProbeReport {
    /// How long all phases took together, in milliseconds.
    public var totalMilliseconds: Double {
        phases.reduce(0) { $0 + $1.durationMilliseconds }
    }
}
