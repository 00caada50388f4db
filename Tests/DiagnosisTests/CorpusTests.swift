import Diagnosis
import Foundation
import PlaybookSpec
import Testing

/// Every text of the corpus (the public tuning texts and the lab runs; never the holdout, which
/// only `make corpus` reads) goes through the shipped catalog, and the catalog names the
/// confirmed causes well enough: top-1 ≥ 92 %, top-3 ≥ 98 %, confident-wrong ≤ 2 % — over the
/// texts that do not contradict each other (the same words confirmed as different causes, such
/// as go ≥ 1.21's bare `no secure protocol found for repository`, cannot all be named; those are
/// held to never being answered with confidence).
@Suite struct CorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func tuningFiles() -> [String] {
        let corpus = root.appendingPathComponent("Corpus")
        let lab = corpus.appendingPathComponent("lab")
        let labFiles = ((try? FileManager.default.contentsOfDirectory(atPath: lab.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { lab.appendingPathComponent($0).path }
        return [corpus.appendingPathComponent("public-tuning.yaml").path].filter {
            FileManager.default.fileExists(atPath: $0)
        } + labFiles
    }

    @Test func tuningAndLabTextsMeetTheTargets() throws {
        let catalog = try CatalogLoader.load(file: Self.root.appendingPathComponent("Playbooks/causes.yaml").path).get()
        let files = Self.tuningFiles()
        #expect(files.count >= 2, "the public tuning texts and at least one lab file")
        #expect(!files.contains { $0.hasSuffix("public-holdout.yaml") })
        let entries = try files.flatMap { try CorpusFile.load(file: $0) }
        #expect(entries.count >= 200)
        let unknownCauses = Set(entries.map(\.cause)).subtracting(catalog.catalog.causeIDs)
        #expect(unknownCauses.isEmpty, "corpus labels the catalog does not know: \(unknownCauses.sorted())")

        let clock = ContinuousClock()
        var score: CorpusScore?
        let elapsed = clock.measure {
            score = CorpusScore(
                entries: entries.map { ($0.cause, $0.text, $0.source) },
                diagnoser: Diagnoser(catalog: catalog.catalog))
        }
        let all = try #require(score).consistent
        let everything = try #require(score).overall
        #expect(everything.confidentWrongRate <= 0.02, "confident-wrong over every text \(everything.confidentWrongRate)")
        let misses = try #require(score).misses.map { "\($0.expected) → \($0.answered.joined(separator: ", ")) [\($0.source ?? "")]" }
        #expect(all.top1Rate >= 0.92, "top-1 \(all.top1Rate); misses:\n\(misses.joined(separator: "\n"))")
        #expect(all.top3Rate >= 0.98, "top-3 \(all.top3Rate); misses:\n\(misses.joined(separator: "\n"))")
        #expect(all.confidentWrongRate <= 0.02, "confident-wrong \(all.confidentWrongRate)")
        // Milliseconds per text even in a debug build (the release build is ~10× faster).
        #expect(elapsed < .milliseconds(20 * entries.count), "\(entries.count) texts took \(elapsed)")
    }
}
