import Foundation

/// One measured quantity: its samples, their median and the ratio to its target.
struct BenchRow {
    let name: String
    let targetMilliseconds: Double
    let samples: [Double]

    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// median ÷ target: below 1.0 meets the target.
    var ratio: Double { median / targetMilliseconds }
    var meetsTarget: Bool { ratio <= 1.0 }

    /// A Markdown table of the rows, as pasted into the README.
    static func table(_ rows: [BenchRow]) -> String {
        var lines = ["| measurement | runs | median | target | median/target |", "|---|---:|---:|---:|---:|"]
        for row in rows {
            lines.append(String(format: "| %@ | %d | %.2f ms | ≤ %.0f ms | %.2f |", row.name, row.samples.count, row.median,
                                row.targetMilliseconds, row.ratio))
        }
        return lines.joined(separator: "\n")
    }
}

/// Wall-clock timing of a closure.
enum Stopwatch {
    static func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    /// Times `count` runs of `produce`. The results are kept until all runs are done: gotriage
    /// keeps its tree until it exits, so freeing one is not part of the time to get one.
    static func samples<Result>(_ count: Int, _ produce: () -> Result) -> [Double] {
        var kept: [Result] = []
        kept.reserveCapacity(count)
        return (0..<count).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            kept.append(produce())
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        }
    }
}

/// `--binary PATH --playbooks DIR [--prompt-runs N]`
struct BenchArguments {
    var binary = ".build/release/gotriage"
    var playbooks = "Playbooks"
    var promptRuns = 30

    init(_ argv: [String]) {
        var iterator = argv.dropFirst().makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--binary": binary = iterator.next() ?? binary
            case "--playbooks": playbooks = iterator.next() ?? playbooks
            case "--prompt-runs": promptRuns = iterator.next().flatMap(Int.init) ?? promptRuns
            default: FileHandle.standardError.write(Data("gotriage-bench: unknown argument \(flag)\n".utf8)); exit(2)
            }
        }
    }
}
