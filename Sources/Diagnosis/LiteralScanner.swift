/// Finds which of many byte strings occur in a text in one pass (Aho–Corasick over bytes).
///
/// The diagnoser gives it every required literal of every signature pattern; a log line that
/// contains none of them cannot match any signature and is not read further. Bytes that no
/// literal holds all act alike, so the table has one column per byte the literals hold (plus one
/// for all others) rather than 256: a tenth of the memory to build and to touch.
struct LiteralScanner: Sendable {
    /// `column[byte]`: the table column of a byte (0 for a byte no literal holds).
    private let column: [Int32]
    /// `transitions[state * width + column]`: the next state.
    private let transitions: [Int32]
    private let width: Int
    /// The literal indices that end at each state (its own and those of its suffix links).
    private let outputs: [[Int]]
    let count: Int

    init(_ literals: [[UInt8]]) {
        count = literals.count
        var column = [Int32](repeating: 0, count: 256)
        var width = 1
        for byte in literals.joined() where column[Int(byte)] == 0 {
            column[Int(byte)] = Int32(width)
            width += 1
        }
        var goto: [[Int32]] = [[Int32](repeating: -1, count: width)]
        var out: [[Int]] = [[]]
        for (index, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                let slot = Int(column[Int(byte)])
                if goto[state][slot] < 0 {
                    goto.append([Int32](repeating: -1, count: width))
                    out.append([])
                    goto[state][slot] = Int32(goto.count - 1)
                }
                state = Int(goto[state][slot])
            }
            out[state].append(index)
        }
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for slot in 0..<width {
            let next = goto[0][slot]
            if next < 0 {
                goto[0][slot] = 0
            } else {
                fail[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            out[state] += out[fail[state]]
            for slot in 0..<width {
                let next = goto[state][slot]
                if next < 0 {
                    goto[state][slot] = goto[fail[state]][slot]
                } else {
                    fail[Int(next)] = Int(goto[fail[state]][slot])
                    queue.append(Int(next))
                }
            }
        }
        self.column = column
        self.width = width
        transitions = goto.flatMap { $0 }
        outputs = out
    }

    /// Whether each literal occurs in `text`.
    func scan(_ text: String, into found: inout [Bool]) {
        var text = text
        text.withUTF8 { bytes in
            var state = 0
            column.withUnsafeBufferPointer { column in
                transitions.withUnsafeBufferPointer { table in
                    for byte in bytes {
                        state = Int(table[state &* width &+ Int(column[Int(byte)])])
                        for index in outputs[state] { found[index] = true }
                    }
                }
            }
        }
    }
}
