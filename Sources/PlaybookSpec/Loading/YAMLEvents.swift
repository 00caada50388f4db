import Dispatch
import Synchronization

/// One libyaml parse event, copied out of libyaml: its kind, 1-based position and, for scalars,
/// anchors and aliases, where its text is in the batch's bytes (`YAMLEvents.text(_:)`).
struct YAMLEvent {
    enum Kind: UInt8 {
        case streamStart, documentStart, documentEnd, streamEnd
        case scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd, alias
    }

    var kind: Kind
    var style: YAMLTree.Scalar.Style
    var line: Int32
    var column: Int32
    /// A scalar's value, or the anchor an alias refers to.
    var text: Range<Int32>
    /// The `&anchor` the node defines; empty when it defines none.
    var anchor: Range<Int32>
}

/// The parse events of one text, in order, read by libyaml (see `YAMLEventProducer`).
///
/// How the text is parsed is the caller's choice (`Strategy`): on the calling thread; on a
/// background thread while the caller builds its tree from the events parsed so far, so that
/// libyaml's scanning and the building each have a core; or in two halves on two threads at once
/// (see `YAMLSplit`). Events arrive in batches of plain records. A YAML syntax error becomes a
/// diagnostic at libyaml's 1-based line and column, thrown when the caller reaches the place
/// where parsing stopped.
struct YAMLEvents {
    enum Strategy {
        case onThisThread, inBackground
        /// Two halves on two threads: only for a text `YAMLSplit` can cut, and only as a first
        /// try, since an error in either half is no proof of an error in the whole (see
        /// `YAMLComposer.compose`).
        case inHalves(YAMLSplit)
    }

    /// Texts at least this long are parsed on a background thread; for shorter ones starting a
    /// thread costs more than it saves.
    static let backgroundThreshold = 64 * 1024
    /// Texts at least this long are first tried in halves.
    static let halvesThreshold = 512 * 1024

    private let file: String
    /// The producers whose events are read one after the other: the whole text, or its halves.
    private let parts: [YAMLEventProducer]
    private var part = 0
    /// Events the first half held back (the ends of its open collections), read after the
    /// second half's.
    private var heldBack: [YAMLEvent] = []
    /// Added to the lines of the part being read: the second half counts its lines from the
    /// cut, whose line is where libyaml ended the first half.
    private var lineShift: Int32 = 0
    private var batch = Batch()
    private var position = 0

    /// Starts parsing `bytes`, which must stay valid until `finish()` has returned.
    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String, strategy: Strategy) {
        self.file = file
        switch strategy {
        case .onThisThread, .inBackground:
            parts = [YAMLEventProducer(bytes: bytes, file: file, role: .whole)]
        case .inHalves(let split):
            parts = [
                YAMLEventProducer(bytes: UnsafeBufferPointer(rebasing: bytes[..<split.offset]), file: file,
                                  role: .head(keyColumn: split.keyColumn)),
                YAMLEventProducer(bytes: UnsafeBufferPointer(rebasing: bytes[split.offset...]), file: file,
                                  role: .rest(keyColumn: split.keyColumn)),
            ]
        }
        for producer in parts {
            if case .onThisThread = strategy {
                producer.run()
            } else {
                DispatchQueue.global(qos: .userInitiated).async { producer.run() }
            }
        }
    }

    /// The next event; throws the syntax error that stopped the parse once every event before it
    /// has been read.
    mutating func next() throws(Diagnostic) -> YAMLEvent {
        while position == batch.events.count {
            if part == parts.count {
                // The composer stops at the stream's end, which is the last event; should it ever
                // ask for more, it gets an error, not a crash.
                guard !heldBack.isEmpty else {
                    throw Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "YAML syntax error: the text ended early")
                }
                return heldBack.removeFirst()
            }
            switch try parts[part].queue.take() {
            case .batch(let next):
                batch = next
                position = 0
            case .end(let held):
                heldBack += held
                part += 1
                lineShift = (heldBack.last?.line ?? 1) - 1
            }
        }
        defer { position += 1 }
        var event = batch.events[position]
        event.line += lineShift
        return event
    }

    /// The text of a range of the last event read (`YAMLEvent.text` or `anchor`).
    func text(_ range: Range<Int32>) -> String {
        String(decoding: batch.bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
    }

    /// Stops the parse if it is still running and waits for libyaml to let go of the text.
    func finish() {
        for producer in parts { producer.stop() }
    }

    /// Events copied out of libyaml, with the bytes of their texts.
    struct Batch: Sendable {
        static let capacity = 4096
        var events: [YAMLEvent] = []
        var bytes: [UInt8] = []

        /// An empty batch with room for a full one (texts average a few bytes per event).
        static func empty() -> Batch {
            var batch = Batch()
            batch.events.reserveCapacity(capacity)
            batch.bytes.reserveCapacity(8 * capacity)
            return batch
        }
    }

    /// Batches handed from a parsing thread to the building one.
    final class Queue: Sendable {
        enum Item {
            case batch(Batch)
            /// Every event is queued; the events held back to be read after the other half's.
            case end(heldBack: [YAMLEvent])
        }

        private let state = Mutex<(batches: [Batch], end: Result<[YAMLEvent], Diagnostic>?)>(([], nil))
        private let arrived = DispatchSemaphore(value: 0)

        func put(_ batch: Batch) {
            state.withLock { $0.batches.append(batch) }
            arrived.signal()
        }

        /// Marks the end: every event is queued (`.success`) or parsing stopped at a failure.
        func end(_ result: Result<[YAMLEvent], Diagnostic>) {
            state.withLock { $0.end = result }
            arrived.signal()
        }

        /// The next batch or the end, waiting for it when parsing has not got that far.
        func take() throws(Diagnostic) -> Item {
            while true {
                let next: Result<Item, Diagnostic>? = state.withLock { state in
                    if !state.batches.isEmpty { return .success(.batch(state.batches.removeFirst())) }
                    return state.end.map { $0.map { .end(heldBack: $0) } }
                }
                if let next { return try next.get() }
                arrived.wait()
            }
        }
    }
}
