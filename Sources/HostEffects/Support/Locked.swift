import Synchronization

/// A reference to a value guarded by a mutex, so copyable structs can share mutable state.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// Creates a box holding `value`.
    init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
