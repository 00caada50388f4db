/// Misuse of a `Walk` by its front end: a result handed in when the walk was not waiting for it.
public enum WalkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The walk was not waiting for this kind of result (the text names it: "an answer").
    case notWaitingFor(String)

    public var description: String {
        switch self {
        case .notWaitingFor(let what): "the walk is not waiting for \(what)"
        }
    }
}
