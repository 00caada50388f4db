import Foundation
import Yams

/// Parses YAML text into Yams nodes, turning Yams errors into diagnostics.
///
/// Every scalar stays a string (`Resolver.basic`): the loader decides what `yes`, `5` or `~` mean
/// where it reads them, so `choices: [yes, no]` stays text and `timeout: 5` can be told apart
/// from `timeout: 5s`.
///
/// Yams refuses mappings with repeated keys, but two steps with one id must reach the validator,
/// which reports both places. So when the repeated key is a step id, the later occurrence is
/// renamed in the text to a same-length private name (columns stay true) and the text composed
/// again; `renamed` maps those private names back to the id as written.
struct YAMLComposer {
    let file: String

    struct Composed {
        var root: Node
        /// Private key name → the step id as written.
        var renamed: [String: String]
    }

    func compose(_ text: String) throws(Diagnostic) -> Composed {
        var scalars = Array(text.unicodeScalars)
        var working = text
        var renamed: [String: String] = [:]
        var handled: Set<String> = []
        while true {
            do {
                guard let root = try Yams.compose(yaml: working, .basic) else {
                    throw Diagnostic(at: location(1, 1), "the file is empty; a playbook starts with 'gotriage: 1'")
                }
                return Composed(root: root, renamed: renamed)
            } catch let error as Diagnostic {
                throw error
            } catch let error as YamlError {
                guard case .duplicatedKeysInMapping(let keys, let context) = error,
                    let key = keys.sorted().first,
                    let later = laterOccurrences(of: key, after: context.mark, in: scalars),
                    handled.insert("\(key)@\(context.mark)").inserted
                else { throw diagnostic(for: error) }
                guard isDirectlyUnderSteps(context.mark, in: scalars) else {
                    let second = later[0]
                    throw Diagnostic(at: location(second.line, second.column),
                                     "'\(key)' is written twice; first written at line \(context.mark.line)")
                }
                for place in later {
                    let name = privateName(number: renamed.count, length: key.unicodeScalars.count)
                    renamed[name] = key
                    replace(at: place, length: key.unicodeScalars.count, with: name, in: &scalars)
                }
                var rebuilt = String.UnicodeScalarView()
                rebuilt.append(contentsOf: scalars)
                working = String(rebuilt)
            } catch {
                throw Diagnostic(at: location(1, 1), "cannot read the YAML: \(error)")
            }
        }
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// A YAML syntax error at its own line and column, in libyaml's words.
    func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) that started at line \($0.mark.line))" } ?? ""
            return Diagnostic(at: location(mark.line, mark.column), "YAML syntax error: \(problem)\(while_)")
        case .reader(let problem, _, _, _):
            return Diagnostic(at: location(1, 1), "the file is not readable text: \(problem)")
        case .duplicatedKeysInMapping(let keys, let context):
            let list = keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(at: location(context.mark.line, context.mark.column),
                              "\(list) is written twice in the same mapping; keep one")
        default:
            return Diagnostic(at: location(1, 1), "cannot read the YAML: \(error)")
        }
    }

    // MARK: Finding and renaming repeated step ids

    /// 1-based (line, column) of each later key `key` at the same indentation as `first`, up to the
    /// end of that block mapping; nil when the key cannot be found verbatim (a flow mapping, say).
    private func laterOccurrences(of key: String, after first: Mark,
                                  in scalars: [Unicode.Scalar]) -> [(line: Int, column: Int)]? {
        let keyScalars = Array(key.unicodeScalars)
        var found: [(line: Int, column: Int)] = []
        var lineNumber = 1
        var start = 0
        while start <= scalars.count {
            var end = start
            while end < scalars.count, scalars[end] != "\n" { end += 1 }
            if lineNumber > first.line {
                let line = scalars[start..<end]
                let indent = line.prefix { $0 == " " }.count
                let content = line.dropFirst(indent)
                let blank = content.isEmpty || content.first == "#" || content.allSatisfy { $0 == " " || $0 == "\r" }
                if !blank {
                    if indent < first.column - 1 { break }
                    if indent == first.column - 1, Self.startsWithKey(keyScalars, content) {
                        found.append((lineNumber, first.column))
                    }
                }
            }
            lineNumber += 1
            start = end + 1
        }
        return found.isEmpty ? nil : found
    }

    private static func startsWithKey(_ key: [Unicode.Scalar], _ content: ArraySlice<Unicode.Scalar>) -> Bool {
        guard content.starts(with: key) else { return false }
        let rest = content.dropFirst(key.count).drop { $0 == " " }
        return rest.first == ":"
    }

    /// Whether the mapping whose first key is at `mark` is the value of a top-level `steps:` key.
    private func isDirectlyUnderSteps(_ mark: Mark, in scalars: [Unicode.Scalar]) -> Bool {
        let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        var index = mark.line - 2
        while index >= 0 {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if !content.isEmpty, content.first != "#", indent < mark.column - 1 {
                return indent == 0 && content.starts(with: "steps".unicodeScalars)
                    && content.dropFirst(5).drop { $0 == " " }.first == ":"
            }
            index -= 1
        }
        return false
    }

    /// A key nobody writes: private-use scalars, as many as the original had.
    private func privateName(number: Int, length: Int) -> String {
        var name = String.UnicodeScalarView()
        var rest = number
        for _ in 0..<max(length, 1) {
            name.append(Unicode.Scalar(0xE000 + UInt32(rest % 0x1000)) ?? "_")
            rest /= 0x1000
        }
        if rest > 0 { name.append(Unicode.Scalar(0xF000 + UInt32(rest % 0x800)) ?? "_") }
        return String(name)
    }

    private func replace(at place: (line: Int, column: Int), length: Int, with name: String,
                         in scalars: inout [Unicode.Scalar]) {
        var line = 1
        var offset = 0
        while line < place.line, offset < scalars.count {
            if scalars[offset] == "\n" { line += 1 }
            offset += 1
        }
        let start = offset + place.column - 1
        guard start + length <= scalars.count else { return }
        scalars.replaceSubrange(start..<start + length, with: Array(name.unicodeScalars))
    }
}
