import Dispatch
import Foundation
import Synchronization

/// Small helpers that let loading use every core on large playbooks.
enum Concurrently {
    /// Below this many items, work is done on the calling thread: splitting costs more than it saves.
    static let threshold = 512

    /// `transform(context, 0)`, … `transform(context, count - 1)` in order, in chunks on all cores.
    ///
    /// Each chunk makes its own `context` first: values that every item touches (a file name) are
    /// then not shared between cores, whose fight over one reference count would cost more than
    /// the work. Each chunk stops at its first error; the error of the earliest chunk is thrown,
    /// so the result is the same as a plain loop's. Outputs are written straight into the result:
    /// large outputs (steps) are never copied, which would retain and release every value in them.
    static func map<Context, Output: Sendable, Failure: Error>(
        _ count: Int, context: @Sendable () -> Context, _ transform: @Sendable (Context, Int) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        let chunks = count < threshold ? 1 : max(1, min(System.coreCount, count / threshold))
        if chunks == 1 {
            let context = context()
            return try (0..<count).map { index throws(Failure) in try transform(context, index) }
        }
        let size = (count + chunks - 1) / chunks
        var failure: Failure?
        let outputs = [Output](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            // Per chunk: how many outputs it wrote, and the error it stopped at.
            let results = Mutex<[(written: Int, failure: Failure?)]>(Array(repeating: (0, nil), count: chunks))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * size
                let context = context()
                var written = 0
                var stoppedBy: Failure?
                do throws(Failure) {
                    for index in start..<min(count, start + size) {
                        (slots.base + index).initialize(to: try transform(context, index))
                        written += 1
                    }
                } catch {
                    stoppedBy = error
                }
                results.withLock { $0[chunk] = (written, stoppedBy) }
            }
            let chunkResults = results.withLock { $0 }
            failure = chunkResults.lazy.compactMap(\.failure).first
            guard failure != nil else { initialized = count; return }
            for (chunk, result) in chunkResults.enumerated() {
                (slots.base + chunk * size).deinitialize(count: result.written)
            }
            initialized = 0
        }
        if let failure { throw failure }
        return outputs
    }

    /// The result's storage, shared by the chunks; each chunk writes only its own range.
    private struct Slots<Output>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Output>
    }

    /// Releases `value` on a background thread: freeing a large temporary tree is work the caller
    /// need not wait for.
    static func release<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { _ = box }
    }

    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}

/// The number of cores this process may use.
enum System {
    static let coreCount: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
