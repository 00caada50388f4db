import Foundation

/// Ends the fuzzer with a message when one input runs longer than `seconds`: a hang is reported,
/// never waited out.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var lastBeat = Date()
    private var part = "start"

    init(seconds: TimeInterval) {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let (since, part) = lock.withLock { (Date().timeIntervalSince(lastBeat), self.part) }
                if since > seconds {
                    FileHandle.standardError.write(Data("HANG: \(part) made no progress for \(Int(since)) s\n".utf8))
                    exit(1)
                }
            }
        }
        thread.start()
    }

    /// Notes progress in `part` (called before every input).
    func beat(_ part: String) {
        lock.withLock {
            lastBeat = Date()
            self.part = part
        }
    }
}
