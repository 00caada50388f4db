import Foundation
import HostEffects

/// Hides secrets in what leaves gotriage (reports, `--json`): text, environments and JSON, each
/// string masked by ``SecretMask`` (URL passwords, forge tokens, authorization headers, `.netrc`
/// passwords, `*TOKEN*`-like variables and private keys become `REDACTED`).
public struct Redactor: Sendable {
    /// Whether anything is hidden; `--no-redact` turns it off.
    public let isEnabled: Bool

    public init(enabled: Bool = true) { isEnabled = enabled }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        isEnabled ? SecretMask.masked(text) : text
    }

    /// An environment dictionary with secret-named values masked and every other value redacted.
    public func redact(environment: [String: String]) -> [String: String] {
        guard isEnabled else { return environment }
        return Dictionary(
            uniqueKeysWithValues: environment.map { name, value in
                (name, SecretMask.isSecretName(name) && !value.isEmpty ? SecretMask.replacement : redact(value))
            })
    }

    /// `event` with every string it carries redacted (the `--json` stream). Event keys are fixed
    /// names, never secret-looking, so unlike `redact(json:)` there is no key to mask by name.
    public func redact(_ event: JSONEvent) -> JSONEvent {
        guard isEnabled else { return event }
        return event.mapStrings(redact)
    }

    /// JSON `data` with every string redacted, and values under secret-named keys masked.
    ///
    /// Data that is not JSON is masked as text, so nothing leaves unredacted.
    public func redact(json data: Data) -> Data {
        // Without any rule's word (secret-looking key names are such words too), nothing would
        // change: the data is returned as it is, not parsed and written again.
        guard isEnabled, SecretMask.mayMatch(json: data) else { return data }
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
                result[redact(key)] =
                    SecretMask.isSecretName(key) && member is String && (member as? String) != ""
                    ? SecretMask.replacement : redact(jsonValue: member)
            }
            return result
        default:
            return value
        }
    }
}
