import Foundation
import PlaybookSpec
import Testing

/// Loads every cause-catalog fixture (`Fixtures/catalog/*.yaml`) and compares the diagnostics
/// with the `# expect:` lines written inside it.
@Suite struct CatalogFixtureTests {
    @Test func fixturesArePresent() {
        #expect(FixtureFiles.files(in: "catalog").count >= 3)
    }

    @Test(arguments: FixtureFiles.files(in: "catalog"))
    func catalogFixtureReportsExactlyItsExpectations(_ name: String) throws {
        let path = FixtureFiles.path("catalog", name)
        let expected = try FixtureFiles.expectations(inFileAt: path)
        let actual: [String]
        switch CatalogLoader.load(file: path) {
        case .success: actual = []
        case .failure(let failure):
            actual = failure.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
        }
        #expect(
            Set(actual) == Set(expected),
            "missing: \(Set(expected).subtracting(actual).sorted())\nunexpected: \(Set(actual).subtracting(expected).sorted())")
        #expect(actual.count == expected.count, "each diagnostic reported once")
    }
}
