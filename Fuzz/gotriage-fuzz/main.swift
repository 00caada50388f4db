import Foundation
import PlaybookSpec
import TestSupport

// gotriage-fuzz [--inputs N] [--shell-lines N] [--regex-inputs N] [--guard-inputs N] [--seed S]
//               [--playbooks DIR] [--fixtures DIR]
//
// Loads N mutated playbooks (mutations of the shipped playbooks and the test fixtures, alias bombs
// and deep alias chains among them), types random lines into the shell, walks random regexes
// (catastrophic ones among them) over random probe output under the match budget, and puts
// hostile values through the argv and env guards; then prints the counts and times. Exits 1 when
// an error was unclear, a shell session broke, a step overran the budget or ended oddly, a guard
// let a value become an option, or the shipped playbooks do not load; a crash ends the process and
// a watchdog ends a hang (so "crashes: 0, hangs: 0" is only ever printed by a run that had none).

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
var inputs = 100_000
var shellLines = 20_000
var regexInputs = 400
var guardInputs = 20_000
var seed: UInt64 = 1
var playbooks = root.appendingPathComponent("Playbooks").path
var fixtures = root.appendingPathComponent("Tests/PlaybookSpecTests/Fixtures").path

var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data("gotriage-fuzz: \(flag) needs a value\n".utf8))
        exit(2)
    }
    switch flag {
    case "--inputs": inputs = Int(value) ?? inputs
    case "--shell-lines": shellLines = Int(value) ?? shellLines
    case "--regex-inputs": regexInputs = Int(value) ?? regexInputs
    case "--guard-inputs": guardInputs = Int(value) ?? guardInputs
    case "--seed": seed = UInt64(value) ?? seed
    case "--playbooks": playbooks = value
    case "--fixtures": fixtures = value
    default:
        FileHandle.standardError.write(Data("gotriage-fuzz: unknown option '\(flag)'\n".utf8))
        exit(2)
    }
}

/// Every `*.yaml` below `directory`, as seeds named by their path relative to it. The files of a
/// `multi/<case>/` folder form one group; with `oneGroup`, all files do.
func seeds(under directory: String, prefix: String, oneGroup: Bool) -> [LoaderFuzzer.Seed] {
    let walker = FileManager.default.enumerator(atPath: directory)
    var found: [LoaderFuzzer.Seed] = []
    while let relative = walker?.nextObject() as? String {
        guard relative.hasSuffix(".yaml"),
            let text = try? String(contentsOfFile: directory + "/" + relative, encoding: .utf8)
        else { continue }
        let parts = relative.split(separator: "/")
        let group = oneGroup ? prefix : parts.first == "multi" && parts.count > 2 ? prefix + parts.prefix(2).joined(separator: "/") : nil
        found.append(LoaderFuzzer.Seed(file: prefix + relative, text: text, group: group))
    }
    return found.sorted { $0.file < $1.file }
}

let corpus =
    seeds(under: playbooks, prefix: "Playbooks/", oneGroup: true).filter { !$0.file.hasSuffix("/causes.yaml") }
    + seeds(under: fixtures, prefix: "Fixtures/", oneGroup: false)
print("seeds: \(corpus.count) files (\(playbooks), \(fixtures))")
let watchdog = Watchdog(seconds: 30)
let started = Date()
var partStarted = Date()
@MainActor func took() -> String {
    defer { partStarted = Date() }
    return String(format: "%.1f s", Date().timeIntervalSince(partStarted))
}
watchdog.beat("loader")
let loaderCounts = LoaderFuzzer(seeds: corpus, catalog: FixtureTrees.shippedLoadedCatalog).run(
    count: inputs, seed: seed, progress: { print("  … \($0)") },
    starting: { watchdog.beat("loader") })
print("loader: \(loaderCounts), crashes: 0, hangs: 0, \(took())")
for example in loaderCounts.unclearExamples { print("UNCLEAR:\n\(example)\n") }

guard case .success(let knowledge) = PlaybookSet.load(directories: [playbooks]) else {
    print("the shipped playbooks do not load")
    exit(1)
}
watchdog.beat("shell")
let shellCounts = await ShellFuzzer(tree: knowledge.tree).run(
    lines: shellLines, seed: seed,
    starting: { watchdog.beat("shell") })
print("shell: \(shellCounts), crashes: 0, \(took())")

var regexCounts = RegexFuzzer.Counts()
for batch in stride(from: 0, to: regexInputs, by: 20) {
    watchdog.beat("regex inputs \(batch)…")
    let counts = RegexFuzzer().run(count: min(20, regexInputs - batch), seed: seed &+ UInt64(batch))
    regexCounts.merge(counts)
}
print("regex: \(regexCounts), crashes: 0, hangs: \(regexCounts.failures), \(took())")
for example in regexCounts.failureExamples { print("REGEX FAILURE: \(example)") }

watchdog.beat("guards")
let guardCounts = GuardFuzzer().run(count: guardInputs, seed: seed)
print("guards: \(guardCounts), crashes: 0, \(took())")
for example in guardCounts.violationExamples { print("GUARD VIOLATION: \(example)") }

print(String(format: "time: %.1f s", Date().timeIntervalSince(started)))
let clean =
    loaderCounts.unclear == 0 && shellCounts.broken == 0 && regexCounts.failures == 0
    && guardCounts.violations == 0 && guardCounts.other == 0
exit(clean ? 0 : 1)
