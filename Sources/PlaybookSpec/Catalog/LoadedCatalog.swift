import Diagnosis

/// A validated cause catalog and where each of its entries was written.
public struct LoadedCatalog: Sendable {
    public var catalog: Catalog
    /// The catalog file, as given to the loader.
    public var file: String
    /// Where each cause id was written.
    public var causeLocations: [String: SourceLocation]
    /// Where each cause's `start:` value was written.
    public var startLocations: [String: SourceLocation]

    public init(
        catalog: Catalog, file: String, causeLocations: [String: SourceLocation],
        startLocations: [String: SourceLocation]
    ) {
        self.catalog = catalog
        self.file = file
        self.causeLocations = causeLocations
        self.startLocations = startLocations
    }

    /// The cause ids a playbook's `done` may name.
    public var causeIDs: Set<String> { Set(catalog.causeIDs) }
}
