import DecisionEngine
import Foundation
import PlaybookSpec

/// Puts hostile values through the argv and environment guards of real walks, and checks every
/// probe that was allowed to run against an oracle of its own.
///
/// Each input is a playbook whose one `run` step has random argv templates and a random GOFLAGS
/// template, built from literal pieces and `{{v1}}`…`{{v3}}`; it is walked with several sets of
/// hostile values (dashes dressed in combining marks, format characters, fullwidth forms, odd
/// white space). The oracle works on what the program would see: in the rendered argv (after
/// argv[0], before a literal `--`) no element may start with a `-` a value put there, and in
/// GOFLAGS no word (split at Unicode white space, as go splits it) may — judged both on the raw
/// bytes and after NFKC without marks and format characters. The playbook's own dashes are
/// marked before rendering, so the oracle never asks the guard where a dash came from.
public struct GuardFuzzer {
    /// What a run found.
    public struct Counts: Sendable, CustomStringConvertible {
        public var playbooks = 0
        /// Playbooks the validator refused (argv[0] from a variable, and so on).
        public var refusedByValidator = 0
        public var walks = 0
        public var ran = 0
        /// Walks that ended `unsafe-argument` without running the probe.
        public var refused = 0
        /// Probes that ran although the oracle says a value became an option or flag.
        public var violations = 0
        public var violationExamples: [String] = []
        /// Walks that ended any other way.
        public var other = 0

        public var description: String {
            "playbooks: \(playbooks) (refused by the validator: \(refusedByValidator)), walks: \(walks), ran: \(ran), "
                + "refused as unsafe: \(refused), oracle violations: \(violations), other endings: \(other)"
        }
    }

    public init() {}

    static let literals = ["", "-", "--", "-x", "--flag=", "x", "ssh://", "a b", "=", "\u{301}", "é", "-mod="]
    static let values = [
        "", "plain", "-x", "--upload-pack=touch /tmp/x", "-\u{301}-upload-pack=x", "\u{200B}-x", "\u{FEFF}-x",
        "\u{2060}-x", "\u{202E}-x", "－x", "\u{301}\u{200D}-x", "\u{20DD}-x", "a -x", "a\t-x", "a\n-x",
        "a\u{A0}-x", "a\u{3000}-x", "a\u{2028}-x", "a\u{85}-x", "x\u{301}-y", "\u{2212}x", "é-x", " -x", "-",
        "--", "\u{0}-x", "\u{1B}[2J", "-toolexec=/tmp/x"
    ]

    /// Runs `count` playbooks made from `seed`, each walked with `valueSets` sets of values.
    public func run(count: Int, seed: UInt64, valueSets: Int = 8) -> Counts {
        var random = SplitMix64(seed: seed)
        var counts = Counts()
        for _ in 0..<count {
            let argv = (0..<(2 + random.below(4))).map { index in
                index == 0 && random.below(20) != 0 ? [Template.Segment.literal("prog")] : Self.template(&random)
            }
            let goflags = Self.template(&random)
            counts.playbooks += 1
            guard
                case .success(let tree) = PlaybookLibrary.load(
                    texts: [("guard.yaml", Self.playbook(argv, goflags))], catalog: FixtureTrees.shippedLoadedCatalog)
            else {
                counts.refusedByValidator += 1
                continue
            }
            for _ in 0..<valueSets {
                let values = ["v1", "v2", "v3"].reduce(into: [String: String]()) {
                    $0[$1] = Self.values[random.below(Self.values.count)]
                }
                guard var walk = Walk(tree: tree, playbook: "guard", variables: values) else { continue }
                counts.walks += 1
                switch walk.next().action {
                case .run(let probe):
                    counts.ran += 1
                    if let problem = Self.oracle(argv: argv, goflags: goflags, values: values, ran: probe) {
                        counts.violations += 1
                        if counts.violationExamples.count < 5 { counts.violationExamples.append(problem) }
                    }
                case .finished(let end) where end.reason == .unsafeArgument:
                    counts.refused += 1
                default:
                    counts.other += 1
                }
            }
        }
        return counts
    }

    /// A random template of one to three segments.
    static func template(_ random: inout SplitMix64) -> [Template.Segment] {
        (0...random.below(3)).map { _ in
            random.below(2) == 0 ? .literal(literals[random.below(literals.count)]) : .variable("v\(1 + random.below(3))")
        }
    }

    /// The playbook: inputs v1…v3, one run step with `argv` and GOFLAGS, then done.
    static func playbook(_ argv: [[Template.Segment]], _ goflags: [Template.Segment]) -> String {
        func yaml(_ segments: [Template.Segment]) -> String {
            let text = segments.map {
                switch $0 {
                case .literal(let text): text
                case .variable(let name): "{{\(name)}}"
                }
            }.joined()
            return "\""
                + text.unicodeScalars.map { scalar in
                    switch scalar {
                    case "\"": "\\\""
                    case "\\": "\\\\"
                    default:
                        scalar.isASCII || scalar.properties.generalCategory != .nonspacingMark
                            ? String(scalar) : String(format: "\\u%04X", scalar.value)
                    }
                }.joined() + "\""
        }
        return """
            gotriage: 1
            id: guard
            title: Guard
            summary: Hostile values.
            start: go
            inputs: {v1: ~, v2: ~, v3: ~}
            steps:
              go:
                run:
                  argv: [\(argv.map(yaml).joined(separator: ", "))]
                  env: {GOFLAGS: \(yaml(goflags))}
                next: end
              end:
                done: {outcome: resolved, conclusion: Ran.}
            """
    }

    /// Why the probe that ran breaks the rule, or nil when it does not.
    static func oracle(
        argv: [[Template.Segment]], goflags: [Template.Segment], values: [String: String],
        ran probe: PendingProbe
    ) -> String? {
        // The playbook's own dashes become U+E000, so a "-" left after rendering came from a value.
        func marked(_ segments: [Template.Segment]) -> String {
            segments.map {
                switch $0 {
                case .literal(let text): text.replacingOccurrences(of: "-", with: "\u{E000}")
                case .variable(let name): values[name] ?? ""
                }
            }.joined()
        }
        func skeleton(_ text: String) -> String {
            String(
                String.UnicodeScalarView(
                    text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter {
                        ![.nonspacingMark, .spacingMark, .enclosingMark, .format].contains($0.properties.generalCategory)
                    }))
        }
        if argv.first?.contains(where: { if case .variable = $0 { true } else { false } }) == true {
            return "argv[0] came from a value: \(probe.argv)"
        }
        for (index, segments) in argv.enumerated().dropFirst() {
            if segments.map({ if case .literal(let t) = $0 { t } else { "\u{1}" } }).joined() == "--" { break }
            let element = marked(segments)
            if element.hasPrefix("-") || skeleton(element).unicodeScalars.first == "-" {
                return "argument \(index) \(probe.argv[index].debugDescription) starts with a value's dash"
            }
        }
        for text in [marked(goflags), skeleton(marked(goflags))] {
            let words = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace)
            if words.contains(where: { $0.first == "-" }) {
                return "GOFLAGS \(probe.environment["GOFLAGS"].debugDescription) has a word that starts with a value's dash"
            }
        }
        return nil
    }
}
