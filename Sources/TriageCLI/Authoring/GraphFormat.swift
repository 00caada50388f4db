/// How `gotriage graph` writes a `PlaybookGraph`: Mermaid (renders on the common code hosts) or
/// Graphviz DOT (`dot -Tsvg`).
enum GraphFormat: String, CaseIterable {
    case mermaid, dot

    func render(_ graph: PlaybookGraph) -> String {
        switch self {
        case .mermaid: Self.mermaid(graph)
        case .dot: Self.dot(graph)
        }
    }

    // MARK: - Mermaid

    private static func mermaid(_ graph: PlaybookGraph) -> String {
        var ids: [String: String] = [:]
        for (index, node) in graph.nodes.enumerated() { ids[node.id] = "n\(index)" }
        var lines = ["flowchart TD", "  %% \(graph.title)"]
        lines.append("  start((start)) --> \(ids[graph.start] ?? "n0")")
        for node in graph.nodes {
            let text = node.lines.map(mermaidText).joined(separator: "<br/>")
            let (open, close) = mermaidShape(node.kind)
            lines.append("  \(ids[node.id] ?? "n0")\(open)\"\(text)\"\(close):::\(className(node.kind))")
        }
        for edge in graph.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            lines.append(edge.label.isEmpty ? "  \(from) --> \(to)" : "  \(from) -- \"\(mermaidText(edge.label))\" --> \(to)")
        }
        lines += [
            "  classDef run fill:#eef4ff,stroke:#4a6fa5",
            "  classDef ask fill:#fff8e1,stroke:#b08900",
            "  classDef fix fill:#f3e8ff,stroke:#7b3fbf",
            "  classDef message fill:#f5f5f5,stroke:#888",
            "  classDef jump fill:#f5f5f5,stroke:#888",
            "  classDef resolved fill:#e6f4ea,stroke:#2e7d32",
            "  classDef notresolved fill:#fdecea,stroke:#c62828",
            "  classDef escalate fill:#fff3e0,stroke:#ef6c00",
            "  classDef elsewhere fill:#ffffff,stroke:#888,stroke-dasharray:4 3"
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mermaidShape(_ kind: PlaybookGraph.Kind) -> (String, String) {
        switch kind {
        case .run: ("[", "]")
        case .ask: ("[/", "/]")
        case .fix: ("{{", "}}")
        case .message: ("(", ")")
        case .jump, .elsewhere: ("[[", "]]")
        case .resolved, .notResolved, .escalate: ("([", "])")
        }
    }

    private static func className(_ kind: PlaybookGraph.Kind) -> String {
        kind.rawValue.replacingOccurrences(of: "-", with: "")
    }

    /// Text inside a quoted Mermaid label: its quote and angle brackets as entity codes.
    static func mermaidText(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "#quot;"
            case "<": escaped += "#lt;"
            case ">": escaped += "#gt;"
            case "#": escaped += "#35;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    // MARK: - DOT

    private static func dot(_ graph: PlaybookGraph) -> String {
        var lines = [
            "digraph \(dotString(graph.title)) {",
            "  rankdir=TB;",
            "  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=\"#ffffff\"];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
            "  \"(start)\" [shape=circle, label=\"start\"];",
            "  \"(start)\" -> \(dotString(graph.start));"
        ]
        for node in graph.nodes {
            let (shape, fill) = dotStyle(node.kind)
            lines.append(
                "  \(dotString(node.id)) [shape=\(shape), fillcolor=\"\(fill)\", label=\(dotString(node.lines.joined(separator: "\n")))];")
        }
        for edge in graph.edges {
            let label = edge.label.isEmpty ? "" : " [label=\(dotString(edge.label))]"
            lines.append("  \(dotString(edge.from)) -> \(dotString(edge.to))\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func dotStyle(_ kind: PlaybookGraph.Kind) -> (String, String) {
        switch kind {
        case .run: ("box", "#eef4ff")
        case .ask: ("parallelogram", "#fff8e1")
        case .fix: ("hexagon", "#f3e8ff")
        case .message: ("note", "#f5f5f5")
        case .jump: ("cds", "#f5f5f5")
        case .elsewhere: ("box", "#ffffff")
        case .resolved: ("ellipse", "#e6f4ea")
        case .notResolved: ("ellipse", "#fdecea")
        case .escalate: ("ellipse", "#fff3e0")
        }
    }

    /// A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`.
    static func dotString(_ text: String) -> String {
        var escaped = "\""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped + "\""
    }
}
