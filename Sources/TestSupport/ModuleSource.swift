import Foundation

/// A tiny Go module written to disk: a `go.mod` and one Go file with an exported function.
public struct ModuleSource {
    /// Writes the module `path` into `dir` (created if needed).
    ///
    /// `files` maps names relative to `dir` to contents; they are written after the defaults and
    /// can replace `go.mod` or the Go file. The package is named after the last path element
    /// without a `.git` suffix or major-version element, e.g. `lib` for `example.com/team/lib.git`.
    public static func write(path: String, to dir: URL, files: [String: String] = [:]) throws {
        let package = try packageName(for: path)
        let function = package.prefix(1).uppercased() + package.dropFirst()
        var contents: [String: String] = [
            "go.mod": "module \(path)\n\ngo 1.19\n",
            "\(package).go":
                "package \(package)\n\n// \(function) returns the package name.\nfunc \(function)() string { return \"\(package)\" }\n"
        ]
        contents.merge(files) { _, given in given }
        for (name, text) in contents {
            let file = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    /// The Go package name the lab uses for a module path.
    static func packageName(for path: String) throws -> String {
        var elements = path.split(separator: "/").map(String.init)
        if let last = elements.last, last.count > 1, last.hasPrefix("v"), Int(last.dropFirst()) != nil {
            elements.removeLast()
        }
        var name = (elements.last ?? "").lowercased()
        if name.hasSuffix(".git") { name.removeLast(4) }
        name = String(name.filter { $0.isLetter || $0.isNumber })
        guard elements.count > 1, let first = name.first, first.isLetter else {
            throw LabError.invalidModulePath(path)
        }
        return name
    }
}
