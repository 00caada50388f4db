// gotriage-corpus: how well Playbooks/causes.yaml names the confirmed causes of the corpus
// (`make corpus`). Prints top-1, top-3 and confident-wrong per cause and overall, and the
// confusions, separately for the public tuning texts, the public holdout texts and the lab runs.
//
//   gotriage-corpus [--catalog FILE] [--corpus DIR] [--holdout FILE] [--misses]
//
// Exits 1 when tuning + lab miss the targets (top-1 ≥ 92 %, top-3 ≥ 98 %, confident-wrong
// ≤ 2 %) or the holdout falls below its floor (top-1 ≥ 75 %, top-3 ≥ 90 %, confident-wrong ≤ 5 %).
import Diagnosis
import Foundation
import PlaybookSpec

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
var catalogFile = root.appendingPathComponent("Playbooks/causes.yaml").path
var corpus = root.appendingPathComponent("Corpus").path
var showMisses = false
var holdoutFile: String?
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--catalog": catalogFile = arguments.popFirst() ?? catalogFile
    case "--corpus": corpus = arguments.popFirst() ?? corpus
    case "--misses": showMisses = true
    case "--holdout": holdoutFile = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("gotriage-corpus: unknown option '\(flag)'\n".utf8))
        exit(2)
    }
}

let catalog: Catalog
switch CatalogLoader.load(file: catalogFile) {
case .success(let loaded): catalog = loaded.catalog
case .failure(let failure):
    print(failure)
    exit(3)
}
let diagnoser = Diagnoser(catalog: catalog)

@MainActor func entries(_ files: [String]) throws -> [(cause: String, text: String, source: String?)] {
    try files.flatMap { file in try CorpusFile.load(file: file).map { ($0.cause, $0.text, $0.source) } }
}

func percent(_ rate: Double) -> String { String(format: "%5.1f %%", rate * 100) }

@MainActor func report(_ name: String, _ score: CorpusScore, seconds: Double) {
    print("## \(name): \(score.overall.count) texts (\(String(format: "%.0f", seconds * 1000)) ms)\n")
    print("| cause | texts | top-1 | top-3 | confident-wrong |")
    print("|---|---:|---:|---:|---:|")
    for (cause, tally) in score.byCause.sorted(by: { $0.key < $1.key }) {
        print("| `\(cause)` | \(tally.count) | \(percent(tally.top1Rate)) | \(percent(tally.top3Rate)) | \(tally.confidentWrong) |")
    }
    let all = score.overall
    print(
        "| **all** | **\(all.count)** | **\(percent(all.top1Rate))** | **\(percent(all.top3Rate))** | **\(all.confidentWrong) (\(percent(all.confidentWrongRate)))** |"
    )
    let rest = score.consistent
    print(
        "| all but \(score.contradictoryCount) contradictory | \(rest.count) | \(percent(rest.top1Rate)) | \(percent(rest.top3Rate)) | \(rest.confidentWrong) (\(percent(rest.confidentWrongRate))) |\n"
    )
    if !score.confusions.isEmpty {
        print(
            "confusions (confirmed → answered): "
                + score.confusions.map { "\($0.expected) → \($0.answered) ×\($0.count)" }.joined(separator: ", ") + "\n")
    }
    if showMisses {
        for miss in score.misses {
            print(
                "MISS \(miss.expected) → \(miss.answered.joined(separator: ", "))\(miss.confidentWrong ? "  CONFIDENT-WRONG" : "")  [\(miss.source ?? "")]"
            )
            print(miss.text.split(separator: "\n").prefix(6).map { "    " + $0 }.joined(separator: "\n"))
        }
    }
}

@MainActor func measure(_ files: [String]) throws -> (CorpusScore, Double)? {
    let existing = files.filter { FileManager.default.fileExists(atPath: $0) }
    guard !existing.isEmpty else { return nil }
    let texts = try entries(existing)
    let start = Date()
    let score = CorpusScore(entries: texts, diagnoser: diagnoser)
    return (score, Date().timeIntervalSince(start))
}

let labFolder = (corpus as NSString).appendingPathComponent("lab")
let labFiles = ((try? FileManager.default.contentsOfDirectory(atPath: labFolder)) ?? [])
    .filter { $0.hasSuffix(".yaml") }.sorted().map { (labFolder as NSString).appendingPathComponent($0) }
var failed = false
do {
    var tuned: [CorpusScore] = []
    for (name, files) in [
        ("tuning (public)", [(corpus as NSString).appendingPathComponent("public-tuning.yaml")]),
        ("lab", labFiles)
    ] {
        guard let (score, seconds) = try measure(files) else {
            print("## \(name): no files\n")
            continue
        }
        report(name, score, seconds: seconds)
        tuned.append(score)
    }
    for (name, tally) in [("all", tuned.map(\.overall)), ("without contradictory texts", tuned.map(\.consistent))] {
        let count = tally.map(\.count).reduce(0, +)
        guard count > 0 else { continue }
        let top1 = Double(tally.map(\.top1).reduce(0, +)) / Double(count)
        let top3 = Double(tally.map(\.top3).reduce(0, +)) / Double(count)
        let wrong = Double(tally.map(\.confidentWrong).reduce(0, +)) / Double(count)
        let meets = top1 >= 0.92 && top3 >= 0.98 && wrong <= 0.02
        print(
            "tuning + lab, \(name) (\(count) texts): top-1 \(percent(top1)), top-3 \(percent(top3)), confident-wrong \(percent(wrong)) — targets ≥ 92 %, ≥ 98 %, ≤ 2 %: \(meets ? "met" : "NOT MET")"
        )
        if name != "all" { failed = failed || !meets }
    }
    print()
    if let (score, seconds) = try measure([holdoutFile ?? (corpus as NSString).appendingPathComponent("public-holdout.yaml")]) {
        report("holdout (public, never tuned on)", score, seconds: seconds)
        let all = score.overall
        let meets = all.top1Rate >= 0.75 && all.top3Rate >= 0.90 && all.confidentWrongRate <= 0.05
        print("holdout floor (top-1 ≥ 75 %, top-3 ≥ 90 %, confident-wrong ≤ 5 %): \(meets ? "met" : "NOT MET")")
        failed = failed || !meets
    } else {
        print("## holdout: Corpus/public-holdout.yaml is not here yet\n")
    }
} catch {
    print(error)
    exit(3)
}
exit(failed ? 1 : 0)
