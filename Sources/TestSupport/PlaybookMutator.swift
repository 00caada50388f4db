/// Makes broken variants of a playbook text for fuzzing the loader: byte flips, deleted,
/// duplicated and swapped lines, changed indentation, random keys and values, truncation, and
/// now and then a "billion laughs" (lists of aliases to lists of aliases) used as a value or a key.
///
/// Deterministic for a seed, so a failing input can be made again from the seed alone.
public struct PlaybookMutator {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Keys and values that mean something to the loader, so mutations reach deep code paths.
    static let keys = [
        "gotriage", "id", "title", "summary", "start", "inputs", "steps", "say", "run", "argv",
        "timeout", "capture", "stdout", "stderr", "output", "env", "pending", "ask", "question",
        "into", "choices", "pattern", "default", "fix", "reason", "set", "unset", "done",
        "outcome", "cause", "conclusion", "jump", "next", "branch", "if", "goto", "else",
        "exit", "in", "matches", "contains", "var", "goenv", "equals", "empty", "not", "all", "any",
        "timed-out", "interrupted", "applied"
    ]
    static let values = [
        "", "~", "null", "0", "-1", "99999999999999999999", "1ms", "10s", "2m", "0s", "3h",
        "[]", "{}", "[a, b]", "{a: b}", "'{{'", "'{{ x'", "'}}'", "'{{module}}'", "'{{1bad}}'",
        "'(?<g>x'", "'(?<g>a)+'", "'[z-a]'", "resolved", "not-resolved", "escalate", "maybe",
        "&anchor x", "*anchor", "*nowhere", "!!binary aGk=", "|", ">-", "\"\\u0000\"", "'é'",
        "\"\\xff\"", "true", "yes", "- x", "? x", ": x", "%YAML 1.2", "---", "...", "@", "`",
        "check-go", "exit-status-128:check-go", "nowhere:nothing", "GOPROXY", "GOFLAGS"
    ]

    /// One mutated copy of `text` (1 to 3 mutations).
    public mutating func mutate(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0...random.below(3) { mutate(&lines) }
        return lines.joined(separator: "\n")
    }

    private mutating func mutate(_ lines: inout [String]) {
        if lines.isEmpty { lines = [""] }
        let at = random.below(lines.count)
        if random.below(50) == 0 {
            insertAliasBomb(into: &lines, at: at)
            return
        }
        switch random.below(10) {
        case 0:  // flip a byte
            var bytes = Array(lines[at].utf8)
            if bytes.isEmpty { bytes = [0x20] }
            bytes[random.below(bytes.count)] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            lines[at] = String(decoding: bytes, as: UTF8.self)
        case 1: lines.remove(at: at)
        case 2: lines.insert(lines[at], at: at)
        case 3:  // indent or dedent
            let line = lines[at]
            lines[at] =
                random.below(2) == 0
                ? String(repeating: " ", count: 1 + random.below(4)) + line
                : String(line.dropFirst(1 + random.below(4)))
        case 4:  // a random key: value line at a random indentation
            let indent = String(repeating: " ", count: 2 * random.below(5))
            lines.insert("\(indent)\(pick(Self.keys)): \(pick(Self.values))", at: at)
        case 5:  // replace a value
            if let colon = lines[at].firstIndex(of: ":") {
                lines[at] = String(lines[at][...colon]) + " " + pick(Self.values)
            }
        case 6:  // replace a key
            let line = lines[at]
            if let colon = line.firstIndex(of: ":") {
                let indent = line.prefix { $0 == " " || $0 == "-" }
                lines[at] = indent + pick(Self.keys) + line[colon...]
            }
        case 7:  // swap two lines
            lines.swapAt(at, random.below(lines.count))
        case 8:  // truncate
            lines.removeLast(random.below(lines.count))
        default:  // a tab, a control character or a multi-byte character into a line
            let line = lines[at]
            let cut = line.index(line.startIndex, offsetBy: random.below(line.count + 1))
            let piece = pick(["\t", "\u{0}", "\u{1B}", "\r", "é", "💥", "\u{FEFF}", "{{", "}}", "'", "\""])
            lines[at] = String(line[..<cut]) + piece + String(line[cut...])
        }
    }

    /// Anchors `&l0` … `&l8` at the top, each a list of six aliases to the one before (six to
    /// the ninth nodes in all), and `*l8` as the value or the key of the line at `at`.
    private mutating func insertAliasBomb(into lines: inout [String], at: Int) {
        var line = lines[at]
        let level = random.below(9)
        if random.below(2) == 0, let colon = line.firstIndex(of: ":") {
            line = String(line[...colon]) + " *l\(level)"
        } else {
            line = String(line.prefix { $0 == " " }) + "*l\(level) : x"
        }
        lines[at] = line
        let bomb =
            ["x-laughs:", "  - &l0 {exit: 0}"]
            + (1..<9).map { level in
                "  - &l\(level) {all: [" + Array(repeating: "*l\(level - 1)", count: 6).joined(separator: ", ") + "]}"
            }
        let top = lines.firstIndex { !$0.hasPrefix("#") } ?? 0
        lines.insert(contentsOf: bomb, at: top)
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }
}

/// A small, fast, seedable random generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is 0 or less).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }
}
