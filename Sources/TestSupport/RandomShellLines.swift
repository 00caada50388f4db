/// Random lines for fuzzing the shell: commands with random arguments, answers, control
/// characters, very long lines and Unicode. Deterministic for a seed.
public struct RandomShellLines {
    private var random: SplitMix64
    let words: [String]

    /// - Parameter words: words worth typing (command names, playbook ids, choices).
    public init(seed: UInt64, words: [String]) {
        random = SplitMix64(seed: seed)
        self.words = words + ["y", "n", "yes", "no", "on", "off", "1", "2", "0", "-1", "", " ", "example.com/lib@v1.0.0"]
    }

    static let oddPieces = [
        "\u{0}", "\u{1B}[A", "\u{7F}", "\t", "\r", "\u{3}", "\u{4}", "é", "💥", "\u{202E}",
        "\u{FEFF}", "{{module}}", "--upload-pack=x", "; rm -rf ~", "$(id)", "'", "\"", "\\"
    ]

    /// The next line (without a newline).
    public mutating func next() -> String {
        switch random.below(6) {
        case 0:  // a very long line
            return String(repeating: pick(words + Self.oddPieces), count: 1_000 + random.below(20_000))
        case 1:  // control characters and Unicode
            return (0..<(1 + random.below(8))).map { _ in pick(Self.oddPieces + words) }.joined()
        default:  // a word and some arguments
            return (0..<(1 + random.below(4))).map { _ in pick(words) }.joined(separator: " ")
        }
    }

    private mutating func pick(_ items: [String]) -> String { items[random.below(items.count)] }
}
