import Foundation

/// A real OpenSSH sshd on 127.0.0.1 that lets the current user in by public key only.
///
/// It runs `/usr/sbin/sshd -D` (through `labserver.py sshd`) with its own host key and an
/// authorized_keys file in the lab, `StrictModes no`, `UsePAM no`, `PasswordAuthentication no`
/// and `PermitRootLogin prohibit-password`, so it also works when the tests run as root.
/// Git reaches the lab's bare repositories through it by absolute path.
public struct LabSshd: Sendable {
    /// The wrapper process; stopping it stops sshd.
    public let server: LabServer
    /// The key sshd presents; `Lab.trustHostKey(_:port:)` puts it in known_hosts.
    public let hostKey: LabSshKey
    /// The only authorized_keys file sshd reads; starts empty.
    public let authorizedKeysURL: URL
    /// The login name sshd accepts: the user running the tests.
    public let user: String

    /// The TCP port sshd listens on.
    public var port: Int { server.port }

    /// Adds `key` to the authorized keys; takes effect at the next connection.
    public func authorize(_ key: LabSshKey) throws {
        let handle = try FileHandle(forWritingTo: authorizedKeysURL)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((key.publicKey + "\n").utf8))
    }

    /// `ssh://USER@127.0.0.1:PORT/<repositories>/`: a git URL base for a directory of bare
    /// repositories (e.g. from `Lab.makeGitRepositories`), ready for `Lab.routeGitHost`.
    public func gitBase(for repositories: URL) -> String {
        "ssh://\(user)@127.0.0.1:\(port)\(repositories.path)/"
    }

    /// Stops sshd and waits for it to exit.
    public func stop() { server.stop() }
}
