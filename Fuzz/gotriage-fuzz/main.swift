import Foundation
import PlaybookSpec
import TestSupport

// gotriage-fuzz [--inputs N] [--shell-lines N] [--seed S] [--playbooks DIR] [--fixtures DIR]
//
// Loads N mutated playbooks (mutations of the shipped playbooks and the test fixtures) and types
// random lines into the shell, then prints the counts. Exits 1 when an error was unclear, a shell
// session broke, or the shipped playbooks do not load; a crash ends the process (so "crashes: 0"
// is only ever printed by a run that had none).

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
var inputs = 100_000
var shellLines = 20_000
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
let started = Date()
let loaderCounts = LoaderFuzzer(seeds: corpus, catalog: FixtureTrees.shippedCatalog).run(count: inputs, seed: seed) { print("  … \($0)") }
print("loader: \(loaderCounts), crashes: 0")
for example in loaderCounts.unclearExamples { print("UNCLEAR:\n\(example)\n") }

guard case .success(let knowledge) = PlaybookSet.load(directories: [playbooks]) else {
    print("the shipped playbooks do not load")
    exit(1)
}
let shellCounts = await ShellFuzzer(tree: knowledge.tree).run(lines: shellLines, seed: seed)
print("shell: \(shellCounts), crashes: 0")
print(String(format: "time: %.1f s", Date().timeIntervalSince(started)))
exit(loaderCounts.unclear == 0 && shellCounts.broken == 0 ? 0 : 1)
