import PlaybookSpec

/// Keeps a variable's value from becoming the program, an option or a flag of a probe.
///
/// Every templated argv element already stays one element (no shell, no splitting), but a program
/// still reads an element that starts with `-` as an option: `git ls-remote "{{url}}"` answered
/// with `--upload-pack=touch /tmp/x` would run a command, and go reads GOFLAGS as flags
/// (`-toolexec=/tmp/x` runs a program for every compile). So the guard refuses a probe when:
///
/// - argv[0] comes from a variable (the validator already refuses that in a playbook);
/// - an argv element after argv[0] starts with a `-` that a variable put there, unless a literal
///   `--` element came earlier (after `--`, programs read every element as an operand);
/// - a word of an `env` value (split at white space, as GOFLAGS is) starts with such a `-`.
///
/// A dash the playbook wrote itself is fine (`--format={{f}}`). Values are compared by their
/// `ArgvSkeleton` (NFKC, without combining marks and format characters), so `-\u{301}-upload-pack`
/// and a zero-width space before a dash do not hide the dash.
enum ArgvGuard {
    /// An element or environment value that would have become the program, an option or a flag.
    struct Refusal: Equatable {
        /// Where the value went.
        enum Place: Equatable {
            /// argv, 0-based.
            case argument(Int)
            /// An `env` entry of the probe.
            case environment(String)
        }

        let place: Place
        /// The template as written, e.g. `{{url}}`.
        let written: String
        let value: String
        /// The argv as it would have run.
        let argv: [String]

        var explanation: String {
            let program = argv.first ?? "the probe"
            switch place {
            case .argument(0):
                return "gotriage did not run '\(program)': argument 0 ('\(written)') names the program, and it came "
                    + "from a value. Values typed or captured never choose the program; a playbook names it itself."
            case .argument(let index):
                return "gotriage did not run \(program): argument \(index) ('\(written)') became '\(value)', "
                    + "which starts with '-', so the program would read it as an option, not as a value. "
                    + "Values typed or captured never become options. Give a value that does not start with '-' "
                    + "(type back to answer again), or, if you wrote the playbook, put a literal \"--\" before "
                    + "this argument."
            case .environment(let name):
                return "gotriage did not run \(program): the environment variable \(name) ('\(written)') became "
                    + "'\(value)', in which a word starts with a '-' that came from a value, so a program reading "
                    + "\(name) as flags (as go reads GOFLAGS) would take it as one. Values typed or captured never "
                    + "become flags. Give a value without a word that starts with '-' (type back to answer again)."
            }
        }
    }

    /// The first argv element or `env` value of `probe` that a variable would turn into the
    /// program, an option or a flag, or nil when the probe is safe to run. `value(of:)` gives a
    /// variable's value (nil renders as empty text, as `Template.render` does).
    static func check(_ probe: Probe, value: (String) -> String?) -> Refusal? {
        let rendered = probe.argv.map { $0.render(value) }
        for (index, template) in probe.argv.enumerated() {
            if index > 0, template.segments == [.literal("--")] { break }
            let pieces = ArgvSkeleton.pieces(of: template, value: value)
            let refused =
                index == 0
                ? !template.variables.isEmpty
                : pieces.first.map { $0.scalar == "-" && $0.fromVariable } ?? false
            if refused {
                return Refusal(place: .argument(index), written: template.description, value: rendered[index], argv: rendered)
            }
        }
        for (name, template) in probe.environment where startsAWordWithAVariableDash(template, value: value) {
            return Refusal(
                place: .environment(name), written: template.description, value: template.render(value),
                argv: rendered)
        }
        return nil
    }

    /// Whether a word of the rendered `template` (split at white space) starts with a `-` from a variable.
    private static func startsAWordWithAVariableDash(_ template: Template, value: (String) -> String?) -> Bool {
        var atWordStart = true
        for piece in ArgvSkeleton.pieces(of: template, value: value) {
            if piece.scalar.properties.isWhitespace {
                atWordStart = true
                continue
            }
            if atWordStart, piece.scalar == "-", piece.fromVariable { return true }
            atWordStart = false
        }
        return false
    }
}
