import Foundation
import PlaybookSpec
import Testing

/// Runs the loader and validator over every fixture file and compares the diagnostics with the
/// expectations written inside the fixtures.
@Suite struct FixtureTests {
    @Test func fixturesArePresent() {
        #expect(FixtureFiles.files(in: "valid").count >= 3)
        #expect(FixtureFiles.files(in: "invalid").count >= 20)
        #expect(FixtureFiles.multiCases().count >= 3)
    }

    @Test(arguments: FixtureFiles.files(in: "valid"))
    func validFixtureLoadsAndValidates(_ name: String) throws {
        let path = FixtureFiles.path("valid", name)
        #expect(try FixtureFiles.expectations(inFileAt: path).isEmpty, "a valid fixture expects nothing")
        let result = PlaybookLibrary.load(files: [path], catalog: FixtureFiles.catalog(for: [path]))
        if case .failure(let failure) = result {
            Issue.record("\(name) should be valid:\n\(failure)")
        }
    }

    @Test(arguments: FixtureFiles.files(in: "invalid"))
    func invalidFixtureReportsExactlyItsExpectations(_ name: String) throws {
        let path = FixtureFiles.path("invalid", name)
        let expected = try FixtureFiles.expectations(inFileAt: path)
        #expect(!expected.isEmpty, "an invalid fixture must say what it expects")
        let actual = FixtureFiles.diagnostics(files: [path], named: false)
        #expect(
            Set(actual) == Set(expected),
            "missing: \(Set(expected).subtracting(actual).sorted())\nunexpected: \(Set(actual).subtracting(expected).sorted())")
        #expect(actual.count == expected.count, "each diagnostic reported once")
    }

    @Test(arguments: FixtureFiles.multiCases())
    func multiPlaybookCaseReportsExactlyItsExpectations(_ folder: String) throws {
        let directory = "multi/" + folder
        let files = FixtureFiles.files(in: directory).filter { $0 != CatalogLoader.fileName }.map { FixtureFiles.path(directory, $0) }
        #expect(files.count >= 2)
        var expected: [String] = []
        for file in files {
            let name = URL(fileURLWithPath: file).lastPathComponent
            expected += try FixtureFiles.expectations(inFileAt: file).map { "\(name):\($0)" }
        }
        let actual = FixtureFiles.diagnostics(files: files, named: true)
        #expect(
            Set(actual) == Set(expected),
            "missing: \(Set(expected).subtracting(actual).sorted())\nunexpected: \(Set(actual).subtracting(expected).sorted())")
        #expect(actual.count == expected.count)
    }
}
