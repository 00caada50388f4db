import Yams

/// Counts the YAML nodes the loader reads and stops it at a limit, so that a small hostile text
/// cannot keep it busy for hours.
///
/// Yams parses a text into a tree in which every alias (`*name`) shares the node its anchor
/// (`&name`) marks, so parsing stays as cheap as the text is long. Reading that tree is not:
/// nine lists of nine aliases to the list before are a 700-byte text that reads as nine to the
/// ninth (387 million) nodes, the "billion laughs". Each reader counts the children of a list or
/// mapping as it opens it, so an alias costs again every time it is read.
///
/// The limit (`PlaybookLoader.defaultNodeLimit`, one million) is far beyond any playbook written
/// by hand: the shipped ones read under 700 nodes each, a generated 1 000-step playbook about
/// 30 000. Reading a million nodes takes a few tenths of a second, so a bomb ends quickly.
final class NodeBudget {
    /// How many nodes a file may have, counting every alias as a full copy of its anchor's node.
    let limit: Int
    private(set) var spent = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts `count` nodes as read; past the limit, throws an error at the first node beyond
    /// it (`node(i)` is the `i`th of them, from 0).
    func spend(_ count: Int, reading: NodeReading, node: (Int) -> Node) throws(Diagnostic) {
        spent += count
        guard spent > limit else { return }
        let beyond = max(0, count - (spent - limit))
        throw Diagnostic(
            at: reading.location(of: node(beyond)),
            """
            this file holds more than \(limit) values, counting each use of an alias (*name) as a full copy \
            of what it names; gotriage stops reading here (use fewer aliases, or split the file)
            """)
    }
}
