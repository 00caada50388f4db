import Foundation
import TestSupport

/// Playbooks that only change Go settings — one `fix` step each, then done — for the tests of
/// changes and undo: no probe runs, so every `go` gotriage starts is about the change.
enum ChangePlaybooks {
    /// Writes a playbook `id` that sets `key` to `value` into `<lab>/playbooks` and returns that folder.
    @discardableResult
    static func write(_ lab: Lab, id: String, key: String, value: String) throws -> URL {
        let folder = lab.root.appendingPathComponent("playbooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = """
            gotriage: 1
            id: \(id)
            title: Sets \(key)
            summary: A test playbook that sets \(key).
            start: fix
            steps:
              fix:
                fix:
                  reason: \(key) should be \(value).
                  set: {\(key): "\(value)"}
                next: done
              done:
                done: {outcome: resolved, cause: goproxy-off, conclusion: Done.}
            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("\(id).yaml"))
        return folder
    }

    /// `gotriage run ID --yes --playbooks FOLDER`.
    static func run(_ id: String, _ folder: URL) -> [String] {
        ["run", id, "--yes", "--playbooks", folder.path]
    }

    /// The value the GOENV file `data` sets for `key` (go's rule: the last line for the key wins).
    static func fileValue(_ key: String, in data: Data?) -> String? {
        let text = String(decoding: data ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").last { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}
