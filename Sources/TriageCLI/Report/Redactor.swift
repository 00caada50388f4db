import Foundation
import HostEffects

/// Hides secrets in what leaves gotriage (reports, `--json`, the terminal, standard error): text,
/// environments, events and JSON, each string masked by a ``SecretRegistry`` — the rules of
/// ``SecretMask`` (URL passwords, forge tokens, authorization headers, `.netrc` passwords,
/// `*TOKEN*`-like variables, private keys…) and every secret value seen so far become `REDACTED`.
///
/// One registry serves a whole process: the walk registers what it learns (probe output,
/// answers to secret questions, secret-named variables), and everything written masks by it.
public struct Redactor: Sendable {
    /// Whether anything is hidden; `--no-redact` turns it off.
    public let isEnabled: Bool
    /// The secrets seen so far; shared by everything that writes.
    public let secrets: SecretRegistry

    /// A redactor masking with `secrets` (a registry of its own when none is given).
    public init(enabled: Bool = true, secrets: SecretRegistry = SecretRegistry()) {
        isEnabled = enabled
        self.secrets = secrets
    }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        isEnabled ? secrets.masked(text) : text
    }

    /// An environment dictionary with secret-named values masked (and remembered) and every
    /// other value redacted.
    public func redact(environment: [String: String]) -> [String: String] {
        guard isEnabled else { return environment }
        secrets.register(environment: environment)
        return Dictionary(
            uniqueKeysWithValues: environment.map { name, value in
                (name, SecretMask.isSecretName(name) && !value.isEmpty ? SecretMask.replacement : redact(value))
            })
    }

    /// An answer as it may be shown: `REDACTED` for a secret question (whatever its length), else
    /// redacted as text.
    public func redact(answer: String, secret: Bool) -> String {
        guard isEnabled else { return answer }
        return secret && !answer.isEmpty ? SecretMask.replacement : redact(answer)
    }

    /// `event` with every string it carries redacted (the `--json` stream). Event keys are fixed
    /// names, never secret-looking, so unlike `redact(json:)` there is no key to mask by name.
    public func redact(_ event: JSONEvent) -> JSONEvent {
        guard isEnabled else { return event }
        return event.mapStrings(redact)
    }

    /// JSON `data` with every string redacted, and values under secret-named keys masked.
    ///
    /// Data that is not JSON (or cannot be written again) is masked as text, so nothing leaves
    /// unredacted.
    public func redact(json data: Data) -> Data {
        // Without any rule's word (secret-looking key names are such words too) and with no
        // secret remembered, nothing would change: the data is returned as it is.
        guard isEnabled, SecretMask.mayMatch(json: data) || !secrets.isEmpty else { return data }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let redacted = try? JSONSerialization.data(
                withJSONObject: redact(jsonValue: object),
                options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return Data(redact(String(decoding: data, as: UTF8.self)).utf8) }
        return redacted
    }

    private func redact(jsonValue value: Any) -> Any {
        switch value {
        case let text as String:
            return redact(text)
        case let array as [Any]:
            return array.map { redact(jsonValue: $0) }
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, member) in object {
                if SecretMask.isSecretName(key), let text = member as? String, !text.isEmpty {
                    secrets.register(text)
                    result[redact(key)] = SecretMask.replacement
                } else {
                    result[redact(key)] = redact(jsonValue: member)
                }
            }
            return result
        default:
            return value
        }
    }
}
