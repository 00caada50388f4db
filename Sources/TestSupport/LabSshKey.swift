import Foundation

/// An ed25519 key pair the lab made with `ssh-keygen` (no passphrase), for a client or a host.
public struct LabSshKey: Sendable {
    /// The private key file (mode 0600).
    public let privateKeyURL: URL
    /// The `.pub` file next to it.
    public var publicKeyURL: URL { privateKeyURL.appendingPathExtension("pub") }
    /// The public key as `type base64` (the `.pub` line without its comment).
    public let publicKey: String

    /// Reads the public half of the pair at `privateKeyURL`.
    init(privateKeyURL: URL) throws {
        self.privateKeyURL = privateKeyURL
        let line = try String(contentsOf: privateKeyURL.appendingPathExtension("pub"), encoding: .utf8)
        publicKey = line.split(separator: " ").prefix(2).joined(separator: " ")
    }
}
