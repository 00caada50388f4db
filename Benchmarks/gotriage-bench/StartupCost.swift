import Foundation
import PlaybookSpec

/// The shell's first prompt, measured side by side with the one `go env -json` (every key) that
/// gotriage used to run before a walk's first step: the prompt must cost well under it. The
/// targets are for a start with the playbooks validated before by the same build (every start
/// but the first after an install or an edit); the first start is shown too.
enum StartupCost {
    /// `runs` rounds in `lab`, each timing a first prompt with nothing validated before, the
    /// first prompt, a full `go env -json` and a keyed one.
    static func rows(binary: String, lab: BenchLab, runs: Int) -> [BenchRow] {
        let directory = lab.consumer.path
        let full = [lab.go, "env", "-json"]
        let keyed = full + GoEnvKeys.relevant
        var prompt: [Double] = []
        var fullRead: [Double] = []
        var keyedRead: [Double] = []
        var ratio: [Double] = []
        var firstStart: [Double] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(at: lab.cacheHome)
            firstStart.append(
                PromptTimer.millisecondsToFirstPrompt(binary: binary, environment: lab.environment, directory: directory))
            let toPrompt = PromptTimer.millisecondsToFirstPrompt(
                binary: binary, environment: lab.environment,
                directory: directory)
            let everything = timed(full, lab: lab)
            keyedRead.append(timed(keyed, lab: lab))
            prompt.append(toPrompt)
            fullRead.append(everything)
            ratio.append(toPrompt / everything)
        }
        return [
            BenchRow(name: "time to first prompt", targetMilliseconds: 30, samples: prompt),
            BenchRow(
                name: "first prompt ÷ one full `go env -json`, side by side", targetMilliseconds: 0.4,
                samples: ratio, unit: .ratio),
            BenchRow(
                name: "time to first prompt, first start of this build (nothing validated before)", targetMilliseconds: nil,
                samples: firstStart),
            BenchRow(
                name: "one full `go env -json` (as gotriage ran it before), for comparison", targetMilliseconds: nil,
                samples: fullRead),
            BenchRow(
                name: "one `go env -json KEY…` (the \(GoEnvKeys.relevant.count) keys `env` shows), for comparison",
                targetMilliseconds: nil, samples: keyedRead)
        ]
    }

    /// Milliseconds for one run of `argv` in the lab's consumer module; it must succeed.
    private static func timed(_ argv: [String], lab: BenchLab) -> Double {
        let run = TimedProcess.run(argv, environment: lab.environment, directory: lab.consumer.path)
        precondition(run.exitCode == 0, "\(argv.joined(separator: " ")) failed in the bench lab")
        return run.milliseconds
    }
}
