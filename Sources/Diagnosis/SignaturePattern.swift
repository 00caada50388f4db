import Foundation

/// A compiled regular expression of a signature (ICU syntax, as `NSRegularExpression`), whose
/// named groups `(?<module>…)` become facts.
public struct SignaturePattern: Sendable, CustomStringConvertible {
    /// The pattern as written in the catalog.
    public let source: String
    /// Names of the `(?<name>…)` groups, in order.
    public let groupNames: [String]
    private let compiled: CompiledRegex
    /// Texts of which every match contains at least one (nil: no such texts are known), tried
    /// with a byte search before the regex runs.
    let literals: [[UInt8]]?

    /// Compiles `source`; throws the engine's reason when it is not a valid regex.
    public init(_ source: String) throws(SignaturePatternError) {
        do {
            self.init(source, compiled: try CompiledRegex(compiling: source))
        } catch {
            throw SignaturePatternError(pattern: source, reason: SignaturePattern.reason(for: error))
        }
    }

    /// A pattern known to compile (this build compiled this very catalog text before), compiled
    /// when it is first tried: most patterns are never tried in a run, as their literals are absent.
    public static func vouched(_ source: String) -> SignaturePattern {
        SignaturePattern(source, compiled: CompiledRegex(deferring: source))
    }

    private init(_ source: String, compiled: CompiledRegex) {
        self.source = source
        self.compiled = compiled
        groupNames = SignaturePattern.groupNames(in: source)
        literals = RequiredLiterals.of(source)
    }

    public var description: String { source }

    /// A match: the UTF-8 byte range of the whole match and the named groups that took part.
    public struct Match: Sendable {
        public var range: Range<Int>
        public var groups: [String: String]
    }

    /// The first match in `text`, or nil.
    public func firstMatch(in text: String) -> Match? {
        if let literals, !literals.contains(where: { ByteSearch.contains($0, in: text) }) { return nil }
        let ns = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let result = compiled.regex?.firstMatch(in: text, options: [], range: ns),
            let whole = Range(result.range, in: text)
        else { return nil }
        var groups: [String: String] = [:]
        for name in groupNames {
            let range = result.range(withName: name)
            if range.location != NSNotFound, let r = Range(range, in: text), !text[r].isEmpty {
                groups[name] = String(text[r])
            }
        }
        let lower = text.utf8.distance(from: text.startIndex, to: whole.lowerBound)
        let upper = lower + text.utf8.distance(from: whole.lowerBound, to: whole.upperBound)
        return Match(range: lower..<upper, groups: groups)
    }

    /// `(?<name>` openings (not lookbehinds `(?<=`, `(?<!`), skipping escaped characters.
    static func groupNames(in source: String) -> [String] {
        let bytes = Array(source.utf8)
        var names: [String] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "("), i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"),
                bytes[i + 2] == UInt8(ascii: "<"), bytes[i + 3] != UInt8(ascii: "="), bytes[i + 3] != UInt8(ascii: "!"),
                let close = bytes[(i + 3)...].firstIndex(of: UInt8(ascii: ">"))
            {
                names.append(String(decoding: bytes[(i + 3)..<close], as: UTF8.self))
                i = close + 1
                continue
            }
            i += 1
        }
        return names
    }

    static func reason(for error: Error) -> String {
        let text = (error as NSError).userInfo["NSInvalidValue"].map { "\($0)" } ?? ""
        return text.isEmpty ? "the regex engine cannot compile it" : text
    }
}

/// Why a signature's regex does not compile.
public struct SignaturePatternError: Error, Sendable {
    public var pattern: String
    public var reason: String
}
