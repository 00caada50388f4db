import Foundation

/// Go's output read as structure: clean lines grouped into errors, each error split into its
/// module chain and its pieces by stage. Pure: no I/O.
///
/// ```
/// go: example.com/app@v1.0.0 requires            ← requiredBy
///         git.corp.test/lib@v1.2.0: reading https://proxy.golang.org/…/@v/v1.2.0.mod: 404 Not Found
///                 ↑ module                 ↑ fragment, stage proxy
///         server response: not found: …: dial tcp: lookup git.corp.test: no such host
///                 ↑ fragment, stage proxy-response (the proxy's view, not this machine's)
/// ```
public struct GoLog: Sendable {
    /// Every line after normalisation and `-json` unfolding.
    public var lines: [LogLine]
    /// The errors (and progress lines) in order.
    public var records: [ErrorRecord]

    /// Reads a log: normalises it, unfolds `-json` strings, groups lines into errors.
    public init(text: String) {
        lines = JSONFields.unfold(LogNormalizer.lines(of: text))
        records = GoLog.group(lines).map(GoLog.read)
    }

    /// The errors that are not progress lines, each distinct text once (a CI log repeats one
    /// failure for every package that needs the module).
    public var errors: [ErrorRecord] {
        var seen = Set<String>()
        return records.filter { !$0.isProgress && seen.insert($0.text).inserted }
    }

    /// The first error that names the module it is about (`go: M@V: …`, `M@V: …`, `verifying
    /// M@V: …`, a `-json` `"Path"`, the last module of a `requires` chain), or nil.
    public var failingModule: ErrorRecord? {
        records.first { !$0.isProgress && $0.module != nil }
    }

    // MARK: - Grouping lines into errors

    /// Unindented lines Go prints as part of the error above them.
    static let continuations = [
        "Confirm the import path was entered correctly.", "If this is a private repository",
        "SECURITY ERROR", "This download does NOT match", "The go.sum file", "For more information, see",
        "If you are sure", "This may be caused", "Run 'go mod", "run 'go mod", "Please make sure you have",
        "and the repository exists.", "\tgo mod", "go: to add", "go: run 'go", "to add:", "(Run 'go"
    ]

    static func group(_ lines: [LogLine]) -> [[LogLine]] {
        var groups: [[LogLine]] = []
        var current: [LogLine] = []
        var afterBlank = false
        for line in lines {
            if line.text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                afterBlank = true
                continue
            }
            let continues: Bool
            if current.isEmpty {
                continues = false
            } else if line.isIndented {
                continues =
                    !afterBlank || startsWithKnownContinuation(String(line.text.drop { $0 == " " || $0 == "\t" }))
                    || current.last.map { $0.isIndented } == true
            } else {
                continues =
                    startsWithKnownContinuation(line.text)
                    || (!afterBlank && current.last?.text.hasSuffix(":") == true && !startsNewError(line.text))
            }
            if continues {
                current.append(line)
            } else {
                if !current.isEmpty { groups.append(current) }
                current = [line]
            }
            afterBlank = false
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    static func startsWithKnownContinuation(_ text: String) -> Bool {
        guard let first = text.utf8.first, continuationFirstBytes.contains(first) else { return false }
        return continuations.contains { text.hasPrefix($0) }
    }

    private static let continuationFirstBytes = Set(continuations.compactMap(\.utf8.first))

    static func startsNewError(_ text: String) -> Bool {
        text.hasPrefix("go: ") || text.hasPrefix("go ") || text.hasPrefix("verifying ")
    }

    // MARK: - Reading one error

    static let progressWords = [
        "downloading ", "finding ", "extracting ", "found ", "added ", "upgraded ", "downgraded ", "removed ",
        "creating new go.mod", "to add module requirements", "switching to go", "warning: ignoring symlink",
        "updates to go.mod needed", "writing go.mod"
    ]

    /// Whether the error's first line is a progress line (`go: downloading …`).
    static func isProgress(_ lines: [LogLine]) -> Bool {
        guard let first = lines.first?.text, first.hasPrefix("go: ") else { return false }
        let rest = first.dropFirst(4)
        return progressWords.contains { rest.hasPrefix($0) }
    }

    static func read(_ lines: [LogLine]) -> ErrorRecord {
        let text = lines.map(\.text).joined(separator: "\n")
        var rest = Substring(text)
        skipSpaces(&rest)
        stripFileLocation(&rest)
        stripCommandPrefixes(&rest)
        let isProgress = progressWords.contains { rest.hasPrefix($0) }
        var chain: [ModuleVersion] = []
        var subject: ModuleVersion?
        if rest.hasPrefix("verifying ") {
            let afterWord = rest.dropFirst("verifying ".count)
            if let (module, after) = leadingModule(afterWord) {
                subject = module
                rest = after
            }
        }
        while subject == nil {
            if rest.hasPrefix("module ") {
                let afterWord = rest.dropFirst("module ".count)
                let token = afterWord.prefix { !$0.isWhitespace && $0 != ":" }
                if afterWord.dropFirst(token.count).hasPrefix(": "), ModuleVersion.isModulePath(token) {
                    subject = ModuleVersion.parse(token) ?? ModuleVersion(path: String(token), version: nil)
                    rest = afterWord.dropFirst(token.count + 2)
                }
                break
            }
            let token = rest.prefix { !$0.isWhitespace && $0 != ":" }
            guard !token.isEmpty else { break }
            let after = rest.dropFirst(token.count)
            if after.hasPrefix(" requires"), let module = ModuleVersion.parse(token) {
                chain.append(module)
                rest = after.dropFirst(" requires".count)
                skipSpaces(&rest)
                continue
            }
            if after.hasPrefix(" imports"), ModuleVersion.isModulePath(token) {
                rest = after.dropFirst(" imports".count)
                skipSpaces(&rest)
                continue
            }
            if let (module, remainder) = leadingModule(rest) {
                subject = module
                rest = remainder
            }
            break
        }
        if subject == nil, !chain.isEmpty { subject = chain.removeLast() }
        let prefix = text[text.startIndex..<rest.startIndex]
        return ErrorRecord(
            lines: lines, module: subject, requiredBy: chain,
            fragments: fragments(of: rest, prefix: prefix, lines: lines, in: text), isProgress: isProgress)
    }

    /// `M@V: …` (also `M@V/go.mod: …`) at the start: the module and the text after `: `.
    /// A path without a version counts when it has a slash (`github.com/acme/lib: …`).
    static func leadingModule(_ text: Substring) -> (ModuleVersion, Substring)? {
        let token = text.prefix { !$0.isWhitespace && $0 != ":" }
        let after = text.dropFirst(token.count)
        guard after.hasPrefix(": ") || after.hasPrefix(":\n") || after == ":" else { return nil }
        var name = token
        if name.hasSuffix("/go.mod") { name = name.dropLast("/go.mod".count) }
        if let module = ModuleVersion.parse(name) { return (module, after.dropFirst(1).drop { $0 == " " }) }
        if name.contains("/"), !name.contains("@"), ModuleVersion.isModulePath(name), !name.hasSuffix(".go"),
            name.first != "/", !name.contains("://")
        {
            return (ModuleVersion(path: String(name), version: nil), after.dropFirst(1).drop { $0 == " " })
        }
        return nil
    }

    static func skipSpaces(_ text: inout Substring) {
        text = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
    }

    /// `main.go:4:2: ` (go build names the import that needs the module).
    static func stripFileLocation(_ text: inout Substring) {
        let token = text.prefix { !$0.isWhitespace }
        guard token.hasSuffix(":"), token.contains(".go:") else { return }
        text = text.dropFirst(token.count)
        skipSpaces(&text)
    }

    /// `go: `, and older releases' `go get: `, `go mod download: `, `go: go: `, ….
    static func stripCommandPrefixes(_ text: inout Substring) {
        while true {
            if text.hasPrefix("go: ") {
                text = text.dropFirst(4)
                continue
            }
            guard text.hasPrefix("go ") else { return }
            let words = text.dropFirst(3).prefix { $0 != ":" && $0 != "\n" }
            guard text.dropFirst(3 + words.count).hasPrefix(": "), words.count <= 24,
                words.allSatisfy({ $0.isLowercase || $0 == " " || $0 == "-" })
            else { return }
            text = text.dropFirst(3 + words.count + 2)
        }
    }

    // MARK: - Pieces by stage

    /// Splits the message after the chain at `server response:` (a server's answer follows) and
    /// at `exit status N:` (the command's stderr follows).
    static func fragments(of message: Substring, prefix: Substring, lines: [LogLine], in text: String) -> [Fragment] {
        let whole = message.startIndex..<message.endIndex
        var goRange = whole
        var responseRange: Range<String.Index>?
        let messageStart = text.utf8.distance(from: text.startIndex, to: message.startIndex)
        if let marker = ByteSearch.offset(of: serverResponse, in: text, from: messageStart) {
            let lower = text.index(utf8Offset: marker)
            goRange = message.startIndex..<lower
            responseRange = text.index(utf8Offset: marker + serverResponse.count)..<message.endIndex
        }
        var stderrRange: Range<String.Index>?
        if let status = exitStatus(in: text, range: goRange) {
            stderrRange = status.upperBound..<goRange.upperBound
            goRange = goRange.lowerBound..<status.upperBound
        }
        let goStage = Stage.of(goText: String(prefix) + String(text[goRange]))
        var result = [piece(goRange, stage: goStage, lines: lines, in: text)]
        if let stderrRange, !text[stderrRange].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // Usually git's stderr; when the command was go itself (`go list … exit status 1: go: …`),
            // its words say which stage they belong to.
            let said = Stage.of(goText: String(text[stderrRange]))
            result.append(piece(stderrRange, stage: said == .other ? .vcs : said, lines: lines, in: text))
        }
        if let responseRange {
            let answerStage: Stage = goStage == .sumdb ? .sumdbResponse : .proxyResponse
            result.append(piece(responseRange, stage: answerStage, lines: lines, in: text))
        }
        return result.filter { !$0.text.isEmpty }
    }

    /// The range of the first `exit status N:` in `range`.
    static func exitStatus(in text: String, range: Range<String.Index>) -> Range<String.Index>? {
        var from = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let limit = text.utf8.distance(from: text.startIndex, to: range.upperBound)
        while let offset = ByteSearch.offset(of: exitStatusWords, in: text, from: from), offset < limit {
            let found = text.index(utf8Offset: offset)
            let afterWords = text.index(utf8Offset: offset + exitStatusWords.count)
            let digits = text[afterWords..<range.upperBound].prefix { $0.isASCII && $0.isNumber }
            let end = text.index(afterWords, offsetBy: digits.count)
            if !digits.isEmpty, end < range.upperBound, text[end] == ":" {
                return found..<text.index(after: end)
            }
            from = offset + exitStatusWords.count
        }
        return nil
    }

    static let serverResponse = Array("server response:".utf8)
    static let exitStatusWords = Array("exit status ".utf8)

    /// The fragment for a range of the error's text (leading blanks dropped), with the lines it spans.
    static func piece(_ range: Range<String.Index>, stage: Stage, lines: [LogLine], in text: String) -> Fragment {
        var start = range.lowerBound
        while start < range.upperBound, text[start] == " " || text[start] == "\n" || text[start] == "\t" {
            start = text.index(after: start)
        }
        var end = range.upperBound
        while end > start, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        let firstLine = text[text.startIndex..<start].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        let body = String(text[start..<end])
        let count = body.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let spanned = Array(lines[min(firstLine, lines.count - 1)..<min(firstLine + count, lines.count)])
        return Fragment(stage: stage, text: body, lines: spanned)
    }
}
