import HostEffects

/// Readies a ``WalkRecord`` for a report: every string redacted, and each command's output cut to
/// an excerpt — redacted *before* it is cut, so a secret is never half-kept at the cut.
///
/// Two passes: first every secret in the record is registered, then every string is masked, so a
/// secret found late in the walk (a probe's output) is hidden early too (a conclusion, a title).
extension WalkRecord {
    /// Lines of each output stream a report keeps (the last ones, where errors are).
    static let excerptLines = 20
    /// Characters of each output stream a report keeps at most.
    static let excerptCharacters = 3_000

    func prepared(with redactor: Redactor) -> WalkRecord {
        if redactor.isEnabled { rememberSecrets(in: redactor.secrets) }
        let r: (String) -> String = { redactor.redact($0) }
        var copy = self
        copy.playbook = r(playbook)
        copy.title = r(title)
        copy.goEnv = goEnv.map(redactor.redact(environment:))
        copy.diagnosis = diagnosis.map {
            Diagnosis(
                cause: r($0.cause), signature: r($0.signature), score: $0.score, evidence: r($0.evidence),
                reason: r($0.reason), help: $0.help.map(r), step: r($0.step))
        }
        copy.end = end.map {
            End(
                outcome: $0.outcome, cause: $0.cause.map(r), conclusion: r($0.conclusion),
                step: r($0.step), reason: $0.reason, help: $0.help.map(r))
        }
        copy.decisions = decisions.map {
            DecisionEntry(
                step: r($0.step), target: r($0.target), condition: $0.condition.map(r),
                evidence: $0.evidence.map(r), location: r($0.location))
        }
        copy.steps = steps.map { step in
            var step = step
            step.step = r(step.step)
            if var command = step.command {
                command.argv = command.argv.map(r)
                command.environment = redactor.redact(environment: command.environment)
                command.stdout = Self.excerpt(r(command.stdout))
                command.stderr = Self.excerpt(r(command.stderr))
                step.command = command
            }
            if var question = step.question {
                question.prompt = r(question.prompt)
                question.answer = question.answer.map { redactor.redact(answer: $0, secret: question.isSecret) }
                step.question = question
            }
            if var fix = step.fix {
                fix.reason = r(fix.reason)
                fix.changes = fix.changes.map { change in
                    var change = change
                    change.command = change.command.map(r)
                    change.old = change.old.map(r)
                    change.new = change.new.map(r)
                    change.now = change.now.map(r)
                    change.message = change.message.map(r)
                    return change
                }
                step.fix = fix
            }
            return step
        }
        return copy
    }

    /// Registers every secret the record holds: secret-named environment values and secret
    /// answers as they are, and what the rules find in every other string.
    func rememberSecrets(in secrets: SecretRegistry) {
        var texts = [playbook, title] + decisions.flatMap { $0.evidence + [$0.condition ?? ""] }
        if let end { texts.append(end.conclusion) }
        if let goEnv {
            secrets.register(environment: goEnv)
            texts += goEnv.values
        }
        for step in steps {
            if let command = step.command {
                secrets.register(environment: command.environment)
                texts += command.argv + command.environment.values + [command.stdout, command.stderr]
            }
            if let question = step.question {
                texts.append(question.prompt)
                if let answer = question.answer {
                    if question.isSecret { secrets.register(answer) } else { texts.append(answer) }
                }
            }
            if let fix = step.fix {
                texts.append(fix.reason)
                texts += fix.changes.flatMap { $0.command + [$0.old, $0.new, $0.now, $0.message].compactMap { $0 } }
            }
        }
        for text in texts { secrets.learn(from: text) }
    }

    /// The last ``excerptLines`` lines of `text`, at most ``excerptCharacters`` characters, with a
    /// first line saying how much was left out.
    static func excerpt(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var kept = lines.suffix(excerptLines).joined(separator: "\n")
        var dropped = lines.count - min(lines.count, excerptLines)
        if kept.count > excerptCharacters {
            kept = String(kept.suffix(excerptCharacters))
            dropped = max(dropped, 1)
        }
        return dropped > 0 ? "[… earlier output left out …]\n" + kept : kept
    }
}
