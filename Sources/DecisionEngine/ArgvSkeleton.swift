import Foundation
import PlaybookSpec

/// A rendered template reduced to the characters that decide what it means to a program, each
/// marked with whether a variable put it there.
///
/// Each segment is normalised on its own with NFKC (so a fullwidth `－` is a `-`), then combining
/// marks and format characters (zero-width spaces and joiners, the byte-order mark, bidi controls)
/// are dropped: a program reads the bytes, and `-\u{301}-x` still starts with `-`. The skeleton is
/// only ever looked at; the probe runs with the value as it was given.
enum ArgvSkeleton {
    /// One character of the skeleton.
    struct Piece: Equatable {
        let scalar: Unicode.Scalar
        /// Whether it came from a variable's value rather than the playbook's own text.
        let fromVariable: Bool
    }

    /// The skeleton of `template` rendered with `value(of:)`, segment by segment.
    static func pieces(of template: Template, value: (String) -> String?) -> [Piece] {
        var pieces: [Piece] = []
        for segment in template.segments {
            let (text, fromVariable) =
                switch segment {
                case .literal(let text): (text, false)
                case .variable(let name): (value(name) ?? "", true)
                }
            for scalar in skeleton(of: text) { pieces.append(Piece(scalar: scalar, fromVariable: fromVariable)) }
        }
        return pieces
    }

    /// `text` after NFKC, without combining marks and format characters.
    static func skeleton(of text: String) -> [Unicode.Scalar] {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return Array(text.unicodeScalars) }
        return text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: false
            default: true
            }
        }
    }
}
