/// A YAML node as the loader sees it: text, list or mapping, with its 1-based position.
///
/// Scalars stay text (no YAML 1.1 guessing: `yes` is the word "yes", `5` is the text "5"); the
/// loader decides what a value means where it reads it. Mappings keep every pair in file order,
/// repeated keys included, so two steps with one id both reach the validator.
enum YAMLNode {
    case scalar(Scalar)
    case sequence([YAMLNode], Position)
    case mapping([(key: YAMLNode, value: YAMLNode)], Position)

    /// 1-based line and column (columns count Unicode scalars).
    struct Position {
        var line: Int
        var column: Int
    }

    struct Scalar {
        enum Style {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        var string: String
        var style: Style
        var position: Position
    }

    var position: Position {
        switch self {
        case .scalar(let scalar): scalar.position
        case .sequence(_, let position), .mapping(_, let position): position
        }
    }
}
