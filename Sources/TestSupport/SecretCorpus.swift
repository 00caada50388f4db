import Foundation

/// The secret corpus (`Tests/Secrets/secret-corpus.json`): credentials as go, git, curl, ssh,
/// credential helpers, `.netrc`, environment dumps and JSON print them, each with the secret in it.
///
/// The redaction tests plant every form wherever a secret can travel and check that the secret
/// never comes out.
public struct SecretCorpus: Sendable {
    /// One realistic text that holds a secret.
    public struct Form: Decodable, Sendable, CustomStringConvertible {
        /// What the text is, in a few words (`git credential fill`).
        public let form: String
        /// The tool that prints it.
        public let source: String
        /// The text as printed, often several lines.
        public let text: String
        /// The secret inside `text`: no report or stream may show it.
        public let secret: String

        public var description: String { form }

        /// The line of `text` that holds the secret (what a person would paste as one answer).
        public var secretLine: String {
            text.split(separator: "\n").first { $0.contains(secret) }.map(String.init) ?? secret
        }
    }

    /// The forms, in file order.
    public let forms: [Form]

    /// The corpus file next to the tests.
    public static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Secrets/secret-corpus.json")

    /// The corpus as stored; stops the test run loudly when the file is missing or malformed.
    public static let shipped: SecretCorpus = {
        do {
            let forms = try JSONDecoder().decode([Form].self, from: Data(contentsOf: file))
            return SecretCorpus(forms: forms)
        } catch {
            preconditionFailure("the secret corpus \(file.path) cannot be read: \(error)")
        }
    }()
}
