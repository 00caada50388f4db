import Foundation

/// Text with `{{name}}` placeholders, parsed once at load time.
///
/// Rendering substitutes each placeholder with the variable's value and nothing else: the result
/// is one string, so a templated argv element always stays exactly one argv element.
public struct Template: Hashable, Sendable, CustomStringConvertible {
    public enum Segment: Hashable, Sendable {
        case literal(String)
        case variable(String)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) { self.segments = segments }

    /// A template with no placeholders.
    public init(literal: String) { self.segments = literal.isEmpty ? [] : [.literal(literal)] }

    /// The names used in `{{…}}` placeholders, in order of appearance.
    public var variables: [String] {
        segments.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// Fills every placeholder from `lookup`; a name it does not know renders as the empty string.
    public func render(_ lookup: (String) -> String?) -> String {
        var result = ""
        for segment in segments {
            switch segment {
            case .literal(let text): result += text
            case .variable(let name): result += lookup(name) ?? ""
            }
        }
        return result
    }

    /// The template as written, with its placeholders.
    public var description: String {
        segments.map {
            switch $0 {
            case .literal(let text): text
            case .variable(let name): "{{\(name)}}"
            }
        }.joined()
    }
}

extension Template {
    /// The reasons a template text cannot be parsed.
    public enum ParseError: Error, Equatable, Sendable {
        /// `{{` at this 0-based character offset has no matching `}}`.
        case unclosed(offset: Int)
        /// `{{ }}` at this 0-based character offset holds no valid name.
        case badName(String, offset: Int)
    }

    /// Parses `{{name}}` placeholders. Names are letters, digits, `_`, `-` and `.`, with spaces
    /// around them allowed (`{{ module }}`).
    ///
    /// Scans UTF-8 bytes: `{` and `}` are ASCII, so every index found is a character boundary.
    /// (Walking `Character`s costs grapheme breaking, which dominated loading large playbooks.)
    public static func parse(_ text: String) throws(ParseError) -> Template {
        let bytes = text.utf8
        guard bytes.contains(UInt8(ascii: "{")) else { return Template(literal: text) }
        var segments: [Segment] = []
        var literalStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            guard bytes[index] == UInt8(ascii: "{"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "{") else {
                index = next
                continue
            }
            let nameStart = bytes.index(after: next)
            guard let close = closingBraces(in: bytes, from: nameStart) else {
                throw .unclosed(offset: text.distance(from: text.startIndex, to: index))
            }
            let name = trimmedSpaces(text[nameStart..<close])
            guard isValidName(name) else {
                throw .badName(name, offset: text.distance(from: text.startIndex, to: index))
            }
            if literalStart < index { segments.append(.literal(String(text[literalStart..<index]))) }
            segments.append(.variable(name))
            index = bytes.index(close, offsetBy: 2)
            literalStart = index
        }
        if literalStart < bytes.endIndex { segments.append(.literal(String(text[literalStart...]))) }
        return Template(segments: segments)
    }

    /// `text` without the spaces and tabs around it.
    private static func trimmedSpaces(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// The index of the first `}}` at or after `start`.
    private static func closingBraces(in bytes: String.UTF8View, from start: String.Index) -> String.Index? {
        var index = start
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: "}"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "}") { return index }
            index = next
        }
        return nil
    }

    /// Whether `name` may be used as a variable name: `[A-Za-z_][A-Za-z0-9_.-]*`.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), first.isASCIILetter || first == UInt8(ascii: "_") else { return false }
        while let byte = bytes.next() {
            guard
                byte.isASCIILetter || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            else { return false }
        }
        return true
    }
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
