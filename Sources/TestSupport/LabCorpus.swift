import Foundation

/// Collects the exact output of the failing go command of each lab scenario, for the corpus
/// files `Corpus/lab/go<version>.yaml`.
///
/// Capturing is on when `GOTRIAGE_CAPTURE_CORPUS` names a folder: each `record` call writes one
/// YAML list entry to `<folder>/<version>/<scenario>.yaml`, and `scripts/capture-lab-corpus.sh`
/// joins them (sorted by scenario) into the corpus files. Otherwise `record` does nothing.
///
/// The text is kept verbatim except for what differs on every run: the lab directory becomes
/// `/LAB`, loopback ports become `PORT` (`127.0.0.1:PORT`, `[127.0.0.1]:PORT`,
/// `127.0.0.1 port PORT`), curl's connect time becomes `after N ms`, and ssh key fingerprints
/// become `SHA256:FINGERPRINT`. ssh's CRLF line ends become LF: a YAML block cannot hold a CR.
public enum LabCorpus {
    /// The capture folder, or nil when not capturing.
    public static var directory: URL? {
        guard let path = ProcessInfo.processInfo.environment["GOTRIAGE_CAPTURE_CORPUS"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// Writes the entry for one failing go command when capturing.
    ///
    /// - Parameters:
    ///   - cause: the README cause id the scenario stands for, e.g. `goproxy-off`.
    ///   - scenario: `<TestSuite>.<testName>`, with the scenario's own arguments in parentheses
    ///     when it has several cases.
    ///   - command: the go command's argv, e.g. `["go", "mod", "download", "example.com/hello"]`.
    ///   - output: the command's stdout followed by its stderr.
    public static func record(lab: Lab, cause: String, scenario: String, command: [String], output: String) throws {
        guard let directory else { return }
        let folder = directory.appendingPathComponent(lab.release.version)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = String(scenario.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        let entry = entry(
            cause: cause, go: lab.release.version, scenario: scenario,
            command: command.joined(separator: " "), text: normalized(output, lab: lab))
        try Data(entry.utf8).write(to: folder.appendingPathComponent(file + ".yaml"))
    }

    /// `text` with the lab root, ports, connect times and fingerprints replaced by placeholders.
    public static func normalized(_ text: String, lab: Lab) -> String {
        var text = text.replacingOccurrences(of: lab.root.path, with: "/LAB")
            .replacingOccurrences(of: "\r\n", with: "\n")
        let rules: [(String, String)] = [
            (#"127\.0\.0\.1(\]?):[0-9]+"#, "127.0.0.1$1:PORT"),
            (#"127\.0\.0\.1 port [0-9]+"#, "127.0.0.1 port PORT"),
            (#"after [0-9]+ ms"#, "after N ms"),
            (#"SHA256:[A-Za-z0-9+/]{43}"#, "SHA256:FINGERPRINT")
        ]
        for (pattern, placeholder) in rules {
            text = text.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
        }
        return text
    }

    /// One YAML list entry; `text` becomes a literal block scalar, kept byte for byte.
    static func entry(cause: String, go: String, scenario: String, command: String, text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        // A literal block's chomping: clip keeps exactly one final newline, strip none, keep all.
        let chomping: String
        if text.hasSuffix("\n\n") {
            chomping = "+"
        } else if text.hasSuffix("\n") {
            chomping = ""
        } else {
            chomping = "-"
        }
        if text.hasSuffix("\n") { lines.removeLast() }
        let indicator = (lines.first?.first).map { $0 == " " || $0 == "\t" } == true ? "2" : ""
        let body = lines.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        return """
            - cause: \(cause)
              go: "\(go)"
              scenario: "\(scenario)"
              command: "\(command)"
              text: |\(indicator)\(chomping)
            \(body)

            """
    }
}

extension Lab {
    /// Records the output of `command`, a go command that failed the way the scenario means, for
    /// the lab corpus when capturing (see `LabCorpus`).
    ///
    /// The scenario is named `<suite>.<test>`, from the calling function's name without its
    /// argument labels, plus `(variant)` when given.
    public func recordForCorpus(
        _ result: (exitCode: Int32, stdout: String, stderr: String), command: [String], cause: String,
        suite: Any.Type, test: String = #function, variant: String? = nil
    ) throws {
        let name = "\(suite).\(test.prefix { $0 != "(" })" + (variant.map { "(\($0))" } ?? "")
        try LabCorpus.record(lab: self, cause: cause, scenario: name, command: command, output: result.stdout + result.stderr)
    }
}
