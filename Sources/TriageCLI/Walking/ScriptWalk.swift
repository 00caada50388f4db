import DecisionEngine
import LineEditing
import PlaybookSpec

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a walk to its end for `gotriage run`: presets answer questions, then a question's default;
/// with a terminal the rest are asked, without one a missing answer stops the run at once (never
/// hangs). However the run ends, the last event is an end: the walk's own, or a `RunStop`.
struct ScriptWalk {
    let driver: WalkDriver
    /// nil without a terminal.
    let reader: (any LineReader)?
    let console: Console

    func run() async -> ExitStatus {
        while true {
            // After a stop signal the run only writes its end: a second Ctrl-C is caught and dropped.
            let (stop, signal) = await driver.advanceStoppably(holdingAfterStop: true)
            if let signal, let step = Self.step(of: stop) {
                return interrupted(at: step, by: signal)
            }
            switch stop {
            case .finished(let end):
                return ExitStatus(end)
            case .interrupted(let step):
                return interrupted(at: step, by: signal ?? SIGINT)
            case .question(let question):
                guard let reader else {
                    if question.defaultValue != nil, case .accepted = driver.answer("", origin: .defaultValue) { continue }
                    return unanswered(question)
                }
                let prompt = "\(question.variable)> "
                switch question.isSecret ? reader.readSecretLine(prompt: prompt) : reader.readLine(prompt: prompt) {
                case .line(let reply): driver.answer(reply)
                case .interrupted: return interrupted(at: question.step, by: SIGINT)
                case .endOfFile: return unanswered(question)
                }
            case .fixConfirmation(let fix):
                guard let reader else {
                    driver.declineFix()
                    continue
                }
                switch reader.readLine(prompt: "Apply? [y/N] ") {
                case .line(let reply) where ["y", "yes"].contains(reply.lowercased()): await driver.applyFix()
                case .interrupted: return interrupted(at: fix.step, by: SIGINT)
                default: driver.declineFix()
                }
            }
        }
    }

    /// A signal stopped the run at `step`: says so and ends with status 6.
    private func interrupted(at step: StepAddress, by signal: Int32) -> ExitStatus {
        // Also after Ctrl-C at a prompt: from here on a stop signal is caught and dropped.
        SignalWatch.shared.arm { _ in }
        driver.stopRun(RunStop(step: step, cause: .interrupted(signal: SignalWatch.name(of: signal))))
        return .interrupted
    }

    /// Nobody can answer `question`: says so on stderr and in the end event, and ends with status 2.
    private func unanswered(_ question: PendingQuestion) -> ExitStatus {
        let stop = RunStop(step: question.step, cause: .unanswered(question))
        console.errorLine("gotriage: " + stop.conclusion.prefix(1).lowercased() + stop.conclusion.dropFirst())
        driver.stopRun(stop)
        return .usage
    }

    /// The step a walk waits at, unless it has finished.
    private static func step(of stop: WalkDriver.Stop) -> StepAddress? {
        switch stop {
        case .question(let question): question.step
        case .fixConfirmation(let fix): fix.step
        case .interrupted(let step): step
        case .finished: nil
        }
    }
}
