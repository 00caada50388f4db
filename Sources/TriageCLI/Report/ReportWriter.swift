import ArgumentParser
import Foundation

/// Writes a walk's report — Markdown or JSON, redacted unless told not to — to a file or the screen.
struct ReportWriter {
    enum Format: Sendable { case markdown, json }

    let host: Host
    let console: Console

    /// The report text for `record`.
    func text(_ record: WalkRecord, format: Format, redactor: Redactor) async throws -> String {
        let context = await ReportContext.gather(host: host, record: record)
        switch format {
        case .markdown: return MarkdownReport(record: record, context: context, redactor: redactor).render()
        case .json: return try JSONReport(record: record, context: context, redactor: redactor).render(with: redactor)
        }
    }

    /// Writes the report to `path` (relative to the working directory), mode 0600. Returns the
    /// absolute path written, or throws with a message that names the file.
    @discardableResult
    func write(_ record: WalkRecord, format: Format, redactor: Redactor, to path: String) async throws -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: host.workingDirectory, isDirectory: true))
        let text = try await text(record, format: format, redactor: redactor)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            throw ReportError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        return url.path
    }

    /// A report file name in the working directory that no earlier report has:
    /// `gotriage-report-PLAYBOOK-YYYYMMDD-HHMMSS.md` (or `.json`), `-2`, `-3`, … within one second.
    func newFileName(playbook: String, format: Format) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = "\(host.workingDirectory)/gotriage-report-\(playbook)-\(formatter.string(from: Date()))"
        let suffix = format == .json ? ".json" : ".md"
        var candidate = base + suffix
        var number = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(number)\(suffix)"
            number += 1
        }
        return candidate
    }

    /// The format for `path`: the extension decides (`.json`, `.md`); otherwise `json` picks JSON.
    static func format(for path: String?, json: Bool) -> Format {
        if let path, path.lowercased().hasSuffix(".json") { return .json }
        if let path, path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown") { return .markdown }
        return json ? .json : .markdown
    }
}

/// Why a report could not be written.
enum ReportError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "could not write the report to '\(path)': \(reason)"
        }
    }
}

extension ReportWriter {
    /// `run --report FILE`: writes the report and says where on stderr (stdout may be JSON events);
    /// a file that cannot be written is a usage error naming it.
    func writeForRun(_ record: WalkRecord, to path: String, json: Bool, redactor: Redactor) async throws {
        do {
            let written = try await write(record, format: Self.format(for: path, json: json), redactor: redactor, to: path)
            console.errorLine("gotriage: wrote the report to \(written)" + (redactor.isEnabled ? "" : " (NOT redacted)"))
        } catch {
            console.errorLine("gotriage: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
