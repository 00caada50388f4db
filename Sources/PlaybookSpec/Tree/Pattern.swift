import Foundation

/// A compiled regular expression from a playbook (ICU syntax, as `NSRegularExpression`).
///
/// Named groups `(?<name>…)` become variables when the pattern is used as a capture. ICU only
/// allows letters and digits in group names, so each named group is compiled as `(?<g1>…)`,
/// `(?<g2>…)`, … and mapped back: playbooks may use any variable name (`go_version`).
public struct Pattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written in the playbook.
    public let source: String
    /// The names of the `(?<name>…)` groups, in order of appearance.
    public let groupNames: [String]
    private let box: Box

    /// Compiles `source`; throws the engine's own message when the pattern is invalid.
    public init(_ source: String) throws(PatternError) {
        try self.init(source: source)
    }

    /// Compiles `source` so that it only matches a whole text (as `ask` patterns do): `firstMatch`
    /// finds a match only when the entire text matches. `source` stays as written.
    public init(matchingWhole source: String) throws(PatternError) {
        _ = try Pattern(source)  // the pattern alone must compile: `a)|(b` would slip through the wrapper
        try self.init(source: source, compiling: { "\\A(?:" + $0 + ")\\z" })
    }

    private init(source: String, compiling wrap: (String) -> String = { $0 }) throws(PatternError) {
        let (expression, names) = Pattern.numberingNamedGroups(in: source)
        do {
            let regex = try NSRegularExpression(pattern: wrap(expression), options: [])
            self.source = source
            self.groupNames = names
            self.box = Box(regex)
        } catch {
            throw PatternError(pattern: source, reason: Pattern.reason(for: error))
        }
    }

    public var description: String { source }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// A match of the pattern somewhere in a text.
    public struct Match: Sendable, Equatable {
        /// The whole matched text.
        public var text: String
        /// The named groups that took part in the match.
        public var groups: [String: String]
    }

    /// The first match in `text`, or nil.
    public func firstMatch(in text: String) -> Match? {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let result = box.regex.firstMatch(in: text, options: [], range: range),
            let whole = Range(result.range, in: text)
        else { return nil }
        var groups: [String: String] = [:]
        for (index, name) in groupNames.enumerated() {
            let groupRange = result.range(withName: "g\(index + 1)")
            if groupRange.location != NSNotFound, let r = Range(groupRange, in: text) {
                groups[name] = String(text[r])
            }
        }
        return Match(text: String(text[whole]), groups: groups)
    }

    /// Group names written as `(?<name>` (or Python's `(?P<name>`), skipping lookbehinds `(?<=`, `(?<!`.
    static func namedGroups(in source: String) -> [String] {
        var names: [String] = []
        let scalars = Array(source.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\\" { i += 2; continue }
            if let (nameEnd, name) = namedGroupOpening(in: scalars, at: i) {
                names.append(name)
                i = nameEnd
            }
            i += 1
        }
        return names
    }

    /// If a named group opens at `i` (`(?<name>` or `(?P<name>`), the index of its `>` and the name.
    private static func namedGroupOpening(in scalars: [Unicode.Scalar], at i: Int) -> (Int, String)? {
        guard scalars[i] == "(", i + 2 < scalars.count, scalars[i + 1] == "?" else { return nil }
        var j = i + 2
        if scalars[j] == "P" { j += 1 }
        guard j + 1 < scalars.count, scalars[j] == "<", scalars[j + 1] != "=", scalars[j + 1] != "!" else { return nil }
        var name = ""
        j += 1
        while j < scalars.count, scalars[j] != ">" { name.unicodeScalars.append(scalars[j]); j += 1 }
        return j < scalars.count ? (j, name) : nil
    }

    /// `source` with its named groups renamed `g1`, `g2`, … (and `(?P<` written `(?<`), plus the
    /// original names in order.
    static func numberingNamedGroups(in source: String) -> (expression: String, names: [String]) {
        let names = namedGroups(in: source)
        guard !names.isEmpty else { return (source, []) }
        var expression = ""
        let scalars = Array(source.unicodeScalars)
        var i = 0, number = 0
        while i < scalars.count {
            if scalars[i] == "\\", i + 1 < scalars.count {
                expression.unicodeScalars.append(contentsOf: scalars[i...i + 1])
                i += 2
                continue
            }
            if let (nameEnd, _) = namedGroupOpening(in: scalars, at: i) {
                number += 1
                expression += "(?<g\(number)>"
                i = nameEnd + 1
                continue
            }
            expression.unicodeScalars.append(scalars[i])
            i += 1
        }
        return (expression, names)
    }

    private static func reason(for error: any Error) -> String {
        let text = (error as NSError).localizedFailureReason ?? "\(error)"
        return text.isEmpty ? "invalid regular expression" : text
    }

    /// Holds the non-Sendable regex; `NSRegularExpression` is immutable and safe to share.
    private final class Box: @unchecked Sendable {
        let regex: NSRegularExpression
        init(_ regex: NSRegularExpression) { self.regex = regex }
    }
}

/// A regular expression that did not compile.
public struct PatternError: Error, Equatable, Sendable {
    public var pattern: String
    public var reason: String
}
