/// A module path and version as Go writes them, `example.com/lib@v1.2.3`.
public struct ModuleVersion: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// nil when Go named the module alone (`module example.com/lib: …`).
    public var version: String?

    public init(path: String, version: String?) {
        self.path = path
        self.version = version
    }

    public var description: String { version.map { "\(path)@\($0)" } ?? path }

    /// Reads `path@version` (a module path has no spaces, colons or quotes; a version starts with
    /// a letter or digit), or nil.
    static func parse(_ text: Substring) -> ModuleVersion? {
        guard let at = text.firstIndex(of: "@"), at != text.startIndex else { return nil }
        let path = text[..<at]
        let version = text[text.index(after: at)...]
        guard isModulePath(path), let first = version.first, first.isLetter || first.isNumber || first == "v",
            !version.contains(where: { $0 == " " || $0 == ":" || $0 == "\"" || $0 == "'" || $0 == "\t" || $0 == "@" })
        else { return nil }
        return ModuleVersion(path: String(path), version: String(version))
    }

    /// Whether the text could be a module or package path: no spaces, colons, quotes; a dot or
    /// slash somewhere, or a single word such as `std`.
    static func isModulePath(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter || first.isNumber || first == "_" else { return false }
        return !text.contains { $0 == " " || $0 == ":" || $0 == "\"" || $0 == "'" || $0 == "\t" || $0 == "(" || $0 == "\\" || $0 == "," }
    }

    /// The first path element (`github.com` for `github.com/acme/lib`).
    public var host: String { String(path.prefix { $0 != "/" }) }
}
