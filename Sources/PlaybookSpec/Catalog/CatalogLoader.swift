import Diagnosis
import Foundation
import Yams

/// Reads and checks `causes.yaml`: the causes, their signatures and the verbatim examples each
/// signature must claim first. Collects every problem (a YAML syntax error stops it at once) and
/// reports them as `file:line:col: error: …`. The format is described in `Playbooks/README.md`.
public enum CatalogLoader {
    /// The file name the catalog has in a playbook folder.
    public static let fileName = "causes.yaml"
    static let formatKey = "gotriage-causes"
    static let topKeys = [formatKey, "causes", "signatures"]
    static let causeKeys = ["title", "meaning", "start", "help"]
    static let signatureKeys = ["cause", "match", "module", "stage", "outranks", "confidence", "also", "reason", "go", "examples"]
    static let exampleKeys = ["text", "go", "source"]

    /// Reads the file at `path` and loads it; `validated` may vouch for its text.
    public static func load(file path: String, validated: (any ValidatedTexts)? = nil) -> Result<LoadedCatalog, CatalogFailure> {
        let at = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(CatalogFailure([Diagnostic(at: at, "cannot read '\(path)'")]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(CatalogFailure([Diagnostic(at: at, "'\(path)' is not UTF-8 text")]))
        }
        return load(text: text, file: path, validated: validated)
    }

    /// Loads a catalog from its text; `file` names it in diagnostics. The regex and example checks
    /// are skipped only when `validated` vouches for this very text.
    public static func load(
        text: String, file: String, validated: (any ValidatedTexts)? = nil
    ) -> Result<LoadedCatalog, CatalogFailure> {
        var problems: [Diagnostic] = []
        // This build loaded this very text without a problem before: its regexes compile and
        // its examples are claimed by their own signatures, so neither is checked again.
        let vouched = validated?.hasPassed(text) == true
        let root: Node
        do throws(CatalogFailure) {
            guard let parsed = try CatalogNode.root(of: text, file: file) else {
                return .failure(
                    CatalogFailure([
                        Diagnostic(
                            at: SourceLocation(file: file, line: 1, column: 1),
                            "the file is empty; a cause catalog starts with 'gotriage-causes: 1'")
                    ]))
            }
            root = parsed
        } catch {
            return .failure(error)
        }
        let top = CatalogNode(node: root, file: file)
        guard let pairs = top.pairs else {
            return .failure(
                CatalogFailure([
                    Diagnostic(
                        at: top.location,
                        "a cause catalog is a mapping of 'gotriage-causes', 'causes' and 'signatures', not \(top.kind)")
                ]))
        }
        let fields = Fields(pairs, in: "the catalog", known: topKeys, problems: &problems)
        if let format = fields.required(formatKey, in: "the catalog", at: top.location, problems: &problems),
            format.scalar != "1"
        {
            problems.append(
                Diagnostic(at: format.location, "'\(formatKey)' must be 1, the only format version there is (got \(format.kind))"))
        }
        var causes: [Cause] = []
        var causeLocations: [String: SourceLocation] = [:]
        var startLocations: [String: SourceLocation] = [:]
        if let node = fields.required("causes", in: "the catalog", at: top.location, problems: &problems) {
            for (key, value) in entries(node, what: "causes", problems: &problems) {
                guard let id = identifier(key, what: "cause", seen: causeLocations, problems: &problems) else { continue }
                causeLocations[id] = key.location
                if let cause = readCause(id: id, value, startLocation: &startLocations, problems: &problems) {
                    causes.append(cause)
                }
            }
        }
        var signatures: [Signature] = []
        var signatureLocations: [String: SourceLocation] = [:]
        var pending: [PendingChecks] = []
        if let node = fields.required("signatures", in: "the catalog", at: top.location, problems: &problems) {
            for (key, value) in entries(node, what: "signatures", problems: &problems) {
                guard let id = identifier(key, what: "signature", seen: signatureLocations, problems: &problems) else { continue }
                signatureLocations[id] = key.location
                if let (signature, checks) = readSignature(id: id, value, vouched: vouched, problems: &problems) {
                    signatures.append(signature)
                    pending.append(checks)
                }
            }
        }
        let causeIDs = causes.map(\.id)
        for checks in pending {
            if let cause = checks.cause, !causeLocations.keys.contains(cause.value) {
                problems.append(
                    Diagnostic(at: cause.location, "unknown cause '\(cause.value)'\(Suggestion.didYouMean(cause.value, among: causeIDs))"))
            }
            for alternative in checks.alternatives where !causeLocations.keys.contains(alternative.value) {
                problems.append(
                    Diagnostic(
                        at: alternative.location,
                        "unknown cause '\(alternative.value)' in also\(Suggestion.didYouMean(alternative.value, among: causeIDs))"))
            }
            for other in checks.outranks where !signatureLocations.keys.contains(other.value) {
                problems.append(
                    Diagnostic(
                        at: other.location,
                        "unknown signature '\(other.value)' in outranks\(Suggestion.didYouMean(other.value, among: signatureLocations.keys.sorted()))"
                    ))
            }
        }
        let catalog = Catalog(causes: causes, signatures: signatures)
        guard problems.isEmpty else { return .failure(CatalogFailure(problems)) }
        let diagnoser = Diagnoser(catalog: catalog)
        if !vouched {
            problems += ExampleCheck.problems(diagnoser: diagnoser, examples: pending.flatMap(\.examples))
            guard problems.isEmpty else { return .failure(CatalogFailure(problems)) }
            validated?.recordPassed(text)
        }
        return .success(
            LoadedCatalog(
                diagnoser: diagnoser, file: file, causeLocations: causeLocations,
                startLocations: startLocations))
    }

    // MARK: - Causes

    static func readCause(
        id: String, _ node: CatalogNode, startLocation: inout [String: SourceLocation],
        problems: inout [Diagnostic]
    ) -> Cause? {
        let what = "cause '\(id)'"
        guard let pairs = node.pairs else {
            problems.append(Diagnostic(at: node.location, "\(what) should be a mapping with 'title' and 'meaning', not \(node.kind)"))
            return nil
        }
        let fields = Fields(pairs, in: what, known: causeKeys, problems: &problems)
        let title = fields.text("title", in: what, required: true, at: node.location, problems: &problems)
        let meaning = fields.text("meaning", in: what, required: true, at: node.location, problems: &problems)
        let help = fields.text("help", in: what, required: false, at: node.location, problems: &problems)
        var start: StepRef?
        if let value = fields["start"], !value.isNull {
            if let text = value.scalar, let ref = StepRef(text) {
                start = ref
                startLocation[id] = value.location
            } else {
                problems.append(
                    Diagnostic(at: value.location, "'start' names a playbook and a step, as in private-modules:triage (got \(value.kind))"))
            }
        }
        guard let title, let meaning else { return nil }
        return Cause(id: id, title: title, meaning: meaning, start: start, help: help)
    }

    // MARK: - Signatures

    /// What can only be checked once every cause and signature is read.
    struct PendingChecks {
        var cause: Located<String>?
        var alternatives: [Located<String>] = []
        var outranks: [Located<String>] = []
        var examples: [ExampleCheck.Item] = []
    }

    static func readSignature(
        id: String, _ node: CatalogNode, vouched: Bool, problems: inout [Diagnostic]
    ) -> (Signature, PendingChecks)? {
        let what = "signature '\(id)'"
        guard let pairs = node.pairs else {
            problems.append(
                Diagnostic(at: node.location, "\(what) should be a mapping with 'cause', 'match' and 'examples', not \(node.kind)"))
            return nil
        }
        let fields = Fields(pairs, in: what, known: signatureKeys, problems: &problems)
        var checks = PendingChecks()
        let cause = fields.required("cause", in: what, at: node.location, problems: &problems)
        if let cause {
            if let text = cause.scalar, !text.isEmpty {
                checks.cause = Located(text, at: cause.location)
            } else {
                problems.append(Diagnostic(at: cause.location, "'cause' should be a cause id, not \(cause.kind)"))
            }
        }
        var patterns: [SignaturePattern] = []
        if let match = fields.required("match", in: what, at: node.location, problems: &problems) {
            for entry in words(match, key: "match", problems: &problems) {
                let badNames = Pattern.namedGroups(in: entry.value).filter { !isFactName($0) }
                for name in badNames {
                    problems.append(
                        Diagnostic(
                            at: entry.location,
                            "group name '\(name)' in '\(entry.value)' is not a fact name; use lower-case letters and digits, starting with a letter (module, version, host)"
                        ))
                }
                guard badNames.isEmpty else { continue }
                do {
                    patterns.append(try signaturePattern(entry.value, vouched: vouched))
                } catch let error as PatternError {
                    problems.append(
                        Diagnostic(
                            at: entry.location,
                            "invalid regular expression '\(entry.value)' in match: \(TermChecker.reason(entry.value, error))"))
                } catch {
                    problems.append(Diagnostic(at: entry.location, "invalid regular expression '\(entry.value)' in match"))
                }
            }
        }
        var stages = Stage.ownWords
        if let stage = fields["stage"] {
            stages = []
            for entry in words(stage, key: "stage", problems: &problems) {
                if let known = Stage(rawValue: entry.value) {
                    stages.insert(known)
                } else {
                    let names = Stage.allCases.map(\.rawValue)
                    let hint =
                        Suggestion.closest(to: entry.value, among: names).map { "; did you mean '\($0)'?" }
                        ?? "; the stages are \(names.joined(separator: ", "))"
                    problems.append(Diagnostic(at: entry.location, "unknown stage '\(entry.value)'\(hint)"))
                }
            }
        }
        if let outranks = fields["outranks"] { checks.outranks = words(outranks, key: "outranks", problems: &problems) }
        if let also = fields["also"] { checks.alternatives = words(also, key: "also", problems: &problems) }
        var confidence = 0.8
        if let value = fields["confidence"] {
            if let text = value.scalar, let number = Double(text), number > 0, number <= 1 {
                confidence = number
            } else {
                problems.append(
                    Diagnostic(at: value.location, "'confidence' should be a number above 0 and at most 1, as in 0.8 (got \(value.kind))"))
            }
        }
        var modulePattern: SignaturePattern?
        if let module = fields.text("module", in: what, required: false, at: node.location, problems: &problems) {
            do {
                modulePattern = try signaturePattern(module, vouched: vouched)
            } catch let error as PatternError {
                problems.append(
                    Diagnostic(
                        at: fields["module"]?.location ?? node.location,
                        "invalid regular expression '\(module)' in module: \(TermChecker.reason(module, error))"))
            } catch {
                problems.append(
                    Diagnostic(at: fields["module"]?.location ?? node.location, "invalid regular expression '\(module)' in module"))
            }
        }
        let reason = fields.text("reason", in: what, required: false, at: node.location, problems: &problems)
        let releases = fields.text("go", in: what, required: false, at: node.location, problems: &problems)
        var examples: [Example] = []
        if let list = fields.required("examples", in: what, at: node.location, problems: &problems) {
            if let items = list.items, items.isEmpty {
                problems.append(
                    Diagnostic(
                        at: list.location, "'examples' is an empty list; a signature needs at least one verbatim error text it must claim"))
            } else if let items = list.items {
                for item in items {
                    guard let example = readExample(item, problems: &problems) else { continue }
                    examples.append(example)
                    checks.examples.append(ExampleCheck.Item(signature: id, example: example, location: item.location))
                }
            } else {
                problems.append(
                    Diagnostic(
                        at: list.location,
                        "'examples' should be a list of verbatim error texts, each with 'text' and 'go' or 'source' (got \(list.kind))"))
            }
        }
        let signature = Signature(
            id: id, cause: checks.cause?.value ?? "", patterns: patterns, stages: stages,
            outranks: Set(checks.outranks.map(\.value)), confidence: confidence,
            alternatives: checks.alternatives.map(\.value), reason: reason, goReleases: releases,
            examples: examples
        ).onlyFor(modules: modulePattern)
        return (signature, checks)
    }

    /// `source` checked as the playbooks check a regex (for its plain-words reason) and compiled;
    /// in a vouched catalog, compiled when first tried.
    static func signaturePattern(_ source: String, vouched: Bool) throws -> SignaturePattern {
        if vouched { return .vouched(source) }
        _ = try Pattern(source)
        return try SignaturePattern(source)
    }

    static func readExample(_ node: CatalogNode, problems: inout [Diagnostic]) -> Example? {
        guard let pairs = node.pairs else {
            problems.append(
                Diagnostic(at: node.location, "an example should be a mapping with 'text' and 'go' or 'source', not \(node.kind)"))
            return nil
        }
        let what = "example"
        let fields = Fields(pairs, in: what, known: exampleKeys, problems: &problems)
        let text = fields.text("text", in: what, required: true, at: node.location, problems: &problems)
        let release = fields.text("go", in: what, required: false, at: node.location, problems: &problems)
        let source = fields.text("source", in: what, required: false, at: node.location, problems: &problems)
        if release == nil, source == nil {
            problems.append(
                Diagnostic(
                    at: node.location,
                    "an example needs 'go' (the release that printed it, as in 1.19.8) or 'source' (the address of the public report)"))
        }
        if let source, !source.hasPrefix("https://"), !source.hasPrefix("http://") {
            problems.append(
                Diagnostic(
                    at: fields["source"]?.location ?? node.location,
                    "'source' should be the address of the public report, as in https://github.com/golang/go/issues/123 (got '\(source)')"))
        }
        guard let text else { return nil }
        return Example(text: text, goRelease: release, source: source)
    }

    // MARK: - Helpers

    /// The `id: {…}` entries of a mapping.
    static func entries(_ node: CatalogNode, what: String, problems: inout [Diagnostic]) -> [(CatalogNode, CatalogNode)] {
        guard let pairs = node.pairs else {
            problems.append(Diagnostic(at: node.location, "'\(what)' should be a mapping of ids to entries, not \(node.kind)"))
            return []
        }
        return pairs.map { ($0.key, $0.value) }
    }

    /// The id of an entry; reports a malformed or repeated one.
    static func identifier(_ key: CatalogNode, what: String, seen: [String: SourceLocation], problems: inout [Diagnostic]) -> String? {
        guard let id = key.scalar else {
            problems.append(Diagnostic(at: key.location, "a \(what) id should be text, not \(key.kind)"))
            return nil
        }
        guard isIdentifier(id) else {
            problems.append(
                Diagnostic(
                    at: key.location, "\(what) id '\(id)' may use only lower-case letters, digits and '-', starting with a letter or digit")
            )
            return nil
        }
        if let first = seen[id] {
            problems.append(Diagnostic(at: key.location, "\(what) '\(id)' is defined twice; first defined at line \(first.line)"))
            return nil
        }
        return id
    }

    /// A text or a list of texts, each with its location.
    static func words(_ node: CatalogNode, key: String, problems: inout [Diagnostic]) -> [Located<String>] {
        if let text = node.scalar, !node.isNull { return [Located(text, at: node.location)] }
        guard let items = node.items else {
            problems.append(Diagnostic(at: node.location, "'\(key)' should be text or a list of texts, not \(node.kind)"))
            return []
        }
        var result: [Located<String>] = []
        for item in items {
            if let text = item.scalar {
                result.append(Located(text, at: item.location))
            } else {
                problems.append(Diagnostic(at: item.location, "each entry of '\(key)' should be text, not \(item.kind)"))
            }
        }
        return result
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isLowerDigit else { return false }
        return text.unicodeScalars.allSatisfy { $0.isLowerDigit || $0 == "-" }
    }

    static func isFactName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy(\.isLowerDigit)
    }
}

/// The keys of one mapping: unknown and repeated keys are reported once, on creation.
struct Fields {
    private var values: [String: CatalogNode] = [:]

    init(_ pairs: [(key: CatalogNode, value: CatalogNode)], in what: String, known: [String], problems: inout [Diagnostic]) {
        var firstLines: [String: Int] = [:]
        for (key, value) in pairs {
            guard let name = key.scalar else {
                problems.append(Diagnostic(at: key.location, "a key in \(what) should be text, not \(key.kind)"))
                continue
            }
            if name.hasPrefix("x-") { continue }
            guard known.contains(name) else {
                let hint =
                    Suggestion.closest(to: name, among: known).map { "; did you mean '\($0)'?" }
                    ?? "; the keys are \(known.joined(separator: ", "))"
                problems.append(Diagnostic(at: key.location, "unknown key '\(name)' in \(what)\(hint)"))
                continue
            }
            if let line = firstLines[name] {
                problems.append(Diagnostic(at: key.location, "'\(name)' is written twice; first written at line \(line)"))
                continue
            }
            firstLines[name] = key.location.line
            values[name] = value
        }
    }

    subscript(_ key: String) -> CatalogNode? { values[key] }

    func required(_ key: String, in what: String, at location: SourceLocation, problems: inout [Diagnostic]) -> CatalogNode? {
        guard let value = values[key] else {
            problems.append(Diagnostic(at: location, "missing key '\(key)' in \(what)"))
            return nil
        }
        return value
    }

    /// A text value; reports a missing required one, a mapping or list, or an empty one.
    func text(_ key: String, in what: String, required: Bool, at location: SourceLocation, problems: inout [Diagnostic]) -> String? {
        guard let value = values[key] else {
            if required { problems.append(Diagnostic(at: location, "missing key '\(key)' in \(what)")) }
            return nil
        }
        // Blank is spaces and tabs only (as `CharacterSet.whitespaces`), looked for without copying
        // the text: examples are long.
        guard let text = value.scalar, !value.isNull,
            text.unicodeScalars.contains(where: { $0 != "\t" && $0.properties.generalCategory != .spaceSeparator })
        else {
            problems.append(Diagnostic(at: value.location, "'\(key)' should be text, not \(value.isNull ? "empty" : value.kind)"))
            return nil
        }
        return text
    }
}

extension Unicode.Scalar {
    fileprivate var isLowerDigit: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
}
