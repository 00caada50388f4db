import PlaybookSpec

/// Why the walk left a step the way it did: the evidence behind one conclusion, for `why`.
public struct Decision: Sendable, Equatable {
    public let step: StepAddress
    public let target: StepAddress
    public let kind: Kind
    /// The condition in words, for a matched branch.
    public let condition: String?
    /// The values or output lines that made the condition hold (or made every branch fail).
    public let evidence: [String]
    /// Where the branch (or `next`) is written.
    public let location: SourceLocation

    public enum Kind: Sendable, Equatable {
        /// The only way on (`next`, `jump`).
        case next
        /// Branch number `index` (1-based) of `count` matched.
        case branch(index: Int, count: Int)
        /// No branch matched; the `else` arm was taken.
        case fallback(count: Int)
    }
}
