/// Checks the small things a step is made of: template variables, variable names, Go env keys and
/// regexes (each compiled exactly once, here).
struct TermChecker {
    /// The variables the playbook may use (see `VariableScopes`).
    let variables: Set<String>
    /// Patterns compiled so far in this validation, shared by identical sources.
    let compiled: PatternCache
    /// This build validated the playbook's very text before: its regexes compile, so each is
    /// compiled when first matched.
    var vouched = false

    /// Reports each undefined `{{name}}` of `template` once; `what` names the key it was written in.
    func check(_ template: Located<Template>, in what: String, problems: inout Problems) {
        var reported: [String] = []
        for case .variable(let name) in template.value.segments where !reported.contains(name) {
            if let message = problem(with: name, in: what) {
                problems.error(template.location, message)
                reported.append(name)
            }
        }
    }

    /// Reports a `var:` subject that names no variable.
    func check(variable: Located<String>, problems: inout Problems) {
        if let message = problem(with: variable.value, in: "var") {
            problems.error(variable.location, message)
        }
    }

    /// Reports a `goenv:` subject that is not a Go environment variable.
    func check(goEnvKey key: Located<String>, problems: inout Problems) {
        guard !GoEnvKeys.readable.contains(key.value) else { return }
        problems.error(
            key.location,
            "unknown Go environment variable '\(key.value)' in goenv\(Suggestion.didYouMean(key.value, among: GoEnvKeys.readable.sorted()))"
        )
    }

    private func problem(with name: String, in what: String) -> String? {
        if variables.contains(name) { return nil }
        if name.hasPrefix(GoEnvKeys.templatePrefix) {
            let key = String(name.dropFirst(GoEnvKeys.templatePrefix.count))
            if GoEnvKeys.readable.contains(key) { return nil }
            return
                "unknown Go environment variable '\(key)' in '{{\(name)}}'\(Suggestion.didYouMean(key, among: GoEnvKeys.readable.sorted()))"
        }
        return "undefined variable '\(name)' in \(what)\(Suggestion.didYouMean(name, among: variables.sorted()))"
    }

    /// Compiles a regex, reporting a bad group name or the engine's reason for refusing it.
    /// - Parameters:
    ///   - capture: the regex is a capture, whose group names become variables.
    ///   - wholeAnswer: compile so that only a whole text matches (ask patterns).
    func pattern(
        _ source: Located<String>, in what: String, capture: Bool = false, wholeAnswer: Bool = false,
        problems: inout Problems
    ) -> Pattern? {
        if let bad = Pattern.namedGroups(in: source.value).first(where: { !Self.isGroupName($0) }) {
            let message =
                capture
                ? "capture group name '\(bad)' is not a valid variable name; use letters, digits, _, - and ., starting with a letter or _"
                : "group name '\(bad)' in regular expression '\(source.value)' is not allowed; use letters, digits, _, - and ., starting with a letter or _"
            problems.error(source.location, message)
            return nil
        }
        let key = wholeAnswer ? "whole:" + source.value : "search:" + source.value
        let result = compiled.pattern(key) { () throws(PatternError) in
            if vouched { return Pattern.vouched(source.value, matchingWhole: wholeAnswer) }
            return wholeAnswer ? try Pattern(matchingWhole: source.value) : try Pattern(source.value)
        }
        switch result {
        case .success(let pattern):
            return pattern
        case .failure(let error):
            problems.error(
                source.location,
                "invalid regular expression '\(source.value)' in \(what): \(Self.reason(source.value, error))")
            return nil
        }
    }

    /// ICU on Linux gives no reason, so ask Swift's own regex parser (same syntax for the common
    /// mistakes) and fall back to ICU's words.
    static func reason(_ source: String, _ error: PatternError) -> String {
        do {
            _ = try Regex(source)
        } catch {
            return "\(error)"
        }
        return error.reason == "The value is invalid." ? "the regex engine does not accept it" : error.reason
    }

    /// Group names become variables, so they follow the variable-name rule (`Pattern` renames
    /// them for ICU); `goenv.` is reserved for the Go environment.
    static func isGroupName(_ name: String) -> Bool {
        Template.isValidName(name) && !name.hasPrefix(GoEnvKeys.templatePrefix)
    }
}
