import Synchronization

/// The secrets one gotriage process has seen, remembered so that each is hidden wherever it shows
/// up later — like the registered secrets of a CI system.
///
/// Values come in two ways: what ``SecretMask``'s rules find in any text gotriage looks at
/// (``learn(from:)``, and ``masked(_:)`` itself), and values known to be secret from where they
/// came (``register(_:)``: an answer to a secret question, a secret-named variable, a
/// secret-named environment variable). ``masked(_:)`` then hides both the rules' matches and every
/// remembered value, even in a sentence no rule would look at twice. What is short is hidden by
/// value only under ``SecretValues``' length rules. Safe to share between threads.
public final class SecretRegistry: Sendable {
    private let state = Mutex(SecretValues())

    public init() {}

    /// Remembers `value` as a secret (with its other spellings: see ``SecretVariants``).
    public func register(_ value: String) {
        insert(SecretVariants.of(value: value))
    }

    /// Remembers the values of the secret-named variables of `environment` (`GITHUB_TOKEN`, …).
    public func register(environment: [String: String]) {
        for (name, value) in environment where SecretMask.isSecretName(name) { register(value) }
    }

    /// Remembers every secret the rules find in `text`.
    public func learn(from text: String) {
        remember(SecretMask.masking(text).found)
    }

    /// `text` with the rules' secrets and every remembered value replaced by `REDACTED`; what the
    /// rules find in it is remembered first, so it is hidden elsewhere in `text` too.
    public func masked(_ text: String) -> String {
        let (masked, found) = SecretMask.masking(text)
        remember(found)
        return state.withLock { $0.masked(masked) }
    }

    /// Whether `text` holds a secret: something a rule finds, or a remembered value.
    public func holdsSecret(_ text: String) -> Bool {
        masked(text) != text
    }

    /// Whether nothing is remembered yet.
    public var isEmpty: Bool { state.withLock { $0.isEmpty } }

    /// How many spellings are remembered.
    public var count: Int { state.withLock { $0.values.count } }

    private func remember(_ found: [SecretMask.Found]) {
        guard !found.isEmpty else { return }
        insert(found.flatMap(SecretVariants.of))
    }

    private func insert(_ spellings: [String]) {
        state.withLock { values in
            for spelling in spellings { values.insert(spelling) }
        }
    }
}
