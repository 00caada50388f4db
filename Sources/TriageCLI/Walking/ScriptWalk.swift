import DecisionEngine
import LineEditing

/// Runs a walk to its end for `gotriage run`: presets answer questions; with a terminal the rest
/// are asked, without one a missing answer stops the run at once (never hangs).
struct ScriptWalk {
    let driver: WalkDriver
    /// nil without a terminal.
    let reader: (any LineReader)?
    let console: Console

    func run() async -> ExitStatus {
        while true {
            let stop = await driver.advanceStoppableByCtrlC()
            switch stop {
            case .finished(let end):
                return ExitStatus(end)
            case .interrupted:
                return .interrupted
            case .question(let question):
                guard let reader else {
                    console.errorLine(
                        "gotriage: the playbook asks \"\(question.prompt)\" and no answer was given. "
                            + "Pass --answer \(question.variable)=VALUE.")
                    return .usage
                }
                guard case .line(let reply) = reader.readLine(prompt: "\(question.variable)> ") else { return .interrupted }
                driver.answer(reply)
            case .fixConfirmation:
                guard let reader, case .line(let reply) = reader.readLine(prompt: "Apply? [y/N] ") else {
                    driver.declineFix()
                    continue
                }
                if ["y", "yes"].contains(reply.lowercased()) { await driver.applyFix() } else { driver.declineFix() }
            }
        }
    }
}
