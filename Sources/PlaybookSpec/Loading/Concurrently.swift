import Dispatch
import Foundation
import Synchronization

/// Small helpers that let loading use every core on large playbooks.
enum Concurrently {
    /// Below this many items, work is done on the calling thread: splitting costs more than it saves.
    static let threshold = 512

    /// Maps `items` in file order, in chunks on all cores. Each chunk stops at its first error; the
    /// error of the earliest chunk is thrown, so the result is the same as a plain loop's.
    static func map<Item: Sendable, Output: Sendable, Failure: Error>(
        _ items: [Item], _ transform: @Sendable (Item) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        let chunks = items.count < threshold ? 1 : max(1, min(System.coreCount, items.count / threshold))
        if chunks == 1 { return try items.map { item throws(Failure) in try transform(item) } }
        let size = (items.count + chunks - 1) / chunks
        let results = Mutex<[Result<[Output], Failure>?]>(Array(repeating: nil, count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let slice = items[(chunk * size)..<min(items.count, (chunk + 1) * size)]
            let result = Result { () throws(Failure) -> [Output] in
                try slice.map { item throws(Failure) in try transform(item) }
            }
            results.withLock { $0[chunk] = result }
        }
        var outputs: [Output] = []
        outputs.reserveCapacity(items.count)
        for result in results.withLock({ $0 }) {
            guard let result else { continue }
            outputs += try result.get()
        }
        return outputs
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
