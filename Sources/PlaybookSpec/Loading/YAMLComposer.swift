/// Builds a `YAMLTree` from the parse events of a text (see `YAMLEvents`).
///
/// Yams' own `compose` builds a richer tree (tags, resolvers, anchors) and refuses repeated
/// mapping keys; this composer does only what playbooks need and is several times faster,
/// which the 10 000-step load budget requires.
struct YAMLComposer {
    let file: String
    /// How to parse; nil leaves it to the text's size (see `YAMLEvents`).
    var parsing: Parsing?

    enum Parsing {
        case onThisThread, inBackground
        /// In halves on two threads when `YAMLSplit` finds a cut and the halves fit; else whole,
        /// in the background.
        case inHalves
    }

    func compose(_ text: String) throws(Diagnostic) -> YAMLTree {
        var text = text
        let result: Result<YAMLTree, Diagnostic> = text.withUTF8 { bytes in
            let parsing = parsing ?? (bytes.count >= YAMLEvents.halvesThreshold ? .inHalves
                : bytes.count >= YAMLEvents.backgroundThreshold ? .inBackground : .onThisThread)
            if parsing == .inHalves, let split = YAMLSplit(bytes) {
                // A syntax error or misfit in a half is no proof of one in the whole text: on any
                // error the text is parsed whole, which finds the true error.
                if case .success(let tree) = compose(bytes, strategy: .inHalves(split)) { return .success(tree) }
            }
            return compose(bytes, strategy: parsing == .onThisThread ? .onThisThread : .inBackground)
        }
        return try result.get()
    }

    /// The tree of `bytes`, parsed as `strategy` says, with no second try.
    func compose(_ bytes: UnsafeBufferPointer<UInt8>, strategy: YAMLEvents.Strategy) -> Result<YAMLTree, Diagnostic> {
        let events = YAMLEvents(bytes, file: file, strategy: strategy)
        var session = Session(events: events, composer: self, size: bytes.count)
        defer { session.events.finish() }
        return Result { () throws(Diagnostic) in try session.document() }
    }

    func location(_ line: Int32, _ column: Int32) -> SourceLocation {
        SourceLocation(file: file, line: Int(line), column: Int(column))
    }

    /// One pass over the events of one text, filling the tree's tables.
    private struct Session {
        var events: YAMLEvents
        let composer: YAMLComposer
        var anchors: [String: YAMLNode] = [:]
        var nodes: [YAMLTree.Node] = []
        var strings: [String] = []
        var children: [YAMLNode] = []
        /// The children read so far of every collection still open, innermost last.
        var pending: [YAMLNode] = []

        init(events: YAMLEvents, composer: YAMLComposer, size: Int) {
            self.events = events
            self.composer = composer
            // About one node per 6 bytes in playbooks; reserving saves re-copying large tables.
            nodes.reserveCapacity(size / 6)
            children.reserveCapacity(size / 6)
            strings.reserveCapacity(size / 10)
        }

        mutating func document() throws(Diagnostic) -> YAMLTree {
            _ = try events.next()  // stream start
            let start = try events.next()
            guard start.kind == .documentStart else {
                throw Diagnostic(at: composer.location(1, 1), "the file is empty; a playbook starts with 'gotriage: 1'")
            }
            let root = try node(try events.next())
            _ = try events.next()  // document end
            let after = try events.next()
            if after.kind == .documentStart {
                throw Diagnostic(at: composer.location(after.line, after.column),
                                 "a playbook file holds one YAML document; remove this second one (and its '---')")
            }
            return YAMLTree(root: root, nodes: nodes, strings: strings, children: children)
        }

        /// Reads the node that `event` starts (texts are taken from `events` before it moves on).
        mutating func node(_ event: YAMLEvent) throws(Diagnostic) -> YAMLNode {
            let node = YAMLNode(index: nodes.count)
            let anchor = event.anchor.isEmpty ? nil : events.text(event.anchor)
            switch event.kind {
            case .scalar:
                strings.append(events.text(event.text))
                nodes.append(YAMLTree.Node(kind: .scalar, style: event.style, line: event.line, column: event.column,
                                           start: Int32(strings.count - 1), count: 0))
            case .sequenceStart:
                nodes.append(YAMLTree.Node(kind: .sequence, style: .plain, line: event.line, column: event.column,
                                           start: 0, count: 0))
                let open = pending.count
                while true {
                    let inner = try events.next()
                    if inner.kind == .sequenceEnd { break }
                    pending.append(try self.node(inner))
                }
                close(node, openedAt: open)
            case .mappingStart:
                nodes.append(YAMLTree.Node(kind: .mapping, style: .plain, line: event.line, column: event.column,
                                           start: 0, count: 0))
                let open = pending.count
                while true {
                    let key = try events.next()
                    if key.kind == .mappingEnd { break }
                    pending.append(try self.node(key))
                    pending.append(try self.node(try events.next()))
                }
                close(node, openedAt: open)
            case .alias:
                let name = events.text(event.text)
                guard let target = anchors[name] else {
                    throw Diagnostic(at: composer.location(event.line, event.column),
                                     "YAML syntax error: '*\(name)' refers to no '&\(name)' above it")
                }
                return target
            default:
                throw Diagnostic(at: composer.location(event.line, event.column), "YAML syntax error: unexpected content")
            }
            if let anchor { anchors[anchor] = node }
            return node
        }

        /// Moves the children of the collection `node` (pending since `open`) into the tree.
        private mutating func close(_ node: YAMLNode, openedAt open: Int) {
            nodes[node.index].start = Int32(children.count)
            nodes[node.index].count = Int32(pending.count - open)
            children.append(contentsOf: pending[open...])
            pending.removeSubrange(open...)
        }
    }
}
