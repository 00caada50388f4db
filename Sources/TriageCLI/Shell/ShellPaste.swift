import DecisionEngine
import Diagnosis
import Foundation
import PlaybookSpec

/// `paste`: reads an error text, names its likely causes, and offers to start the playbook
/// that proves and fixes the best one, with the facts the text gave filled in.
extension Shell {
    func paste() async {
        guard let catalog else {
            console.line("The cause catalog is not loaded, so paste cannot diagnose. Start the triage: start exit-status-128")
            return
        }
        console.line("Paste go's output, then press Enter on an empty line (or Ctrl-D).")
        var lines: [String] = []
        reading: while true {
            switch reader.readLine(prompt: "paste> ") {
            case .line(let text):
                if text.trimmingCharacters(in: .whitespaces).isEmpty { break reading }
                lines.append(text)
            case .endOfFile:
                break reading
            case .interrupted:
                console.line("(paste cancelled)")
                return
            }
        }
        guard !lines.isEmpty else {
            console.line("Nothing was pasted.")
            return
        }
        let result = Diagnoser(catalog: catalog).diagnose(lines.joined(separator: "\n"))
        DiagnosisPrinter(console: console, catalog: catalog).show(result, shell: true)
        guard result.isKnown, let best = result.causes.first, let start = best.start else { return }
        await offerStart(start, for: best)
    }

    /// `Start PLAYBOOK at STEP for MODULE? [Y/n]`; yes starts the walk there with the facts as answers.
    private func offerStart(_ start: StepRef, for cause: RankedCause) async {
        let module = DiagnosisPrinter.moduleAnswer(cause.facts)
        let question = "Start \(start.playbook) at \(start.step)" + (module.map { " for \($0)" } ?? "") + "? [Y/n] "
        guard case .line(let reply) = reader.readLine(prompt: question) else { return }
        switch reply.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "y", "yes":
            break
        default:
            console.line("Not started. To start it later: start \(start.playbook)")
            return
        }
        var variables: [String: String] = [:]
        if let module { variables["module"] = module }
        if let path = cause.facts["module"] { variables["module_host"] = String(path.prefix { $0 != "/" }) }
        if let text = cause.evidence.first?.text {
            variables["download_error"] = text.hasPrefix("go: ") ? String(text.dropFirst(4)) : text
        }
        let address = StepAddress(playbook: start.playbook, step: start.step)
        guard tree.playbooks[start.playbook]?.steps[start.step] != nil else {
            console.line("There is no step \(address) in the loaded playbooks.")
            return
        }
        await begin(Walk(tree: tree, start: address, variables: variables))
    }
}
