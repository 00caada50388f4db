import PlaybookSpec

/// Conditions in plain words, for `why` and reports.
enum ConditionDescription {
    static func describe(_ condition: Condition) -> String {
        switch condition.kind {
        case .exitCode(let codes):
            codes.count == 1 ? "the exit code is \(codes[0])" : "the exit code is one of \(codes.map(String.init).joined(separator: ", "))"
        case .timedOut(let wanted):
            wanted ? "the command timed out" : "the command finished in time"
        case .output(let stream, let test):
            "\(streamName(stream)) \(describe(test))"
        case .variable(let name, let test):
            "\(name) \(describe(test))"
        case .goEnv(let key, let test):
            "go env \(key) \(describe(test))"
        case .fix(let result):
            "the fix was \(result.rawValue)"
        case .all(let conditions):
            conditions.map(describe).joined(separator: " and ")
        case .any(let conditions):
            conditions.map(describe).joined(separator: " or ")
        case .not(let inner):
            negated(inner) ?? "not (\(describe(inner)))"
        }
    }

    /// A negated emptiness test read the way it is meant ("module is not empty"); nil for others.
    private static func negated(_ condition: Condition) -> String? {
        switch condition.kind {
        case .variable(let name, .isEmpty(let wanted)): "\(name) \(describe(.isEmpty(!wanted)))"
        case .goEnv(let key, .isEmpty(let wanted)): "go env \(key) \(describe(.isEmpty(!wanted)))"
        case .output(let stream, .isEmpty(let wanted)): "\(streamName(stream)) \(describe(.isEmpty(!wanted)))"
        default: nil
        }
    }

    /// A route's decision: the cause the catalog ranked first, its score and why.
    static func describeRoute(_ finding: Finding) -> String {
        "the cause catalog ranks \(finding.cause) first (score \(Int((finding.score * 100).rounded()))%): \(finding.reason)"
    }

    private static func describe(_ test: TextTest) -> String {
        switch test {
        case .equals(let template): "is \"\(template)\""
        case .contains(let template): "contains \"\(template)\""
        case .matches(let pattern): "matches /\(pattern.source)/"
        case .isEmpty(let wanted): wanted ? "is empty" : "is not empty"
        case .signature(let id): "matches the catalog signature \(id)"
        case .cause(let id): "reads as the cause \(id) (the cause catalog ranks it first)"
        }
    }

    private static func streamName(_ stream: ProbeStream) -> String {
        switch stream {
        case .stdout: "the output"
        case .stderr: "the error output"
        case .output: "the output or error output"
        case .error: "go's error message"
        }
    }
}
