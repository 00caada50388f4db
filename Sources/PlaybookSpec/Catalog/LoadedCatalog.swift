import Diagnosis

/// A validated cause catalog, where each of its entries was written, and its diagnoser (built once:
/// the example check, the validator and the walk's routes share it).
public struct LoadedCatalog: Sendable {
    public var diagnoser: Diagnoser
    public var catalog: Catalog { diagnoser.catalog }
    /// The catalog file, as given to the loader.
    public var file: String
    /// Where each cause id was written.
    public var causeLocations: [String: SourceLocation]
    /// Where each cause's `start:` value was written.
    public var startLocations: [String: SourceLocation]

    public init(
        diagnoser: Diagnoser, file: String, causeLocations: [String: SourceLocation],
        startLocations: [String: SourceLocation]
    ) {
        self.diagnoser = diagnoser
        self.file = file
        self.causeLocations = causeLocations
        self.startLocations = startLocations
    }

    /// The cause ids a playbook's `done` may name.
    public var causeIDs: Set<String> { Set(catalog.causeIDs) }
}
