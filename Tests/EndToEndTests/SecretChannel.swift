import Foundation
import TestSupport

/// One way a secret reaches gotriage in a walk, and the playbook that plants every corpus form
/// that way (`SecretCorpusTests`).
///
/// Each playbook is generated: the forms lie in files under `dir` (`N.txt` the text, `N.secret`
/// the bare secret), so no secret is written in a playbook; commands are argv arrays, and values
/// reach them only through `{{variables}}`.
enum SecretChannel: String, CaseIterable, CustomStringConvertible {
    /// A probe prints the form on standard output.
    case stdout
    /// A probe prints the form on standard error.
    case stderr
    /// The secret, captured from a probe's output, reused in `say` text.
    case say
    /// The secret, captured, reused in a fix's reason and in the value it would set.
    case fix
    /// The secret, captured, reused in the conclusion.
    case conclusion
    /// Answers: the form's line to a plain question, the bare secret to a `secret: true` question
    /// and to a question into a secret-named variable; each then shown in `say` text.
    case answer
    /// gotriage's environment: the form in a plain variable (dumped by `env`) and the bare secret
    /// in a secret-named one (printed by `printenv`).
    case env
    /// The captured form and secret in a probe's argv, the secret in its `env:` (and so printed again).
    case argv
    /// The bare secret printed alone, captured into a secret-named variable, shown in `say` text:
    /// no pattern can tell it is a secret, only the variable's name.
    case captureName = "capture-name"
    /// The shell: a probe prints the form, then the three questions of ``answer`` are typed at the
    /// prompt — the form's line (copied from the output), and the bare secret twice.
    case typed

    /// The channels of `gotriage run` (``typed`` needs a terminal).
    static let runChannels: [SecretChannel] = allCases.filter { $0 != .typed }

    var description: String { rawValue }

    /// The `--answer` flags the walk needs.
    func answers(_ corpus: SecretCorpus) -> [String] {
        guard self == .answer else { return [] }
        return corpus.forms.enumerated().flatMap { index, form in
            [
                "--answer", "line_\(index)=\(form.text)", "--answer", "pass_\(index)=\(form.secret)",
                "--answer", "api_token_\(index)=\(form.secret)"
            ]
        }
    }

    /// The environment gotriage runs with.
    func environment(_ corpus: SecretCorpus) -> [String: String] {
        guard self == .env else { return [:] }
        var environment: [String: String] = [:]
        for (index, form) in corpus.forms.enumerated() {
            environment["CORPUS_FORM_\(index)"] = form.text
            environment["CORPUS_\(index)_TOKEN"] = form.secret
        }
        return environment
    }

    /// Writes each form's text and bare secret under `dir`.
    static func writeForms(_ corpus: SecretCorpus, to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (index, form) in corpus.forms.enumerated() {
            try Data(form.text.utf8).write(to: dir.appendingPathComponent("\(index).txt"))
            try Data(form.secret.utf8).write(to: dir.appendingPathComponent("\(index).secret"))
        }
    }

    /// The playbook `corpus-<channel>`: one group of steps per form, then a fix, then the end.
    func playbook(_ corpus: SecretCorpus, dir: URL) -> String {
        let count = corpus.forms.count
        var steps: [String] = []
        for (index, form) in corpus.forms.enumerated() {
            let next = index + 1 < count ? "f\(index + 1)" : "fix"
            steps.append(contentsOf: self.steps(index, form, file: dir.appendingPathComponent("\(index)").path, next: next))
        }
        let captured = (0..<count).map { "{{found_\($0)}}" }
        let reason = self == .fix ? "The outputs showed " + captured.joined(separator: ", ") + "." : "Nothing to change."
        let value = self == .fix ? "example.com/" + captured.joined(separator: ",example.com/") : "example.com/corpus"
        let conclusion = self == .conclusion ? "Seen: " + captured.joined(separator: "; ") + "." : "Done."
        return """
            gotriage: 1
            id: corpus-\(rawValue)
            title: Secrets planted through \(rawValue)
            summary: A test playbook that plants every corpus form through one channel.
            start: f0
            steps:
            \(steps.joined(separator: "\n"))
              fix:
                fix:
                  reason: \(Self.quoted(reason))
                  set: {GOPRIVATE: \(Self.quoted(value))}
                branch:
                  - if: {fix: applied}
                    goto: finish
                  - else: finish
              finish:
                done: {outcome: not-resolved, cause: unknown, conclusion: \(Self.quoted(conclusion))}
            """
    }

    /// The steps of form `index` (the first is `f<index>`), ending with `next:`.
    private func steps(_ index: Int, _ form: SecretCorpus.Form, file: String, next: String) -> [String] {
        let i = index
        let cat = "argv: [cat, \(Self.quoted(file + ".txt"))]"
        // The secret's place in the text, so a capture can take it without the playbook naming it.
        let offset = form.text.range(of: form.secret).map { form.text.utf16.distance(from: form.text.startIndex, to: $0.lowerBound) } ?? 0
        let found = Self.quoted("\\A[\\s\\S]{\(offset)}(?<found_\(i)>[\\s\\S]{\(form.secret.utf16.count)})")
        switch self {
        case .stdout:
            return ["  f\(i):", "    run: {\(cat)}", "    next: \(next)"]
        case .stderr:
            return [
                "  f\(i):", "    run: {argv: [dd, \(Self.quoted("if=\(file).txt")), of=/dev/stderr, status=none]}",
                "    next: \(next)"
            ]
        case .say, .fix, .conclusion:
            var lines = ["  f\(i):", "    run:", "      \(cat)", "      capture:", "        - stdout: \(found)"]
            if self == .say {
                lines += ["    next: s\(i)", "  s\(i):", "    say: \(Self.quoted("The output shows {{found_\(i)}} there."))"]
            }
            return lines + ["    next: \(next)"]
        case .answer, .typed:
            let ask = self == .typed ? ["  f\(i):", "    run: {\(cat)}", "    next: q\(i)", "  q\(i):"] : ["  f\(i):"]
            return ask + [
                "    ask: {question: \(Self.quoted("Paste line \(i) of the output.")), into: line_\(i)}", "    next: p\(i)",
                "  p\(i):", "    say: \(Self.quoted("You pasted {{line_\(i)}}."))",
                "    ask: {question: \(Self.quoted("The password for form \(i)?")), into: pass_\(i), secret: true}", "    next: t\(i)",
                "  t\(i):", "    say: \(Self.quoted("Signing in with {{pass_\(i)}}."))",
                "    ask: {question: \(Self.quoted("The API token for form \(i)?")), into: api_token_\(i)}", "    next: u\(i)",
                "  u\(i):", "    say: \(Self.quoted("Using the token {{api_token_\(i)}} now."))", "    next: \(next)"
            ]
        case .env:
            let dump = i == 0 ? ["  f0:", "    run: {argv: [env]}", "    next: e0", "  e0:"] : ["  f\(i):"]
            return dump + ["    run: {argv: [printenv, CORPUS_\(i)_TOKEN]}", "    next: \(next)"]
        case .argv:
            return [
                "  f\(i):", "    run:", "      \(cat)", "      capture:", "        - stdout: \(found)",
                "        - stdout: \(Self.quoted("(?<line_\(i)>[\\s\\S]+)"))", "    next: a\(i)",
                "  a\(i):", "    run:",
                "      argv: [printf, \(Self.quoted("%s|%s\\n")), \(Self.quoted("planted: {{line_\(i)}}")), \(Self.quoted("x{{found_\(i)}}"))]",
                // Only the bare secret goes in `env:`, after a letter: a word of an env value that
                // starts with `-` from a variable is refused (it could be a flag), and a form such
                // as a PEM key has such words.
                "      env: {CORPUS_VALUE: \(Self.quoted("x{{found_\(i)}}"))}",
                "    next: \(next)"
            ]
        case .captureName:
            return [
                "  f\(i):", "    run:", "      argv: [cat, \(Self.quoted(file + ".secret"))]", "      capture:",
                "        - stdout: \(Self.quoted("(?<secret_\(i)_token>[\\s\\S]+)"))", "    next: s\(i)",
                "  s\(i):", "    say: \(Self.quoted("Your token is {{secret_\(i)_token}}."))", "    next: \(next)"
            ]
        }
    }

    /// `text` as a YAML double-quoted scalar (JSON's escapes are YAML's too).
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(text), as: UTF8.self)) ?? "\"\""
    }
}
