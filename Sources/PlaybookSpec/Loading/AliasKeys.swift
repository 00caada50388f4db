import Yams

/// Refuses an alias (`*name`) inside a mapping key before Yams parses the text for real.
///
/// Yams compares the keys of every mapping by hashing each key whole, and an alias is hashed as
/// the whole node it names: an alias to a "billion laughs" list, used as a key, would keep Yams
/// busy for hours before the loader (and its `NodeBudget`) sees a single node. No playbook needs
/// an alias as a key. So when a text defines an anchor (`&name`), a copy with every `*` replaced
/// by a private-use character is parsed first: that copy has no aliases (each became a plain
/// text at the same place), so it parses in time proportional to its length, and its keys show
/// where an alias would have stood. Texts without an anchor cannot use an alias and skip this.
enum AliasKeys {
    /// What stands for `*` in the copy.
    static let marker: Unicode.Scalar = "\u{E100}"

    /// Throws at the first key of `text` that holds an alias, or at the first YAML error of the
    /// copy (one the text has too, since the copy differs only in its aliases).
    static func check(_ text: String, file: String) throws(Diagnostic) {
        guard definesAnchor(text) else { return }
        var copy = String.UnicodeScalarView()
        copy.append(contentsOf: text.unicodeScalars.lazy.map { $0 == "*" ? marker : $0 })
        let root: Node?
        do {
            root = try YAMLText.parseRenamingRepeats(String(copy), original: text, file: file).root
        } catch {
            throw Diagnostic(at: error.location, error.message.replacingOccurrences(of: String(marker), with: "*"))
        }
        guard let root, let alias = firstAliasInKey(root) else { return }
        let name = alias.string.unicodeScalars.dropFirst()
        throw Diagnostic(
            at: SourceLocation(file: file, line: alias.mark?.line ?? 1, column: alias.mark?.column ?? 1),
            "an alias (*\(String(String.UnicodeScalarView(name)))) cannot be a key; write the key out")
    }

    /// Whether `text` has an `&` followed by a character an anchor name may start with.
    static func definesAnchor(_ text: String) -> Bool {
        let bytes = text.utf8
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: "&"), isAnchorByte(byte) { return true }
            previous = byte
        }
        return false
    }

    /// libyaml's anchor characters: ASCII letters, digits, `_` and `-`.
    private static func isAnchorByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// The first alias, turned into a plain text starting with `marker`, inside any key of the
    /// tree (depth first, in file order).
    static func firstAliasInKey(_ node: Node, inKey: Bool = false) -> Node.Scalar? {
        switch node {
        case .scalar(let scalar):
            return inKey && scalar.style == .plain && scalar.string.unicodeScalars.first == marker ? scalar : nil
        case .sequence(let sequence):
            for element in sequence {
                if let found = firstAliasInKey(element, inKey: inKey) { return found }
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAliasInKey(key, inKey: true) ?? firstAliasInKey(value, inKey: inKey) {
                    return found
                }
            }
        case .alias:
            break
        }
        return nil
    }
}
