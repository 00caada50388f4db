import Foundation

/// Replays recorded ``CommandResult``s instead of running anything.
///
/// Results are keyed by argv. When one argv has several recordings they are
/// returned in order, and the last one keeps being returned after that. An argv
/// with no recording yields exit code 127 and "no recording for …" on stderr.
/// The JSON form is an array of results; only `argv` is required in each:
/// `[{"argv": ["go", "version"], "stdout": "go version go1.19.8 linux/amd64\n"}]`.
public struct RecordedCommandRunner: CommandRunning {
    private let queues: Locked<[[String]: ArraySlice<CommandResult>]>

    /// Creates a runner replaying `recordings`, in order per argv.
    public init(_ recordings: [CommandResult]) {
        var queues: [[String]: ArraySlice<CommandResult>] = [:]
        for recording in recordings {
            queues[recording.argv, default: []].append(recording)
        }
        self.queues = Locked(queues)
    }

    /// Loads recordings from a JSON file holding an array of results.
    ///
    /// - Throws: ``RecordingError`` when the file cannot be read or is not such an array.
    public init(contentsOf url: URL) throws(RecordingError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        do {
            self.init(try JSONDecoder().decode([CommandResult].self, from: data))
        } catch {
            throw .malformed(path: url.path, reason: String(describing: error))
        }
    }

    public func run(_ request: CommandRequest) async -> CommandResult {
        let next = queues.withLock { queues -> CommandResult? in
            guard var queue = queues[request.argv], let first = queue.first else { return nil }
            if queue.count > 1 {
                queue.removeFirst()
                queues[request.argv] = queue
            }
            return first
        }
        guard let next else {
            let shown = request.argv.map { "'\($0)'" }.joined(separator: " ")
            return .notStarted(request.argv, reason: "no recording for \(shown)")
        }
        return next
    }
}

/// Why a recording file could not be loaded.
public enum RecordingError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a JSON array of command results.
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read recording '\(path)': \(reason)"
        case .malformed(let path, let reason): "recording '\(path)' is not a JSON array of command results: \(reason)"
        }
    }
}
