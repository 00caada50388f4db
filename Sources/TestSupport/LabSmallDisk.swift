import Foundation

/// A small filesystem of its own for one test: a tmpfs mounted below the lab, which a test fills
/// so that the next write fails with the kernel's own ENOSPC ("no space left on device").
///
/// A real filesystem that is really full, so every writer — go's, gotriage's — meets the same
/// error at the same byte as on a full disk. tmpfs counts space in 4 KiB pages. Mounting needs
/// root (the test machines and CI run as root); without it `make` throws and says so.
public struct LabSmallDisk: Sendable {
    /// Where the filesystem is mounted.
    public let url: URL

    /// Mounts a tmpfs of `kibibytes` KiB at `<lab>/small-disk`.
    public static func mount(in lab: Lab, kibibytes: Int) throws -> LabSmallDisk {
        let url = lab.root.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let argv = ["mount", "-t", "tmpfs", "-o", "size=\(kibibytes)k,mode=0755", "tmpfs", url.path]
        let result = try lab.run(argv)
        guard result.exitCode == 0 else {
            throw LabError.commandFailed(
                argv: argv, exitCode: result.exitCode,
                stderr: result.stderr + " (mounting a tmpfs needs root)")
        }
        return LabSmallDisk(url: url)
    }

    /// Fills the filesystem: writes `filler` in 512-byte pieces until the kernel says ENOSPC.
    /// Returns how many bytes it took.
    @discardableResult
    public func fill() throws -> Int {
        let path = url.appendingPathComponent("filler").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw LabError.commandFailed(argv: ["open", path], exitCode: errno, stderr: "") }
        defer { close(descriptor) }
        let piece = [UInt8](repeating: 0x2e, count: 512)
        var total = 0
        while true {
            let count = piece.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                guard errno == ENOSPC else { throw LabError.commandFailed(argv: ["write", path], exitCode: errno, stderr: "") }
                return total
            }
            total += count
        }
    }

    /// Frees the space ``fill()`` took.
    public func empty() {
        try? FileManager.default.removeItem(at: url.appendingPathComponent("filler"))
    }

    /// Unmounts the filesystem (everything on it is gone).
    public func unmount(_ lab: Lab) {
        _ = try? lab.run(["umount", url.path])
    }
}
