internal import CYaml
import Dispatch
import Synchronization

/// Runs libyaml (which ships inside Yams) over a text and queues its events in batches; the only
/// code that talks to libyaml.
///
/// A producer parses a whole text, or one half of one (`Role`). A half checks that it fits the
/// other exactly as `YAMLSplit` promises; when it does not, it ends in a failure, as it does at
/// a YAML syntax error.
final class YAMLEventProducer: @unchecked Sendable {
    enum Role {
        case whole
        /// The text before the cut: must end inside a block mapping indented to `keyColumn`,
        /// the root's last value; the last four events (the ends of that mapping, the root, the
        /// document and the stream) are held back to be read after the other half.
        case head(keyColumn: Int32)
        /// The text from the cut on: must be one block mapping indented to `keyColumn` and
        /// starting on its first line, whose pairs continue the head's mapping; the three events
        /// around them at each end (stream, document and mapping) are dropped. Its lines count
        /// from the cut (`YAMLEvents` moves them to the whole text's).
        case rest(keyColumn: Int32)
    }

    // libyaml's parser and the text are used by `run` alone, on whichever thread runs it; `stop`
    // waits for `run` to end before anything is freed.
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private let role: Role
    let queue = YAMLEvents.Queue()
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, role: Role) {
        self.bytes = bytes
        self.file = file
        self.role = role
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
        var fit = Fit(role: role)
        // A full batch is queued only once the next one holds as many events as a half may
        // take off its end: those are then never queued before the end shows their fate.
        var full: YAMLEvents.Batch?
        var batch = YAMLEvents.Batch.empty()
        var documents = 0
        var event = yaml_event_t()
        while !stopping.load(ordering: .relaxed) {
            guard yaml_parser_parse(parser, &event) == 1 else {
                queue.end(.failure(error()))
                return
            }
            let record = Self.record(of: &event, into: &batch.bytes)
            let facts = Fit.Facts(event)
            yaml_event_delete(&event)
            if record.kind == .documentStart { documents += 1 }
            if fit.admit(record, facts) {
                batch.events.append(record)
                if batch.events.count >= Fit.longestTail, let previous = full.take() { queue.put(previous) }
            }
            // Nothing after a second document is read: one document is all a file may hold.
            if record.kind == .streamEnd || documents > 1 { break }
            if batch.events.count == YAMLEvents.Batch.capacity {
                full = batch
                batch = YAMLEvents.Batch.empty()
            }
        }
        var batches = [full, batch].compactMap { $0 }
        switch fit.end(&batches, documents: documents) {
        case .success(let heldBack):
            batches.forEach(queue.put)
            queue.end(.success(heldBack))
        case .failure(let misfit):
            queue.end(.failure(Diagnostic(at: location(1, 1), misfit.message)))
        }
    }

    /// Asks `run` to stop and waits until it has (once; later calls return at once).
    func stop() {
        stopping.store(true, ordering: .relaxed)
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        done.wait()
    }

    // MARK: Halves

    /// Checks, event by event, that a half has the shape its role promises.
    ///
    /// Each check stands for a way two halves could parse cleanly and still differ from the
    /// whole text; `YAMLEventsTests` has a text for each.
    private struct Fit {
        /// What an event says beyond its record.
        struct Facts {
            /// A `{…}` mapping; a tag on a mapping; a document start or end written as `---`, `...`.
            var flowMapping = false, taggedMapping = false, explicitDocumentMarker = false

            init(_ event: yaml_event_t) {
                switch event.type {
                case YAML_MAPPING_START_EVENT:
                    flowMapping = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    taggedMapping = event.data.mapping_start.tag != nil
                case YAML_DOCUMENT_START_EVENT: explicitDocumentMarker = event.data.document_start.implicit == 0
                case YAML_DOCUMENT_END_EVENT: explicitDocumentMarker = event.data.document_end.implicit == 0
                default: break
                }
            }
        }

        /// The most events a half takes off its end.
        static let longestTail = 4
        /// Deeper than this, a half refuses: libyaml's nesting limit (1000) would stop the whole
        /// text one level before the rest, which has no root around it.
        static let deepest = 500

        let role: Role
        private var count = 0
        private var depth = 0
        private var misfit = false
        private var rootIsBlockMapping = false
        /// The head's latest mapping directly in the root: whether it is a plain block mapping (no
        /// `{…}`, anchor or tag), and its column.
        private var lastChild: (block: Bool, column: Int32)?
        /// The line of the head's latest node. A node on the cut's line was made up by libyaml
        /// at the end of the half (an empty value), where the whole text puts it elsewhere.
        private var lastNodeLine: Int32 = 0

        init(role: Role) { self.role = role }

        /// Whether `event` goes to the reader (the rest drops its first three).
        mutating func admit(_ event: YAMLEvent, _ facts: Facts) -> Bool {
            defer { count += 1 }
            switch event.kind {
            case .sequenceStart, .mappingStart: depth += 1
            case .sequenceEnd, .mappingEnd: depth -= 1
            default: break
            }
            if depth > Self.deepest { misfit = true }
            switch role {
            case .whole:
                return true
            case .head:
                switch event.kind {
                case .scalar, .alias, .sequenceStart, .mappingStart: lastNodeLine = event.line
                case .documentEnd: if facts.explicitDocumentMarker { misfit = true }
                default: break
                }
                if event.kind == .mappingStart, depth == 1 { rootIsBlockMapping = !facts.flowMapping }
                // An anchor or tag before the first key moves the event's column off the keys'.
                if event.kind == .mappingStart, depth == 2 {
                    lastChild = (!facts.flowMapping && !facts.taggedMapping && event.anchor.isEmpty, event.column)
                }
                return true
            case .rest(let keyColumn):
                guard count < 3 else { return true }
                let expected: [YAMLEvent.Kind] = [.streamStart, .documentStart, .mappingStart]
                if event.kind != expected[count] || facts.explicitDocumentMarker { misfit = true }
                if count == 2, facts.flowMapping || facts.taggedMapping || !event.anchor.isEmpty
                    || event.line != 1 || event.column != keyColumn
                {
                    misfit = true
                }
                return false
            }
        }

        /// Checks the end of the half and takes off the last batches' events that its role holds
        /// back (returned) or drops.
        func end(_ batches: inout [YAMLEvents.Batch], documents: Int) -> Result<[YAMLEvent], Misfit> {
            let tail: [YAMLEvent.Kind]
            switch role {
            case .whole: return .success([])
            case .head(let keyColumn):
                guard rootIsBlockMapping, let lastChild, lastChild.block, lastChild.column == keyColumn else {
                    return .failure(Misfit())
                }
                tail = [.mappingEnd, .mappingEnd, .documentEnd, .streamEnd]
            case .rest:
                tail = [.mappingEnd, .documentEnd, .streamEnd]
            }
            guard !misfit, documents == 1 else { return .failure(Misfit()) }
            var taken: [YAMLEvent] = []
            while taken.count < tail.count, let last = batches.indices.last {
                if let event = batches[last].events.popLast() { taken.insert(event, at: 0) } else { batches.removeLast() }
            }
            guard taken.map(\.kind) == tail else { return .failure(Misfit()) }
            guard case .head = role else { return .success([]) }
            // The end of the stream is at the end of the text: the cut's line.
            guard let cutLine = taken.last?.line, lastNodeLine < cutLine else { return .failure(Misfit()) }
            return .success(taken)
        }
    }

    /// A half that does not have the shape its role promises.
    struct Misfit: Error {
        let message = "the halves of the text do not fit together"
    }

    // MARK: Events

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

    // MARK: Errors

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
