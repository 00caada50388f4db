/// One error Go reported, read as structure: which module failed, which dependencies pulled it
/// in, and its pieces by stage.
public struct ErrorRecord: Hashable, Sendable {
    /// Every line of the error, first to last.
    public var lines: [LogLine]
    /// The module the error is about: the last `M@V:` of a `go: A@v requires B@w: …` chain,
    /// or the module of `verifying M@V: …` / `module M: …`.
    public var module: ModuleVersion?
    /// The modules that pulled `module` in, outermost first (`A@v` above), when Go printed a
    /// `requires` chain.
    public var requiredBy: [ModuleVersion]
    /// The pieces of the message after the module chain, in order.
    public var fragments: [Fragment]
    /// `go: downloading …`, `go: finding …` and similar progress lines: not errors.
    public var isProgress: Bool

    public init(
        lines: [LogLine], module: ModuleVersion?, requiredBy: [ModuleVersion], fragments: [Fragment],
        isProgress: Bool
    ) {
        self.lines = lines
        self.module = module
        self.requiredBy = requiredBy
        self.fragments = fragments
        self.isProgress = isProgress
    }

    /// The whole error as one text.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// The stages of the pieces, in order.
    public var stages: [Stage] { fragments.map(\.stage) }
}
