import Foundation

/// A `go` wrapper first on the lab's PATH that stops at one moment of a settings change, so a
/// test can kill or interrupt gotriage exactly there.
///
/// The wrapper runs the lab's real go. At its pause it writes its process id to
/// ``pausedPIDURL`` and becomes `sleep 60` (same process id), which the test ends with
/// ``endPause()`` after it has dealt with gotriage.
public enum LabGoPause: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Right after `go env -w`/`-u` wrote its file: the write is done, go has not exited yet.
    case afterWrite = "after-write"
    /// At the first `go env -json` after a `go env -w`/`-u`: the read that confirms the change.
    case atConfirmingRead = "at-confirming-read"

    public var description: String { rawValue }
}

extension Lab {
    /// Replaces the lab's `go` with a wrapper that pauses at `pause` (once).
    public func pauseGo(at pause: LabGoPause) throws {
        let wrapper = binDirectory.appendingPathComponent("go")
        let real = try FileManager.default.destinationOfSymbolicLink(atPath: wrapper.path)
        let marks = root.appendingPathComponent("pause")
        try FileManager.default.createDirectory(at: marks, withIntermediateDirectories: true)
        let written = marks.appendingPathComponent("written").path
        let paused = pausedPIDURL.path
        let body: String
        switch pause {
        case .afterWrite:
            body = """
                case "$1 $2" in
                "env -w"|"env -u")
                  '\(real)' "$@" || exit $?
                  if [ ! -e '\(paused)' ]; then echo $$ > '\(paused).new' && mv '\(paused).new' '\(paused)'; exec sleep 60; fi
                  exit 0 ;;
                esac
                exec '\(real)' "$@"
                """
        case .atConfirmingRead:
            body = """
                case "$1 $2" in
                "env -w"|"env -u") '\(real)' "$@"; status=$?; : > '\(written)'; exit $status ;;
                "env -json")
                  if [ -e '\(written)' ] && [ ! -e '\(paused)' ]; then
                    echo $$ > '\(paused).new' && mv '\(paused).new' '\(paused)'; exec sleep 60
                  fi ;;
                esac
                exec '\(real)' "$@"
                """
        }
        try FileManager.default.removeItem(at: wrapper)
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: wrapper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
    }

    /// Where the paused wrapper writes its process id.
    public var pausedPIDURL: URL { root.appendingPathComponent("pause/paused-pid") }

    /// Waits up to `timeout` seconds for the wrapper to reach its pause; false when it did not.
    public func waitForGoPause(timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: pausedPIDURL.path) { return true }
            usleep(5_000)
        }
        return false
    }

    /// Ends the paused wrapper (the `sleep` it became), if it is still there.
    public func endPause() {
        guard let text = try? String(contentsOf: pausedPIDURL, encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        kill(pid, SIGKILL)
    }
}
