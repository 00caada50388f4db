/// Finds which of many byte strings occur in a text in one pass (Aho–Corasick over bytes).
///
/// The diagnoser gives it every required literal of every signature pattern; a log line that
/// contains none of them cannot match any signature and is not read further.
struct LiteralScanner: Sendable {
    /// `transitions[state * 256 + byte]`: the next state.
    private let transitions: [Int32]
    /// The literal indices that end at each state (its own and those of its suffix links).
    private let outputs: [[Int]]
    let count: Int

    init(_ literals: [[UInt8]]) {
        count = literals.count
        var goto: [[Int32]] = [[Int32](repeating: -1, count: 256)]
        var out: [[Int]] = [[]]
        for (index, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                if goto[state][Int(byte)] < 0 {
                    goto.append([Int32](repeating: -1, count: 256))
                    out.append([])
                    goto[state][Int(byte)] = Int32(goto.count - 1)
                }
                state = Int(goto[state][Int(byte)])
            }
            out[state].append(index)
        }
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[0][byte]
            if next < 0 {
                goto[0][byte] = 0
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
            for byte in 0..<256 {
                let next = goto[state][byte]
                if next < 0 {
                    goto[state][byte] = goto[fail[state]][byte]
                } else {
                    fail[Int(next)] = Int(goto[fail[state]][byte])
                    queue.append(Int(next))
                }
            }
        }
        transitions = goto.flatMap { $0 }
        outputs = out
    }

    /// Whether each literal occurs in `text`.
    func scan(_ text: String, into found: inout [Bool]) {
        var text = text
        text.withUTF8 { bytes in
            var state = 0
            transitions.withUnsafeBufferPointer { table in
                for byte in bytes {
                    state = Int(table[state &* 256 &+ Int(byte)])
                    for index in outputs[state] { found[index] = true }
                }
            }
        }
    }
}
