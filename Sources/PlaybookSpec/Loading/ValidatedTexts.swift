/// Remembers the file texts (the cause catalog, each playbook) this build of gotriage loaded
/// without a problem, so that an unchanged file is not checked again on every start: its regexes
/// are compiled when first matched, a playbook's keys are not searched for aliases, and the
/// catalog's examples are not diagnosed again (together most of a start-up's cost). Only passes
/// are remembered: a file with a problem is checked, and reported, on every load.
public protocol ValidatedTexts: Sendable {
    /// Whether exactly this text loaded without a problem before (with this build).
    func hasPassed(_ text: String) -> Bool
    /// Records that exactly this text loaded without a problem.
    func recordPassed(_ text: String)
}
