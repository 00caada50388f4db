import Foundation

/// One measured quantity: its samples, their median and the ratio to its target.
struct BenchRow {
    let name: String
    /// In the row's unit (milliseconds, or a plain ratio for `.ratio` rows); nil for a row shown
    /// only for comparison.
    let targetMilliseconds: Double?
    let samples: [Double]
    var unit: Unit = .milliseconds

    /// What the samples measure.
    enum Unit {
        /// Wall time in milliseconds.
        case milliseconds
        /// One time divided by another, measured side by side (× in the table).
        case ratio

        func format(_ value: Double) -> String {
            switch self {
            case .milliseconds: String(format: "%.2f ms", value)
            case .ratio: String(format: "%.2f×", value)
            }
        }
    }

    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// median ÷ target: below 1.0 meets the target.
    var ratio: Double? { targetMilliseconds.map { median / $0 } }
    var meetsTarget: Bool { (ratio ?? 0) <= 1.0 }

    /// A Markdown table of the rows, as pasted into the README.
    static func table(_ rows: [BenchRow]) -> String {
        var lines = ["| measurement | runs | median | target | median/target |", "|---|---:|---:|---:|---:|"]
        for row in rows {
            let target =
                row.targetMilliseconds.map {
                    row.unit == .ratio ? String(format: "≤ %.1f×", $0) : String(format: "≤ %.0f ms", $0)
                } ?? "—"
            let ratio = row.ratio.map { String(format: "%.2f", $0) } ?? "—"
            lines.append(
                String(
                    format: "| %@ | %d | %@ | %@ | %@ |", row.name, row.samples.count,
                    row.unit.format(row.median), target, ratio))
        }
        return lines.joined(separator: "\n")
    }
}

/// Wall-clock timing of repeated runs.
enum Stopwatch {
    /// Times `count` runs of `produce`, each as gotriage's start-up does it: once, on a heap
    /// that holds no earlier results. A run's result is freed after its time is taken (gotriage
    /// keeps its tree until it exits, so freeing one is not part of the time to get one).
    static func samples<Result>(_ count: Int, _ produce: () -> Result) -> [Double] {
        (0..<count).map { _ in
            var result: Result?
            let start = DispatchTime.now().uptimeNanoseconds
            result = produce()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            withExtendedLifetime(result) {}
            result = nil
            return elapsed
        }
    }
}

/// A benchmark that cannot measure what it should.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// `--binary PATH --playbooks DIR [--prompt-runs N] [--walk-runs N] [--only prompt|walk|shipped|large|diagnose|route|probes]`
struct BenchArguments {
    var binary = ".build/release/gotriage"
    var playbooks = "Playbooks"
    var promptRuns = 30
    /// Lab walks (each also replays its probes and starts and quits the shell once).
    var walkRuns = 10
    /// One measurement alone (for profiling it with `perf record`); nil measures all.
    var only: String?

    func measures(_ name: String) -> Bool { only == nil || only == name }

    init(_ argv: [String]) {
        var iterator = argv.dropFirst().makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--binary": binary = iterator.next() ?? binary
            case "--playbooks": playbooks = iterator.next() ?? playbooks
            case "--prompt-runs": promptRuns = iterator.next().flatMap(Int.init) ?? promptRuns
            case "--walk-runs": walkRuns = iterator.next().flatMap(Int.init) ?? walkRuns
            case "--only": only = iterator.next()
            default:
                FileHandle.standardError.write(Data("gotriage-bench: unknown argument \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}
