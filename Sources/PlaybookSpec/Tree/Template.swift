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
    public static func parse(_ text: String) throws(ParseError) -> Template {
        var segments: [Segment] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") {
                let offset = text.distance(from: text.startIndex, to: index)
                let nameStart = text.index(index, offsetBy: 2)
                guard let close = text[nameStart...].range(of: "}}") else {
                    throw .unclosed(offset: offset)
                }
                let name = text[nameStart..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                guard isValidName(name) else { throw .badName(String(name), offset: offset) }
                if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
                segments.append(.variable(name))
                index = close.upperBound
            } else {
                literal.append(text[index])
                index = text.index(after: index)
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return Template(segments: segments)
    }

    /// Whether `name` may be used as a variable name: `[A-Za-z_][A-Za-z0-9_.-]*`.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCIILetter || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
