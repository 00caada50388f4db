import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one program to its end and takes its wall time, as a user's shell would start it.
///
/// It spawns and waits with `posix_spawn` and `waitpid`: Foundation's `Process.waitUntilExit()`
/// on Linux polls its run loop in 50 ms steps, which would swamp the few milliseconds measured.
enum TimedProcess {
    /// What one run printed and how long it took, from launch to exit.
    struct Run {
        /// Launch to exit, in milliseconds.
        let milliseconds: Double
        let exitCode: Int32
        let stdout: String
    }

    /// Runs `argv` (argv[0] a path) with exactly `environment`, in `directory`, reading `input` on
    /// stdin (/dev/null when nil). Input and output are files, so no pipe can stall the child.
    static func run(_ argv: [String], environment: [String: String], directory: String, input: String? = nil) -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gotriage-bench-\(UUID().uuidString)")
        let inputPath = scratch.path + ".in"
        let outputPath = scratch.path + ".out"
        defer {
            try? FileManager.default.removeItem(atPath: inputPath)
            try? FileManager.default.removeItem(atPath: outputPath)
        }
        if let input { _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8)) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        guard addChdir(&actions, directory) == 0 else { fatalError("cannot run \(argv[0]) in \(directory)") }

        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }

        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, arguments, variables)
        guard spawned == 0 else { fatalError("cannot start \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        // WIFEXITED / WEXITSTATUS, which Swift does not import: a signal shows as 128 + its number.
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Run(milliseconds: elapsed, exitCode: exitCode, stdout: text)
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which Swift's Glibc module
    /// does not import: the child enters the folder itself, so this process's folder never changes.
    private static let addChdir: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32 = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            fatalError("gotriage-bench needs glibc 2.29 or later (posix_spawn_file_actions_addchdir_np)")
        }
        return unsafeBitCast(
            symbol,
            to: (@convention(c) (
                UnsafeMutablePointer<posix_spawn_file_actions_t>,
                UnsafePointer<CChar>
            ) -> Int32).self)
    }()

    /// The first `name` on `path` (a PATH value), for programs started without a shell.
    static func which(_ name: String, path: String?) -> String {
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        fatalError("gotriage-bench: \(name) is not on PATH")
    }
}
