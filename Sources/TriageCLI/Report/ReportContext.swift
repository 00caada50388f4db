import Foundation
import HostEffects

/// Where a report was made: gotriage's version, Go's version, the operating system and when.
struct ReportContext: Codable, Sendable, Equatable {
    var gotriage: String
    /// `go version` output, e.g. `go version go1.19.8 linux/amd64`.
    var go: String
    /// e.g. `Debian GNU/Linux 12 (bookworm); Linux 6.1.0 x86_64`.
    var os: String
    /// ISO 8601, UTC.
    var generatedAt: String

    enum CodingKeys: String, CodingKey {
        case gotriage, go, os
        case generatedAt = "generated_at"
    }

    /// The context on `host` now; the Go version comes from the walk's own `go version` when it ran one.
    static func gather(host: Host, record: WalkRecord, now: Date = Date()) async -> ReportContext {
        var go = record.steps.compactMap(\.command).first { $0.argv == ["go", "version"] && $0.exitCode == 0 }?.stdout
        if go == nil {
            let result = await host.runner.run(
                CommandRequest(
                    argv: ["go", "version"], environment: host.environment,
                    workingDirectory: host.workingDirectory,
                    timeoutMilliseconds: 10_000))
            go = result.exitCode == 0 ? result.stdout : "unknown (go version failed: exit \(result.exitCode))"
        }
        let formatter = ISO8601DateFormatter()
        return ReportContext(
            gotriage: Gotriage.version, go: (go ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            os: operatingSystem(), generatedAt: formatter.string(from: now))
    }

    /// PRETTY_NAME from /etc/os-release and the kernel from uname.
    static func operatingSystem() -> String {
        var parts: [String] = []
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            parts.append(line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        var names = utsname()
        if uname(&names) == 0 {
            func text<T>(_ field: T) -> String {
                withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            }
            parts.append("\(text(names.sysname)) \(text(names.release)) \(text(names.machine))")
        }
        return parts.isEmpty ? ProcessInfo.processInfo.operatingSystemVersionString : parts.joined(separator: "; ")
    }
}
