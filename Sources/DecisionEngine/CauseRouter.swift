import Diagnosis
import PlaybookSpec

/// Decides a `route: causes` arm: ranks the catalog's causes on the probe's output and picks the
/// step that proves the best one; also reads the failing module for `- module: …` captures.
enum CauseRouter {
    /// Where a route arm leads.
    enum Outcome {
        /// The best cause is known and this step proves it.
        case prove(StepAddress, Finding)
        /// The best cause is known, but no step of the tree proves it (it has only `help`).
        case noPlaybook(Finding)
        /// No cause is sure enough; the line says what the catalog saw, for `why`.
        case unknown(String)
    }

    static func decide(_ route: Route, _ facts: Facts) -> Outcome {
        guard let probe = facts.probe, let catalog = facts.catalog else { return .unknown("no command output to read") }
        let reading = catalog.read([("stdout", probe.stdout), ("stderr", probe.stderr)])
        guard let best = reading.knownCause else {
            let guess =
                reading.result.causes.first.map { ": the best guess, \($0.cause), scores \(Int(($0.score * 100).rounded()))%" } ?? ""
            return .unknown("the cause catalog knows no cause for this output\(guess)")
        }
        let finding = reading.finding(best)
        guard let target = route.starts[best.cause] else { return .noPlaybook(finding) }
        return .prove(target, finding)
    }

    /// `variables` with `facts` added. A `module` fact (a path) does not replace a `module` that
    /// already names that path, since the value may carry the version the user typed.
    static func merging(_ facts: [String: String], into variables: [String: String]) -> [String: String] {
        var result = variables
        for (name, value) in facts {
            if name == "module", let current = variables[name], current.prefix(while: { $0 != "@" }) == value { continue }
            result[name] = value
        }
        return result
    }

    /// The variables a `- module: …` capture sets from the texts: the failing module as Go names
    /// it in any form (`go: M@V: …`, `M@V: …`, `verifying M@V: …`, a `-json` `"Path"`, the last
    /// module of a `requires` chain). Empty when no error names a module.
    static func moduleVariables(in texts: [String]) -> [String: String] {
        for text in texts where !text.isEmpty {
            guard let record = GoLog(text: text).failingModule, let module = record.module else { continue }
            var variables = ["module": module.path, "module_host": module.host]
            if let version = module.version { variables["version"] = version }
            if let outer = record.requiredBy.first { variables["requiredby"] = outer.description }
            return variables
        }
        return [:]
    }
}
