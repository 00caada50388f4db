// gotriage-bench: the numbers `make bench` reports (release build, medians over repeated runs).
//
//   time to first prompt                     target ≤ 30 ms and ≤ 0.4× one full `go env -json`
//   a lab walk's overhead over its probes    target ≤ 2× the shell's start-up and quit
//   load + validate the shipped playbooks    target ≤ 10 ms
//   load + validate a 1 000-step playbook    target ≤ 60 ms
//   load + validate a 2 000-step playbook    target ≤ 2.2 × the 1 000-step median (linear growth)
//   diagnose a 1 MB CI log                   target ≤ 50 ms
//   the route: causes step of a walk         target ≤ 1 ms
//   gotriage test on the shipped tests       target ≤ 200 ms
//
// `--only large` (both generated playbooks; or prompt, walk, shipped, diagnose, route, probes, tests) measures
// one of them, e.g. under `perf record`.
import Foundation
import HostEffects
import PlaybookSpec
import TestSupport

let arguments = BenchArguments(CommandLine.arguments)
var rows: [BenchRow] = []
/// The cause catalog the playbooks are validated against, loaded once (as gotriage does at start).
let catalog = try BenchCatalog.load(file: arguments.playbooks + "/" + CatalogLoader.fileName)

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
        .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && $0 != CatalogLoader.fileName }
        .map { arguments.playbooks + "/" + $0 }
    rows.append(
        BenchRow(
            name: "load + validate shipped playbooks (\(shipped.count) files)", targetMilliseconds: 10,
            samples: Stopwatch.samples(200) { PlaybookLibrary.load(files: shipped, catalog: catalog) }))
}

if arguments.measures("large") {
    // Loading should grow in proportion to the playbook: twice the steps, at most 2.2 times the time.
    // The two are measured in turn, so that a busy moment on the machine weighs on both alike.
    let samples = try GeneratedPlaybook.measure(steps: [1_000, 2_000], runs: 20, catalog: catalog)
    let thousand = BenchRow(name: "load + validate a 1 000-step playbook", targetMilliseconds: 60, samples: samples[0])
    rows.append(thousand)
    rows.append(
        BenchRow(
            name: "load + validate a 2 000-step playbook (target: 2.2 × the 1 000-step median)",
            targetMilliseconds: 2.2 * thousand.median, samples: samples[1]))
}

if arguments.measures("diagnose") {
    rows.append(
        BenchRow(
            name: "diagnose a 1 MB CI log", targetMilliseconds: 50,
            samples: DiagnoseBench.samples(20, catalogFile: arguments.playbooks + "/" + CatalogLoader.fileName)))
}

if arguments.measures("route") {
    rows.append(
        BenchRow(
            name: "route: causes on a go mod download -json error (one walk step)", targetMilliseconds: 1,
            samples: try RouteBench.samples(500, playbooks: arguments.playbooks)))
}

if arguments.measures("probes") {
    // The proxy, the checksum database and the code host, answering after 300, 200 and 100 ms: probed
    // together (one `gotriage probe http` step) they should cost about the slowest, not the sum.
    let hosts = try [300, 200, 100].map { try LoopbackHTTPServer(delayMilliseconds: $0) }
    let probe = NetworkProbe(timeoutMilliseconds: 5_000)
    var oneByOne: [Double] = []
    var together: [Double] = []
    for _ in 0..<10 {
        let start = DispatchTime.now().uptimeNanoseconds
        for host in hosts { _ = await probe.http(url: host.url) }
        oneByOne.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        let survey = await probe.http(urls: hosts.map(\.url))
        precondition(survey.dead.isEmpty, "a loopback bench server did not answer")
        together.append(survey.totalMilliseconds)
    }
    hosts.forEach { $0.stop() }
    rows.append(
        BenchRow(
            name: "3 hosts (300/200/100 ms) probed one by one, for comparison", targetMilliseconds: nil,
            samples: oneByOne))
    rows.append(
        BenchRow(
            name: "3 hosts (300/200/100 ms) probed together", targetMilliseconds: 300 * 1.25,
            samples: together))
}

if arguments.measures("tests") {
    // The shipped offline playbook tests, replayed by the binary (start-up included).
    let folder = arguments.playbooks + "/tests"
    let cases = PlaybookTestFile.files(in: folder).reduce(0) { count, file in
        count + ((try? PlaybookTestFile.load(file: file).get().count) ?? 0)
    }
    var samples: [Double] = []
    for _ in 0..<20 {
        var environment = ProcessInfo.processInfo.environment
        environment["GOTRIAGE_SHIPPED_PLAYBOOKS"] = URL(fileURLWithPath: arguments.playbooks).standardizedFileURL.path
        let run = TimedProcess.run(
            [arguments.binary, "test", folder], environment: environment, directory: FileManager.default.currentDirectoryPath)
        precondition(run.exitCode == 0, "gotriage test failed:\n\(run.stdout)")
        samples.append(run.milliseconds)
    }
    rows.append(
        BenchRow(name: "gotriage test on the shipped playbook tests (\(cases) cases)", targetMilliseconds: 200, samples: samples))
}

print(BenchRow.table(rows))
exit(rows.allSatisfy(\.meetsTarget) ? 0 : 1)
