import Yams

/// Reads the action of a step: `run`, `ask`, `fix`, `done` or `jump`.
struct ActionReader {
    let reading: NodeReading

    func run(_ node: Node, at: SourceLocation) throws(Diagnostic) -> RunSyntax {
        let run = try MappingReader(
            node, key: "run", name: "run",
            known: ["argv", "timeout", "env", "capture", "pending", "says"], anchor: at, reading: reading)
        let argvNode = try run.required("argv", hint: " (the command and its arguments, as in [go, version])")
        var argv: [Located<Template>] = []
        for element in try reading.sequence(argvNode, key: "argv", expected: "a list, as in [go, version]") {
            guard element.scalar != nil else {
                throw Diagnostic(
                    at: reading.location(of: element),
                    "each entry of 'argv' should be text, not \(reading.describe(element))")
            }
            argv.append(try reading.template(element, key: "argv"))
        }
        guard !argv.isEmpty else {
            throw Diagnostic(
                at: reading.location(of: argvNode),
                "'argv' is an empty list; write the command and its arguments, as in [go, version]")
        }
        var environment: [(name: Located<String>, value: Located<Template>)] = []
        if let env = run.entry("env")?.value {
            let mapping = try reading.mapping(env, key: "env", expected: "a mapping of variable names to values")
            try reading.checkUnique(mapping)
            for (key, value) in mapping {
                let name = try reading.text(key, key: "env")
                guard Self.isEnvironmentName(name.value) else {
                    throw Diagnostic(
                        at: name.location,
                        "'\(name.value)' in env is not an environment variable name; use letters, digits and '_'")
                }
                environment.append((name, try reading.template(value, key: name.value)))
            }
        }
        var captures: [CaptureSyntax] = []
        if let capture = run.entry("capture")?.value {
            for entry in try reading.sequence(capture, key: "capture", expected: "a list of '- stdout: regex' entries") {
                captures.append(try self.capture(entry))
            }
        }
        var says: [(code: Located<Int32>, text: Located<Template>)] = []
        if let node = run.entry("says")?.value {
            let mapping = try reading.mapping(
                node, key: "says", expected: "a mapping of exit codes to what they mean, as in {2: there is no ~/.netrc}")
            try reading.checkUnique(mapping)
            for (key, value) in mapping {
                let code = try reading.text(key, key: "says")
                guard let number = Int32(code.value), (0...255).contains(number) else {
                    throw Diagnostic(at: code.location, "'says' maps exit codes (0 to 255) to what they mean; '\(code.value)' is not one")
                }
                says.append((Located(number, at: code.location), try reading.template(value, key: code.value)))
            }
        }
        return RunSyntax(
            argv: argv, timeoutMilliseconds: try timeout(run.entry("timeout")?.value),
            environment: environment, captures: captures, pending: try run.template("pending"), says: says,
            location: at)
    }

    private func timeout(_ node: Node?) throws(Diagnostic) -> Int? {
        guard let node else { return nil }
        let text = try reading.text(node, key: "timeout")
        switch DurationText.milliseconds(text.value) {
        case .success(let milliseconds):
            return milliseconds
        case .failure(.noUnit):
            throw Diagnostic(at: text.location, "'timeout' needs a unit, as in 5s or 500ms (got '\(text.value)')")
        case .failure(.zero):
            throw Diagnostic(at: text.location, "'timeout' must be longer than 0 (got '\(text.value)')")
        case .failure(.malformed):
            throw Diagnostic(
                at: text.location,
                "'timeout' should be a duration such as 500ms, 5s, 1.5s or 1m (got '\(text.value)')")
        }
    }

    private func capture(_ node: Node) throws(Diagnostic) -> CaptureSyntax {
        let at = reading.location(of: node)
        let capture = try MappingReader(
            node, key: "capture", name: "capture",
            known: ["stdout", "stderr", "output", "error", "module"], anchor: at, reading: reading)
        guard let first = capture.pairs.first else {
            throw Diagnostic(at: at, "a capture needs one of 'stdout', 'stderr', 'output' or 'error' with a regex")
        }
        if capture.pairs.count > 1 {
            throw Diagnostic(
                at: reading.location(of: capture.pairs[1].key),
                "a capture has both '\(first.keyText)' and '\(capture.pairs[1].keyText)'; write one per entry")
        }
        if first.keyText == "module" {
            let stream = try reading.text(first.value, key: "module")
            guard let value = ProbeStream(rawValue: stream.value) else {
                throw Diagnostic(at: stream.location, "'module' must be stdout, stderr, output or error (got '\(stream.value)')")
            }
            return CaptureSyntax(stream: value, pattern: Located("module", at: reading.location(of: first.key)), readsModule: true)
        }
        let stream = ProbeStream(rawValue: first.keyText) ?? .output
        return CaptureSyntax(stream: stream, pattern: try reading.text(first.value, key: first.keyText))
    }

    func ask(_ node: Node, at: SourceLocation) throws(Diagnostic) -> AskSyntax {
        let ask = try MappingReader(
            node, key: "ask", name: "ask",
            known: ["question", "into", "choices", "pattern", "example", "default", "secret", "only-if-empty"], anchor: at,
            reading: reading)
        let prompt = try ask.requiredTemplate("question")
        let variable = try reading.variableName(
            try ask.required("into", hint: " (the variable that gets the answer)"),
            key: "into")
        var choices: [Located<String>] = []
        if let node = ask.entry("choices")?.value {
            choices = try reading.texts(node, key: "choices")
            guard !choices.isEmpty else {
                throw Diagnostic(at: reading.location(of: node), "'choices' is an empty list; leave it out for a free answer")
            }
        }
        var secret: Located<Bool>?
        if let node = ask.entry("secret")?.value {
            secret = Located(try reading.bool(node, key: "secret"), at: reading.location(of: node))
        }
        var onlyIfEmpty: Located<Bool>?
        if let node = ask.entry("only-if-empty")?.value {
            onlyIfEmpty = Located(try reading.bool(node, key: "only-if-empty"), at: reading.location(of: node))
        }
        return AskSyntax(
            prompt: prompt, variable: variable, choices: choices, pattern: try ask.text("pattern"),
            defaultValue: try ask.template("default"), secret: secret, onlyIfEmpty: onlyIfEmpty, example: try ask.text("example"),
            location: at)
    }

    func fix(_ node: Node, at: SourceLocation) throws(Diagnostic) -> FixSyntax {
        let fix = try MappingReader(
            node, key: "fix", name: "fix", known: ["reason", "set", "unset"], anchor: at,
            reading: reading)
        let reason = try fix.requiredTemplate("reason", hint: " (why, in plain words)")
        var changes: [GoEnvChangeSyntax] = []
        if let set = fix.entry("set")?.value {
            let mapping = try reading.mapping(
                set, key: "set",
                expected: "a mapping of Go settings to values, as in {GOPROXY: direct}")
            try reading.checkUnique(mapping)
            for (key, value) in mapping {
                let name = try reading.text(key, key: "set")
                changes.append(GoEnvChangeSyntax(key: name, value: try reading.template(value, key: name.value)))
            }
        }
        if let unset = fix.entry("unset")?.value {
            for key in try reading.texts(unset, key: "unset") {
                changes.append(GoEnvChangeSyntax(key: key, value: nil))
            }
        }
        guard !changes.isEmpty else {
            throw Diagnostic(at: at, "fix changes nothing; give 'set' and/or 'unset'")
        }
        return FixSyntax(reason: reason, changes: changes, location: at)
    }

    func done(_ node: Node, at: SourceLocation) throws(Diagnostic) -> DoneSyntax {
        let done = try MappingReader(
            node, key: "done", name: "done", known: ["outcome", "cause", "conclusion", "help"],
            anchor: at, reading: reading)
        let outcomeText = try done.requiredText("outcome", hint: " (resolved, not-resolved or escalate)")
        guard let outcome = Outcome(rawValue: outcomeText.value) else {
            let names = Outcome.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: outcomeText.value, among: names).map { "; did you mean '\($0)'?" } ?? ""
            throw Diagnostic(
                at: outcomeText.location,
                "'outcome' must be resolved, not-resolved or escalate (got '\(outcomeText.value)')\(hint)")
        }
        return DoneSyntax(
            outcome: Located(outcome, at: outcomeText.location), cause: try done.text("cause"),
            text: try done.requiredTemplate("conclusion", hint: " (the last words of the walk)"),
            help: try done.template("help"), location: at)
    }

    /// `playbook` or `playbook:step`, split on the first `:`.
    func jump(_ node: Node, at: SourceLocation) throws(Diagnostic) -> JumpSyntax {
        let target = try reading.text(node, key: "jump")
        let parts = target.value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let playbook = String(parts[0])
        let step = parts.count > 1 ? String(parts[1]) : nil
        guard !playbook.isEmpty, step.map({ !$0.isEmpty }) ?? true else {
            throw Diagnostic(
                at: target.location,
                "'jump' needs a playbook id, as in git-auth, or a playbook and a step, as in git-auth:check-ssh (got '\(target.value)')")
        }
        let stepLocation = reading.location(of: node, offset: playbook.count + 1)
        return JumpSyntax(
            playbook: Located(playbook, at: target.location),
            step: step.map { Located($0, at: stepLocation) }, location: at)
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`
    static func isEnvironmentName(_ name: String) -> Bool {
        func isLetter(_ s: Unicode.Scalar) -> Bool { s == "_" || ("A"..."Z").contains(s) || ("a"..."z").contains(s) }
        guard let first = name.unicodeScalars.first, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }
}
