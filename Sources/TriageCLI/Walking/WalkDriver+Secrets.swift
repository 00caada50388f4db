import DecisionEngine
import HostEffects

/// Where a walk registers the secrets it meets in `host.secrets`: always before the event that
/// carries them reaches an observer, so the screen, `--json` and the report can hide them by value.
extension WalkDriver {
    /// A probe's environment (secret-named variables by name, the rest by the rules) and argv.
    func rememberSecrets(in probe: PendingProbe) {
        host.secrets.register(environment: probe.environment)
        for text in probe.argv + Array(probe.environment.values) { host.secrets.learn(from: text) }
    }

    /// What the rules find in a probe's output.
    func rememberSecrets(in result: CommandResult) {
        host.secrets.learn(from: result.stdout)
        host.secrets.learn(from: result.stderr)
    }

    /// A reply: all of it for a secret question, what the rules find in it otherwise.
    func rememberSecrets(inReply reply: String, to question: PendingQuestion) {
        if question.isSecret { host.secrets.register(reply) } else { host.secrets.learn(from: reply) }
    }

    /// `--answer` values for secret-named variables and for the variables of secret questions.
    func rememberSecretAnswers(_ answers: [String: String]) {
        for (name, value) in answers where SecretMask.isSecretName(name) || walk.tree.secretVariables.contains(name) {
            host.secrets.register(value)
        }
    }

    /// The values of the walk's secret-named variables (answers, captures, inputs: `api_token`,
    /// a capture group `(?<token>…)`), and of the variables secret questions write.
    func rememberSecretVariables() {
        for (name, value) in walk.variables where SecretMask.isSecretName(name) || walk.tree.secretVariables.contains(name) {
            host.secrets.register(value)
        }
    }
}
