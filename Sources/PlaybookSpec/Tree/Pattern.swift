import Diagnosis
import Foundation

/// A regular expression from a playbook (ICU syntax, as `NSRegularExpression`), known to compile.
///
/// Named groups `(?<name>…)` become variables when the pattern is used as a capture. ICU only
/// allows letters and digits in group names, so each named group is compiled as `(?<g1>…)`,
/// `(?<g2>…)`, … and mapped back: playbooks may use any variable name (`go_version`).
public struct Pattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written in the playbook.
    public let source: String
    /// The names of the `(?<name>…)` groups, in order of appearance.
    public let groupNames: [String]
    /// The compiled regex (or, for a vouched pattern, its expression until first used).
    private let compiled: CompiledRegex

    /// Compiles `source`; throws the engine's own message when the pattern is invalid.
    public init(_ source: String) throws(PatternError) {
        try self.init(source: source)
    }

    /// Compiles `source` so that it only matches a whole text (as `ask` patterns do): `firstMatch`
    /// finds a match only when the entire text matches. `source` stays as written.
    public init(matchingWhole source: String) throws(PatternError) {
        _ = try Pattern(source)  // the pattern alone must compile: `a)|(b` would slip through the wrapper
        try self.init(source: source, compiling: Pattern.wholeText)
    }

    /// A pattern known to compile (this build validated this very playbook text before), as
    /// `init(_:)` or `init(matchingWhole:)` make it but compiled when first matched.
    public static func vouched(_ source: String, matchingWhole: Bool = false) -> Pattern {
        let (expression, names) = numberingNamedGroups(in: source)
        return Pattern(
            source: source, groupNames: names,
            compiled: CompiledRegex(deferring: matchingWhole ? wholeText(expression) : expression))
    }

    private init(source: String, compiling wrap: (String) -> String = { $0 }) throws(PatternError) {
        let (expression, names) = Pattern.numberingNamedGroups(in: source)
        do {
            self.init(source: source, groupNames: names, compiled: try CompiledRegex(compiling: wrap(expression)))
        } catch {
            throw PatternError(pattern: source, reason: Pattern.reason(for: error))
        }
    }

    private init(source: String, groupNames: [String], compiled: CompiledRegex) {
        self.source = source
        self.groupNames = groupNames
        self.compiled = compiled
    }

    /// `expression` anchored to match only a whole text.
    private static func wholeText(_ expression: String) -> String { "\\A(?:" + expression + ")\\z" }

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

    /// The first match in `text`, or nil; throws when `budget` runs out (or the task is cancelled)
    /// before the match is decided.
    ///
    /// Matching reports progress (`.reportProgress`): ICU calls back at every starting position and
    /// every few thousand backtracking steps, and every 16th call looks at the clock and at
    /// cancellation. That costs about 2 µs more per 80-character line than an unchecked match (release build).
    public func firstMatch(in text: String, within budget: MatchBudget) throws(MatchStopped) -> Match? {
        if let reason = budget.stopReason() { throw MatchStopped(pattern: source, reason: reason) }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        var found: NSTextCheckingResult?
        var stopped: MatchStopped.Reason?
        var calls = 0
        guard let regex = compiled.regex else { return nil }
        regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { result, _, stop in
            if let result {
                found = result
                stop.pointee = true
                return
            }
            calls &+= 1
            guard calls & 15 == 0, let reason = budget.stopReason() else { return }
            stopped = reason
            stop.pointee = true
        }
        if let stopped, found == nil { throw MatchStopped(pattern: source, reason: stopped) }
        guard let result = found, let whole = Range(result.range, in: text) else { return nil }
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
        groupOpenings(in: source).map(\.name)
    }

    /// `source` with its named groups renamed `g1`, `g2`, … (and `(?P<` written `(?<`), plus the
    /// original names in order.
    static func numberingNamedGroups(in source: String) -> (expression: String, names: [String]) {
        let openings = groupOpenings(in: source)
        guard !openings.isEmpty else { return (source, []) }
        let bytes = Array(source.utf8)
        var expression: [UInt8] = []
        expression.reserveCapacity(bytes.count + 4 * openings.count)
        var copied = 0
        for (number, opening) in openings.enumerated() {
            expression += bytes[copied..<opening.range.lowerBound]
            expression += "(?<g\(number + 1)>".utf8
            copied = opening.range.upperBound
        }
        expression += bytes[copied...]
        return (String(decoding: expression, as: UTF8.self), openings.map(\.name))
    }

    /// Every named-group opening, `(?<name>` or `(?P<name>`: the UTF-8 offsets it spans and the
    /// name. Escaped characters (`\(`) are skipped; the syntax is all ASCII, so bytes suffice.
    private static func groupOpenings(in source: String) -> [(range: Range<Int>, name: String)] {
        let bytes = Array(source.utf8)
        var openings: [(range: Range<Int>, name: String)] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "("), let opening = groupOpening(in: bytes, at: i) {
                openings.append(opening)
                i = opening.range.upperBound
                continue
            }
            i += 1
        }
        return openings
    }

    /// The named-group opening starting with the `(` at `start`, if it is one.
    private static func groupOpening(in bytes: [UInt8], at start: Int) -> (range: Range<Int>, name: String)? {
        guard start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "?") else { return nil }
        var j = start + 2
        if bytes[j] == UInt8(ascii: "P") { j += 1 }
        guard j + 1 < bytes.count, bytes[j] == UInt8(ascii: "<"),
            bytes[j + 1] != UInt8(ascii: "="), bytes[j + 1] != UInt8(ascii: "!"),
            let close = bytes[(j + 1)...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        return (start..<(close + 1), String(decoding: bytes[(j + 1)..<close], as: UTF8.self))
    }

    private static func reason(for error: any Error) -> String {
        let text = (error as NSError).localizedFailureReason ?? "\(error)"
        return text.isEmpty ? "invalid regular expression" : text
    }

}

/// A regular expression that did not compile.
public struct PatternError: Error, Equatable, Sendable {
    public var pattern: String
    public var reason: String
}
