internal import CYaml
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

/// The parse events of one text, read by libyaml (which ships inside Yams); the only code that
/// talks to libyaml.
///
/// A large text is parsed on a background thread while the caller builds its tree from the
/// events parsed so far, so libyaml's scanning and the tree's building each have a core. Events
/// arrive in batches of plain records. A YAML syntax error becomes a diagnostic at libyaml's
/// 1-based line and column, thrown when the caller reaches the place where parsing stopped.
struct YAMLEvents {
    /// Texts at least this long are parsed on a background thread; for shorter ones starting a
    /// thread costs more than it saves.
    static let backgroundThreshold = 64 * 1024

    private let producer: Producer
    private var batch = Batch()
    private var position = 0

    /// Starts parsing `bytes`, which must stay valid until `finish()` has returned; on a
    /// background thread when `background` says so, or else when the text is large.
    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String, background: Bool? = nil) {
        producer = Producer(bytes: bytes, file: file)
        if background ?? (bytes.count >= Self.backgroundThreshold) {
            let producer = producer
            DispatchQueue.global(qos: .userInitiated).async { producer.run() }
        } else {
            producer.run()
        }
    }

    /// The next event; throws the syntax error that stopped the parse once every event before it
    /// has been read.
    mutating func next() throws(Diagnostic) -> YAMLEvent {
        while position == batch.events.count {
            batch = try producer.queue.take()
            position = 0
        }
        defer { position += 1 }
        return batch.events[position]
    }

    /// The text of a range of the last event read (`YAMLEvent.text` or `anchor`).
    func text(_ range: Range<Int32>) -> String {
        String(decoding: batch.bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
    }

    /// Stops the parse if it is still running and waits for libyaml to let go of the text.
    func finish() {
        producer.stop()
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

    /// Batches handed from the parsing thread to the building one.
    final class Queue: Sendable {
        private let state = Mutex<(batches: [Batch], end: Result<Void, Diagnostic>?)>(([], nil))
        private let arrived = DispatchSemaphore(value: 0)

        func put(_ batch: Batch) {
            state.withLock { $0.batches.append(batch) }
            arrived.signal()
        }

        /// Marks the end: every event is queued (`.success`) or parsing stopped at a failure.
        func end(_ result: Result<Void, Diagnostic>) {
            state.withLock { $0.end = result }
            arrived.signal()
        }

        /// The next batch, waiting for it when parsing has not got that far.
        func take() throws(Diagnostic) -> Batch {
            while true {
                let next: Result<Batch, Diagnostic>? = state.withLock { state in
                    if !state.batches.isEmpty { return .success(state.batches.removeFirst()) }
                    switch state.end {
                    case nil: return nil
                    case .failure(let error): return .failure(error)
                    case .success: return .failure(Diagnostic(at: SourceLocation(file: "", line: 1, column: 1),
                                                              "YAML syntax error: the text ended early"))
                    }
                }
                if let next { return try next.get() }
                arrived.wait()
            }
        }
    }

    /// Runs libyaml over the text and queues what it finds.
    final class Producer: @unchecked Sendable {
        // libyaml's parser and the text are used by `run` alone, on whichever thread runs it;
        // `stop` waits for `run` to end before anything is freed.
        private let parser: UnsafeMutablePointer<yaml_parser_t>
        private let bytes: UnsafeBufferPointer<UInt8>
        private let file: String
        let queue = Queue()
        private let stopping = Atomic<Bool>(false)
        private let done = DispatchSemaphore(value: 0)
        private let stopped = Atomic<Bool>(false)

        init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
            self.bytes = bytes
            self.file = file
            // libyaml keeps a pointer to the parser, so it must not move: allocate it.
            parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            parser.initialize(to: yaml_parser_t())
        }

        deinit {
            parser.deinitialize(count: 1)
            parser.deallocate()
        }

        func run() {
            defer { done.signal() }
            guard yaml_parser_initialize(parser) == 1 else {
                queue.end(.failure(Diagnostic(at: location(1, 1), "cannot start the YAML parser")))
                return
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var batch = Batch.empty()
            var documents = 0
            var event = yaml_event_t()
            while !stopping.load(ordering: .relaxed) {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    queue.put(batch)
                    queue.end(.failure(error()))
                    return
                }
                let record = Self.record(of: &event, into: &batch.bytes)
                yaml_event_delete(&event)
                batch.events.append(record)
                if record.kind == .documentStart { documents += 1 }
                // Nothing after a second document is read: one document is all a file may hold.
                if record.kind == .streamEnd || documents > 1 { break }
                if batch.events.count == Batch.capacity {
                    queue.put(batch)
                    batch = Batch.empty()
                }
            }
            queue.put(batch)
            queue.end(.success(()))
        }

        /// Asks `run` to stop and waits until it has (once; later calls return at once).
        func stop() {
            stopping.store(true, ordering: .relaxed)
            guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
            done.wait()
        }

        private static func record(of event: inout yaml_event_t, into bytes: inout [UInt8]) -> YAMLEvent {
            var record = YAMLEvent(kind: .streamStart, style: .plain, line: Int32(clamping: event.start_mark.line + 1),
                                   column: Int32(clamping: event.start_mark.column + 1), text: 0..<0, anchor: 0..<0)
            func append(_ pointer: UnsafePointer<yaml_char_t>?, count: Int? = nil) -> Range<Int32> {
                guard let pointer else { return 0..<0 }
                let start = Int32(clamping: bytes.count)
                var length = 0
                if let count { length = count } else { while pointer[length] != 0 { length += 1 } }
                bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
                return start..<Int32(clamping: bytes.count)
            }
            switch event.type {
            case YAML_STREAM_START_EVENT: record.kind = .streamStart
            case YAML_DOCUMENT_START_EVENT: record.kind = .documentStart
            case YAML_DOCUMENT_END_EVENT: record.kind = .documentEnd
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                record.kind = .scalar
                record.style = style(scalar.style)
                record.text = append(scalar.value, count: scalar.length)
                record.anchor = append(scalar.anchor)
            case YAML_SEQUENCE_START_EVENT:
                record.kind = .sequenceStart
                record.anchor = append(event.data.sequence_start.anchor)
            case YAML_SEQUENCE_END_EVENT: record.kind = .sequenceEnd
            case YAML_MAPPING_START_EVENT:
                record.kind = .mappingStart
                record.anchor = append(event.data.mapping_start.anchor)
            case YAML_MAPPING_END_EVENT: record.kind = .mappingEnd
            case YAML_ALIAS_EVENT:
                record.kind = .alias
                record.text = append(event.data.alias.anchor)
            default: record.kind = .streamEnd
            }
            return record
        }

        private static func style(_ style: yaml_scalar_style_t) -> YAMLTree.Scalar.Style {
            switch style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        }

        private func location(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: column)
        }

        /// libyaml's error, in its words, at its position.
        private func error() -> Diagnostic {
            let parser = self.parser.pointee
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
            if parser.error == YAML_READER_ERROR {
                let (line, column) = Self.lineAndColumn(atByte: parser.problem_offset, in: bytes)
                return Diagnostic(at: location(line, column), "the file is not readable text: \(problem)")
            }
            let mark = parser.problem_mark
            let context = parser.context.map {
                " (\(String(cString: $0)) that started at line \(parser.context_mark.line + 1))"
            } ?? ""
            // At the end of a text without a final newline libyaml can count lines past the last
            // one; a location must point into the file, so past-the-end becomes the end of the text.
            let lastLine = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let (line, column) = Int(mark.line) + 1 > lastLine
                ? Self.lineAndColumn(atByte: bytes.count, in: bytes)
                : (Int(mark.line) + 1, Int(mark.column) + 1)
            return Diagnostic(at: location(line, column), "YAML syntax error: \(problem)\(context)")
        }

        private static func lineAndColumn(atByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
            var line = 1
            var column = 1
            for byte in bytes.prefix(offset) {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }
    }
}
