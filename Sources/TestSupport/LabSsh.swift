import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Lab {
    /// Makes an ed25519 key pair `<root>/ssh/keys/<name>` without a passphrase.
    public func makeSshKey(named name: String) throws -> LabSshKey {
        let dir = sshDirectory.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try runChecked(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lab-\(name)", "-f", url.path])
        return try LabSshKey(privateKeyURL: url)
    }

    /// Starts sshd on a free 127.0.0.1 port with a new host key and `authorized` keys.
    ///
    /// Nothing is trusted or configured on the client side: call `useSshIdentity(_:)` and
    /// `trustHostKey(_:port:)` as the scenario needs.
    public func startSshd(authorizing authorized: [LabSshKey]) throws -> LabSshd {
        let dir = try freshDirectory("sshd")
        let hostKeyURL = dir.appendingPathComponent("host_ed25519")
        try runChecked(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lab-host", "-f", hostKeyURL.path])
        let authorizedKeys = dir.appendingPathComponent("authorized_keys")
        try Data(authorized.map { $0.publicKey + "\n" }.joined().utf8).write(to: authorizedKeys)
        let server = try startServer(
            ["sshd", "--host-key", hostKeyURL.path, "--authorized-keys", authorizedKeys.path, "--log-dir", dir.path],
            name: "sshd")
        return LabSshd(
            server: server, hostKey: try LabSshKey(privateKeyURL: hostKeyURL),
            authorizedKeysURL: authorizedKeys, user: Lab.userName)
    }

    /// Replaces known_hosts with one line trusting `key` for `[127.0.0.1]:port`.
    public func trustHostKey(_ key: LabSshKey, port: Int) throws {
        try Data("[127.0.0.1]:\(port) \(key.publicKey)\n".utf8).write(to: knownHostsURL)
    }

    /// The passwd name of the user running the tests (sshd's login name for them).
    static var userName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.userName
    }
}
