/// Checks a branch condition against the step it sits in and builds the tree's `Condition`.
struct ConditionCompiler {
    let terms: TermChecker
    /// The cause and signature ids `cause` and `signature` tests may name.
    let catalog: CatalogReferences
    /// Whether the step the branch belongs to runs a command (`exit`, `in` make sense).
    let runs: Bool
    /// Whether the step the branch belongs to proposes a fix (`fix:` makes sense).
    let fixes: Bool

    /// The condition, or nil after reporting its problems.
    func compile(_ syntax: ConditionSyntax, problems: inout Problems) -> Condition? {
        let at = syntax.location
        switch syntax.kind {
        case .exitCode(let codes):
            guard requireRun("exit", at: at, problems: &problems) else { return nil }
            return Condition(.exitCode(codes), at: at)
        case .timedOut(let value):
            guard requireRun("timed-out", at: at, problems: &problems) else { return nil }
            return Condition(.timedOut(value), at: at)
        case .output(let stream, let test):
            let fits = requireRun(test.catalogKey ?? "in", at: at, problems: &problems)
            guard let test = compile(test, problems: &problems), fits else { return nil }
            return Condition(.output(stream, test), at: at)
        case .variable(let name, let test):
            terms.check(variable: name, problems: &problems)
            guard let test = compile(test, problems: &problems) else { return nil }
            return Condition(.variable(name.value, test), at: at)
        case .goEnv(let key, let test):
            terms.check(goEnvKey: key, problems: &problems)
            guard let test = compile(test, problems: &problems) else { return nil }
            return Condition(.goEnv(key.value, test), at: at)
        case .fix(let result):
            guard fixes else {
                problems.error(at, "'fix: \(result.rawValue)' only makes sense on a step with a 'fix'")
                return nil
            }
            return Condition(.fix(result), at: at)
        case .all(let list):
            let compiled = list.compactMap { compile($0, problems: &problems) }
            return compiled.count == list.count ? Condition(.all(compiled), at: at) : nil
        case .any(let list):
            let compiled = list.compactMap { compile($0, problems: &problems) }
            return compiled.count == list.count ? Condition(.any(compiled), at: at) : nil
        case .not(let inner):
            return compile(inner, problems: &problems).map { Condition(.not($0), at: at) }
        }
    }

    private func requireRun(_ key: String, at: SourceLocation, problems: inout Problems) -> Bool {
        guard !runs else { return true }
        problems.error(at, "'\(key)' only makes sense on a step that runs a command ('run')")
        return false
    }

    private func compile(_ test: TextTestSyntax, problems: inout Problems) -> TextTest? {
        switch test {
        case .equals(let template):
            terms.check(template, in: "equals", problems: &problems)
            return .equals(template.value)
        case .contains(let template):
            terms.check(template, in: "contains", problems: &problems)
            return .contains(template.value)
        case .matches(let source):
            return terms.pattern(source, in: "matches", problems: &problems).map { .matches($0) }
        case .isEmpty(let value):
            return .isEmpty(value)
        case .signature(let id):
            catalog.check(signature: id, problems: &problems)
            return .signature(id.value)
        case .cause(let id):
            catalog.check(cause: id, in: nil, problems: &problems)
            return .cause(id.value)
        }
    }
}

extension TextTestSyntax {
    /// `signature` or `cause` for a catalog test (which alone means `in: output`), else nil.
    fileprivate var catalogKey: String? {
        switch self {
        case .signature: "signature"
        case .cause: "cause"
        default: nil
        }
    }
}
