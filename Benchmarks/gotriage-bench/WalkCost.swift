import Foundation
import TestSupport

/// The walk's own cost: a real `gotriage run … --json --yes` in the goproxy-off lab, minus the
/// same probes run one by one, compared with starting the shell and quitting it.
///
/// Each round puts the lab back (GOENV file, module cache), walks, and takes the probes from the
/// walk's `probe-start` and `probe-end` events; then puts the lab back again and runs those probes
/// alone, as plain children in the same environment and folder, writing the GOENV file the walk's
/// fix left where the walk applied it, so every probe does the same work and exits the same way.
/// What remains of the walk's time is its own: start-up, reading and writing go env, the undo
/// journal, the engine and the JSON events.
enum WalkCost {
    /// One probe as the walk ran it.
    struct Probe {
        let argv: [String]
        let exitCode: Int
        /// A fix was applied between the previous probe and this one.
        let afterFix: Bool
    }

    /// `runs` rounds (after one that warms the caches), each a walk, its probes alone, and a shell
    /// started and quit.
    static func rows(binary: String, lab: BenchLab, runs: Int) throws -> [BenchRow] {
        let argv = [
            binary, "run", "exit-status-128", "--json", "--yes",
            "--answer", "module=\(LabModule.hello.path)", "--answer", "goproxy=\(lab.proxy.url)"
        ]
        var walks: [Double] = []
        var probes: [Double] = []
        var overheads: [Double] = []
        var startups: [Double] = []
        var ratios: [Double] = []
        var probeCount = 0
        for round in 0...runs {
            try lab.reset()
            let walk = TimedProcess.run(argv, environment: lab.environment, directory: lab.consumer.path)
            precondition(walk.exitCode == 0, "the bench walk did not end resolved:\n\(walk.stdout)")
            let ran = try probesRun(by: walk.stdout)
            let fixed = lab.lab.goEnvFileBytes ?? Data()
            try lab.reset()
            let alone = replay(ran, binary: binary, lab: lab, fixedGoEnv: fixed)
            let startup = TimedProcess.run(
                [binary], environment: lab.environment, directory: lab.consumer.path,
                input: "quit\n")
            precondition(startup.exitCode == 0, "gotriage did not quit cleanly")
            guard round > 0 else { continue }  // the first round warms the caches
            probeCount = ran.count
            walks.append(walk.milliseconds)
            probes.append(alone)
            overheads.append(walk.milliseconds - alone)
            startups.append(startup.milliseconds)
            ratios.append((walk.milliseconds - alone) / startup.milliseconds)
        }
        return [
            BenchRow(
                name: "lab walk, goproxy-off fixed with --yes (\(probeCount) probes), for comparison",
                targetMilliseconds: nil, samples: walks),
            BenchRow(
                name: "the same \(probeCount) probes run one by one, for comparison", targetMilliseconds: nil,
                samples: probes),
            BenchRow(name: "walk overhead (walk − its probes), for comparison", targetMilliseconds: nil, samples: overheads),
            BenchRow(
                name: "shell start-up and quit (`quit` on stdin), for comparison", targetMilliseconds: nil,
                samples: startups),
            BenchRow(
                name: "walk overhead ÷ start-up and quit, side by side", targetMilliseconds: 2, samples: ratios,
                unit: .ratio)
        ]
    }

    /// The probes in a walk's `--json` events, in order, with whether a fix came before each.
    static func probesRun(by jsonLines: String) throws -> [Probe] {
        var probes: [Probe] = []
        var started: [String]?
        var fixSincePrevious = false
        for line in jsonLines.split(separator: "\n") {
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            switch event["event"] as? String {
            case "probe-start":
                started = event["argv"] as? [String] ?? []
            case "probe-end":
                guard let argv = started, argv == event["argv"] as? [String] else {
                    fatalError("probe-end without its probe-start: \(line)")
                }
                probes.append(Probe(argv: argv, exitCode: event["exit_code"] as? Int ?? -1, afterFix: fixSincePrevious))
                started = nil
                fixSincePrevious = false
            case "fix-applied":
                fixSincePrevious = true
            default:
                break
            }
        }
        precondition(probes.filter(\.afterFix).count == 1, "the bench walk should apply exactly one fix")
        return probes
    }

    /// Runs `probes` one by one, each as a plain child (`posix_spawn`, stdin /dev/null, gotriage's
    /// environment and folder), and returns their total wall time in milliseconds; the GOENV file
    /// becomes `fixedGoEnv` where the walk applied its fix.
    static func replay(_ probes: [Probe], binary: String, lab: BenchLab, fixedGoEnv: Data) -> Double {
        var total = 0.0
        for probe in probes {
            if probe.afterFix {
                do { try fixedGoEnv.write(to: lab.lab.goEnvURL) } catch { fatalError("cannot write the GOENV file: \(error)") }
            }
            var argv = probe.argv
            if argv.first == "gotriage" { argv[0] = binary }
            if !argv[0].contains("/") { argv[0] = TimedProcess.which(argv[0], path: lab.environment["PATH"]) }
            let run = TimedProcess.run(argv, environment: lab.environment, directory: lab.consumer.path)
            total += run.milliseconds
            precondition(
                Int(run.exitCode) == probe.exitCode,
                "\(argv.joined(separator: " ")) exited \(run.exitCode) alone, \(probe.exitCode) in the walk")
        }
        return total
    }
}
