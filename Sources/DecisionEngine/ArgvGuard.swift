import PlaybookSpec

/// Keeps a variable's value from becoming an option of a probe.
///
/// Every templated argv element already stays one element (no shell, no splitting), but a program
/// still reads an element that starts with `-` as an option: `git ls-remote "{{url}}"` answered
/// with `--upload-pack=touch /tmp/x` would run a command. So an element after argv[0] whose value
/// starts with `-` is refused unless the playbook wrote that dash itself (the element's template
/// starts with a literal `-`, as in `--format={{f}}`) or wrote a literal `--` element earlier
/// (after `--`, programs read every element as an operand).
enum ArgvGuard {
    /// An element that would have become an option.
    struct Refusal: Equatable {
        /// 0-based index into argv.
        let index: Int
        /// The template as written, e.g. `{{url}}`.
        let written: String
        let value: String
        /// The argv as it would have run.
        let argv: [String]

        var explanation: String {
            "gotriage did not run \(argv.first ?? "the probe"): argument \(index) ('\(written)') became '\(value)', "
                + "which starts with '-', so the program would read it as an option, not as a value. "
                + "Values typed or captured never become options. Give a value that does not start with '-' "
                + "(type back to answer again), or, if you wrote the playbook, put a literal \"--\" before "
                + "this argument."
        }
    }

    /// The first element of `templates` (rendered as `rendered`) that a variable turns into an
    /// option, or nil when the probe is safe to run.
    static func check(_ templates: [Template], rendered: [String]) -> Refusal? {
        for (index, template) in templates.enumerated().dropFirst() where index < rendered.count {
            if template.segments == [.literal("--")] { return nil }
            let value = rendered[index]
            guard value.hasPrefix("-"), !writtenAsOption(template) else { continue }
            return Refusal(index: index, written: template.description, value: value, argv: rendered)
        }
        return nil
    }

    /// Whether the playbook itself wrote the leading dash.
    private static func writtenAsOption(_ template: Template) -> Bool {
        guard case .literal(let text)? = template.segments.first else { return false }
        return text.hasPrefix("-")
    }
}
