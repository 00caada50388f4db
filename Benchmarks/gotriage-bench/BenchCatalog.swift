import PlaybookSpec

/// The cause catalog the benchmarks validate and route with.
enum BenchCatalog {
    /// Loads the catalog at `file`, or throws with its problems.
    static func load(file: String) throws -> LoadedCatalog {
        switch CatalogLoader.load(file: file) {
        case .success(let loaded): return loaded
        case .failure(let failure): throw BenchError("the cause catalog \(file) does not load:\n\(failure)")
        }
    }
}
