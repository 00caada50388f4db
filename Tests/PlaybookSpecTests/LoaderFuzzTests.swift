import Foundation
import PlaybookSpec
import TestSupport
import Testing

/// A small version of `make fuzz`: mutated shipped playbooks and fixtures never crash the loader,
/// and every failure is a `file:line:col: error:` pointing into the file.
@Suite("Loader fuzzing")
struct LoaderFuzzTests {
    static func seeds() throws -> [LoaderFuzzer.Seed] {
        let shipped = try PlaybookSet.playbookFiles(in: GotriageBinary.shippedPlaybooks).get()
        var seeds = try shipped.map {
            LoaderFuzzer.Seed(file: $0, text: try String(contentsOfFile: $0, encoding: .utf8), group: "shipped")
        }
        for folder in ["valid", "invalid"] {
            for name in FixtureFiles.files(in: folder) {
                let path = FixtureFiles.path(folder, name)
                seeds.append(LoaderFuzzer.Seed(file: path, text: try String(contentsOfFile: path, encoding: .utf8)))
            }
        }
        return seeds
    }

    @Test func twoThousandMutationsGiveOnlyClearErrors() async throws {
        let seeds = try Self.seeds()
        #expect(seeds.count > 10)
        // Seconds of parsing: off the cooperative pool, which the async tests beside it need.
        let counts = await OffThePool.run {
            LoaderFuzzer(seeds: seeds, catalog: FixtureTrees.shippedLoadedCatalog).run(count: 2_000, seed: 20_240_601)
        }
        #expect(counts.inputs == 2_000)
        #expect(counts.unclear == 0, "\(counts.unclearExamples.joined(separator: "\n\n"))")
        #expect(counts.loaded + counts.clearErrors == 2_000)
        #expect(counts.clearErrors > 1_000, "most mutations should break something: \(counts)")
        #expect(counts.aliasBombs > 10 && counts.aliasChains > 5, "\(counts)")
    }

    @Test func theSeedsThemselvesLoad() throws {
        let seeds = try Self.seeds().filter { $0.group == "shipped" }
        let loaded = PlaybookLibrary.load(files: seeds.map(\.file), catalog: FixtureTrees.shippedCatalog)
        #expect(throws: Never.self) { try loaded.get() }
    }

    /// Found by the fuzzer: at the end of a text without a final newline, libyaml counted one line
    /// too many, so the location pointed past the file.
    @Test func aSyntaxErrorAtTheEndOfTheTextPointsIntoIt() throws {
        let text = "gotriage: 1\nid: x\nsteps:\n  a:\n    done: {outcome: resolved}\n💥"
        do {
            _ = try PlaybookLoader().load(text: text, file: "end.yaml")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.location.line <= 6, "\(error)")
            #expect(error.description.hasPrefix("end.yaml:"))
        }
    }
}
