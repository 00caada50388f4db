import Glibc

/// A point in time, on the monotonic clock, by which a probe must finish.
struct Deadline: Sendable {
    private let end: ContinuousClock.Instant

    /// A deadline `milliseconds` from now.
    init(milliseconds: Int) {
        end = .now + .milliseconds(max(0, milliseconds))
    }

    /// Milliseconds left, rounded up, never negative (fits `poll`'s timeout).
    var remainingMilliseconds: Int32 {
        let left = end - .now
        guard left > .zero else { return 0 }
        let ms = Double(left.components.seconds) * 1_000 + Double(left.components.attoseconds) / 1e15
        return Int32(min(ms.rounded(.up), Double(Int32.max)))
    }
}

/// Measures how long something took, in milliseconds.
struct Stopwatch {
    private let start = ContinuousClock.now

    /// Milliseconds since the stopwatch was created.
    var elapsedMilliseconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
