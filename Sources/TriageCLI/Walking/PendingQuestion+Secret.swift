import DecisionEngine
import HostEffects

extension PendingQuestion {
    /// Whether the answer is a secret: the playbook says `secret: true`, or the answer goes into a
    /// secret-named variable (`api_token`, `password`…). Such an answer is remembered as a secret,
    /// never shown (`REDACTED` in reports and `--json`, not echoed on the terminal) and never kept
    /// in the shell's history.
    var isSecret: Bool { secret || SecretMask.isSecretName(variable) }
}
