// gotriage-bench: the numbers `make bench` reports (release build, medians over repeated runs).
//
//   time to first prompt                     target ≤ 30 ms and ≤ 0.4× one full `go env -json`
//   a lab walk's overhead over its probes    target ≤ 2× the shell's start-up and quit
//   load + validate the shipped playbooks    target ≤ 5 ms
//   load + validate a 10 000-step playbook   target ≤ 100 ms
//
// `--only large` (or prompt, walk, shipped, probes) measures one of them, e.g. under `perf record`.
import Foundation
import HostEffects
import PlaybookSpec

let arguments = BenchArguments(CommandLine.arguments)
var rows: [BenchRow] = []

if arguments.measures("prompt") || arguments.measures("walk") {
    // Both in a throwaway goproxy-off lab (Benchmarks/gotriage-bench/BenchLab.swift).
    let lab = try BenchLab(playbooks: arguments.playbooks)
    if arguments.measures("prompt") {
        rows += StartupCost.rows(binary: arguments.binary, lab: lab, runs: arguments.promptRuns)
    }
    if arguments.measures("walk") {
        rows += try WalkCost.rows(binary: arguments.binary, lab: lab, runs: arguments.walkRuns)
    }
    lab.remove()
}

if arguments.measures("shipped") {
    let shipped = try FileManager.default.contentsOfDirectory(atPath: arguments.playbooks)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        .map { arguments.playbooks + "/" + $0 }
    rows.append(BenchRow(name: "load + validate shipped playbooks (\(shipped.count) files)", targetMilliseconds: 5,
                         samples: Stopwatch.samples(200) { PlaybookLibrary.load(files: shipped) }))
}

if arguments.measures("large") {
    let large = FileManager.default.temporaryDirectory.appendingPathComponent("gotriage-bench-10000.yaml").path
    try GeneratedPlaybook.yaml(steps: 10_000).write(toFile: large, atomically: true, encoding: .utf8)
    guard case .success(let tree) = PlaybookLibrary.load(files: [large]), tree.playbooks["generated"]?.steps.count == 10_000 else {
        fatalError("the generated playbook did not validate; the benchmark would measure an error path")
    }
    rows.append(BenchRow(name: "load + validate a 10 000-step playbook", targetMilliseconds: 100,
                         samples: Stopwatch.samples(20) { PlaybookLibrary.load(files: [large]) }))
    try? FileManager.default.removeItem(atPath: large)
}

if arguments.measures("probes") {
    // The proxy, the checksum database and the code host, answering after 300, 200 and 100 ms: probed
    // together (one `gotriage probe http` step) they should cost about the slowest, not the sum.
    let hosts = [300, 200, 100].map { SlowHTTPServer(delayMilliseconds: $0) }
    let probe = NetworkProbe(timeoutMilliseconds: 5_000)
    var oneByOne: [Double] = [], together: [Double] = []
    for _ in 0..<10 {
        let start = DispatchTime.now().uptimeNanoseconds
        for host in hosts { _ = await probe.http(url: host.url) }
        oneByOne.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        let survey = await probe.http(urls: hosts.map(\.url))
        precondition(survey.dead.isEmpty, "a loopback bench server did not answer")
        together.append(survey.totalMilliseconds)
    }
    hosts.forEach { $0.stop() }
    rows.append(BenchRow(name: "3 hosts (300/200/100 ms) probed one by one, for comparison", targetMilliseconds: nil,
                         samples: oneByOne))
    rows.append(BenchRow(name: "3 hosts (300/200/100 ms) probed together", targetMilliseconds: 300 * 1.25,
                         samples: together))
}

print(BenchRow.table(rows))
exit(rows.allSatisfy(\.meetsTarget) ? 0 : 1)
