internal import CYaml

/// Builds a `YAMLTree` straight from libyaml's parse events (libyaml ships inside Yams).
///
/// Yams' own `compose` builds a richer tree (tags, resolvers, anchors) and refuses repeated
/// mapping keys; this composer does only what playbooks need and is several times faster,
/// which the 10 000-step load budget requires. YAML syntax errors become diagnostics at libyaml's
/// 1-based line and column.
struct YAMLComposer {
    let file: String

    func compose(_ text: String) throws(Diagnostic) -> YAMLTree {
        var text = text
        let result: Result<YAMLTree, Diagnostic> = text.withUTF8 { bytes in
            // libyaml keeps a pointer to the parser, so it must not move: allocate it.
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            parser.initialize(to: yaml_parser_t())
            defer { parser.deinitialize(count: 1); parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else {
                return .failure(Diagnostic(at: location(1, 1), "cannot start the YAML parser"))
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var session = Session(parser: parser, composer: self, bytes: bytes)
            return Result { () throws(Diagnostic) in try session.document() }
        }
        return try result.get()
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// One pass over the events of one text, filling the tree's tables.
    private struct Session {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let composer: YAMLComposer
        let bytes: UnsafeBufferPointer<UInt8>
        var anchors: [String: YAMLNode] = [:]
        var nodes: [YAMLTree.Node] = []
        var strings: [String] = []
        var children: [YAMLNode] = []
        /// The children read so far of every collection still open, innermost last.
        var pending: [YAMLNode] = []

        init(parser: UnsafeMutablePointer<yaml_parser_t>, composer: YAMLComposer, bytes: UnsafeBufferPointer<UInt8>) {
            self.parser = parser
            self.composer = composer
            self.bytes = bytes
            // About one node per 6 bytes in playbooks; reserving saves re-copying large tables.
            nodes.reserveCapacity(bytes.count / 6)
            children.reserveCapacity(bytes.count / 6)
            strings.reserveCapacity(bytes.count / 10)
        }

        mutating func document() throws(Diagnostic) -> YAMLTree {
            var event = try next()  // stream start
            yaml_event_delete(&event)
            event = try next()
            defer { yaml_event_delete(&event) }
            guard event.type == YAML_DOCUMENT_START_EVENT else {
                throw Diagnostic(at: composer.location(1, 1), "the file is empty; a playbook starts with 'gotriage: 1'")
            }
            var first = try next()
            let root = try node(&first)
            var end = try next()  // document end
            yaml_event_delete(&end)
            var after = try next()
            defer { yaml_event_delete(&after) }
            if after.type == YAML_DOCUMENT_START_EVENT {
                let mark = after.start_mark
                throw Diagnostic(at: composer.location(Int(mark.line) + 1, Int(mark.column) + 1),
                                 "a playbook file holds one YAML document; remove this second one (and its '---')")
            }
            return YAMLTree(root: root, nodes: nodes, strings: strings, children: children)
        }

        /// Reads the node that `event` starts; deletes `event`.
        mutating func node(_ event: inout yaml_event_t) throws(Diagnostic) -> YAMLNode {
            defer { yaml_event_delete(&event) }
            let line = Int32(clamping: event.start_mark.line + 1)
            let column = Int32(clamping: event.start_mark.column + 1)
            let node = YAMLNode(index: nodes.count)
            var anchor: UnsafeMutablePointer<yaml_char_t>?
            switch event.type {
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                anchor = data.anchor
                strings.append(String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self))
                nodes.append(YAMLTree.Node(kind: .scalar, style: Self.style(data.style), line: line, column: column,
                                           start: Int32(strings.count - 1), count: 0))
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
                nodes.append(YAMLTree.Node(kind: .sequence, style: .plain, line: line, column: column, start: 0, count: 0))
                let open = pending.count
                while true {
                    var inner = try next()
                    if inner.type == YAML_SEQUENCE_END_EVENT { yaml_event_delete(&inner); break }
                    pending.append(try self.node(&inner))
                }
                close(node, openedAt: open)
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
                nodes.append(YAMLTree.Node(kind: .mapping, style: .plain, line: line, column: column, start: 0, count: 0))
                let open = pending.count
                while true {
                    var keyEvent = try next()
                    if keyEvent.type == YAML_MAPPING_END_EVENT { yaml_event_delete(&keyEvent); break }
                    pending.append(try self.node(&keyEvent))
                    var valueEvent = try next()
                    pending.append(try self.node(&valueEvent))
                }
                close(node, openedAt: open)
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard let target = anchors[name] else {
                    throw Diagnostic(at: composer.location(Int(line), Int(column)),
                                     "YAML syntax error: '*\(name)' refers to no '&\(name)' above it")
                }
                return target
            default:
                throw Diagnostic(at: composer.location(Int(line), Int(column)), "YAML syntax error: unexpected content")
            }
            if let anchor { anchors[String(cString: anchor)] = node }
            return node
        }

        /// Moves the children of the collection `node` (pending since `open`) into the tree.
        private mutating func close(_ node: YAMLNode, openedAt open: Int) {
            nodes[node.index].start = Int32(children.count)
            nodes[node.index].count = Int32(pending.count - open)
            children.append(contentsOf: pending[open...])
            pending.removeSubrange(open...)
        }

        mutating func next() throws(Diagnostic) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
            return event
        }

        /// libyaml's error, in its words, at its position.
        func error() -> Diagnostic {
            let parser = self.parser.pointee
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
            if parser.error == YAML_READER_ERROR {
                let (line, column) = Self.lineAndColumn(atByte: parser.problem_offset, in: bytes)
                return Diagnostic(at: composer.location(line, column), "the file is not readable text: \(problem)")
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
            return Diagnostic(at: composer.location(line, column), "YAML syntax error: \(problem)\(context)")
        }

        static func style(_ style: yaml_scalar_style_t) -> YAMLTree.Scalar.Style {
            switch style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        }

        static func lineAndColumn(atByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
            var line = 1
            var column = 1
            for byte in bytes.prefix(offset) {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }
    }
}
