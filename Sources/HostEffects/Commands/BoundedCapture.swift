import Subprocess

/// The first `limit` bytes of one output stream, and whether more were dropped.
struct BoundedCapture: Sendable {
    /// The bytes kept, at most the limit.
    var bytes: [UInt8] = []
    /// Whether the stream produced more than the limit.
    var truncated = false

    /// The kept bytes decoded as UTF-8, invalid sequences replaced.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Reads `stream` to its end, keeping at most `limit` bytes (in bytes) and draining the rest
    /// so the child never blocks on a full pipe. A read error ends the capture with what was read.
    static func read(_ stream: SubprocessOutputSequence, limit: Int) async -> BoundedCapture {
        var capture = BoundedCapture()
        let limit = max(0, limit)
        do {
            for try await buffer in stream {
                let room = limit - capture.bytes.count
                if buffer.count > room { capture.truncated = true }
                guard room > 0 else { continue }
                buffer.withUnsafeBytes { raw in
                    capture.bytes.append(contentsOf: raw.prefix(room))
                }
            }
        } catch {
            // Cancelled or failed: keep what arrived.
        }
        return capture
    }
}
