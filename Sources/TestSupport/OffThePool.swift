import Foundation

/// Runs blocking work on a thread of its own, so a test that spends seconds matching or loading
/// does not hold one of the cooperative pool's few threads (two here) and starve the async tests
/// that run beside it in the same process.
public enum OffThePool {
    /// The value of `work`, computed on a new thread.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
