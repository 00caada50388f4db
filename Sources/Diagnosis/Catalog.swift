/// The knowledge gotriage diagnoses with: the causes it knows and the signatures that point at
/// them. Built from `Playbooks/causes.yaml` by PlaybookSpec's catalog loader; pure data here.
public struct Catalog: Sendable {
    public var causes: [Cause]
    /// In catalog order, which breaks ties between equally sure signatures.
    public var signatures: [Signature]

    public init(causes: [Cause], signatures: [Signature]) {
        self.causes = causes
        self.signatures = signatures
    }

    /// The cause ids, in catalog order.
    public var causeIDs: [String] { causes.map(\.id) }

    /// The signature ids, in catalog order.
    public var signatureIDs: [String] { signatures.map(\.id) }

    /// Every fact a match can establish: the named groups of every pattern, and what the error's
    /// structure adds (`module`, `version`, `requiredby`, `url`, `proxy`, `sumdb`, `host`).
    public var factNames: Set<String> {
        Set(signatures.flatMap { $0.patterns.flatMap(\.groupNames) }).union(Facts.structural)
    }

    public func cause(_ id: String) -> Cause? { causes.first { $0.id == id } }
    public func signature(_ id: String) -> Signature? { signatures.first { $0.id == id } }
}

/// One reason a Go download fails, in plain words, and where gotriage proves and fixes it.
public struct Cause: Sendable, Hashable {
    public var id: String
    /// A short headline (`Private module asked of a public proxy`).
    public var title: String
    /// What it means, one line (`a private module was asked of a proxy that cannot fetch it`).
    public var meaning: String
    /// The playbook and step that prove and fix it, or nil while no playbook handles it yet.
    public var start: StepRef?
    /// The one thing to do, for causes no playbook handles yet; may hold `{{fact}}` placeholders.
    public var help: String?

    public init(id: String, title: String, meaning: String, start: StepRef?, help: String?) {
        self.id = id
        self.title = title
        self.meaning = meaning
        self.start = start
        self.help = help
    }
}

/// `playbook:step`.
public struct StepRef: Sendable, Hashable, CustomStringConvertible {
    public var playbook: String
    public var step: String

    public init(playbook: String, step: String) {
        self.playbook = playbook
        self.step = step
    }

    /// Reads `playbook:step`; nil unless both parts are there.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(playbook: String(parts[0]), step: String(parts[1]))
    }

    public var description: String { "\(playbook):\(step)" }
}

/// A way Go (or git, or a server) words one cause, as regexes over one stage of an error.
public struct Signature: Sendable {
    public var id: String
    public var cause: String
    /// Any one matching is enough; the first that matches gives the facts.
    public var patterns: [SignaturePattern]
    /// The stages whose text the patterns are tried on.
    public var stages: Set<Stage>
    /// Signatures this one explains: when both match a log, those rank below this one.
    public var outranks: Set<String>
    /// How sure a match makes the cause, 0…1.
    public var confidence: Double
    /// Other causes the same text may mean, most likely first (ranked below this one's cause).
    public var alternatives: [String]
    /// One line on what the match shows, with `{{fact}}` placeholders; nil uses the cause's meaning.
    public var reason: String?
    /// Which Go releases print it, as written in the catalog (`1.13+`, `1.21–1.23`).
    public var goReleases: String?
    public var examples: [Example]
    /// When set, the signature counts only for a failing module whose path this matches.
    public var modulePattern: SignaturePattern?

    public init(
        id: String, cause: String, patterns: [SignaturePattern], stages: Set<Stage>, outranks: Set<String>,
        confidence: Double, alternatives: [String], reason: String?, goReleases: String?, examples: [Example]
    ) {
        self.id = id
        self.cause = cause
        self.patterns = patterns
        self.stages = stages
        self.outranks = outranks
        self.confidence = confidence
        self.alternatives = alternatives
        self.reason = reason
        self.goReleases = goReleases
        self.examples = examples
    }

    /// The same signature, counting only for modules whose path matches `pattern`.
    public func onlyFor(modules pattern: SignaturePattern?) -> Signature {
        var copy = self
        copy.modulePattern = pattern
        return copy
    }

    /// Whether the signature reads text of `stage`. Text whose stage is unknown is read by every
    /// signature of this machine's own words.
    public func applies(to stage: Stage) -> Bool {
        stages.contains(stage) || (stage == .other && !stages.isDisjoint(with: Stage.ownWords))
    }
}

/// A verbatim error text a signature must claim first: from a real go run (`go` names the
/// release) or a public report (`source` is its address).
public struct Example: Sendable {
    public var text: String
    public var goRelease: String?
    public var source: String?

    public init(text: String, goRelease: String?, source: String?) {
        self.text = text
        self.goRelease = goRelease
        self.source = source
    }
}
