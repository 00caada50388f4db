import Diagnosis
import Foundation
import PlaybookSpec
import Synchronization
import TestSupport
import Testing

/// What a vouched text skips, and that nothing but a clean load is ever remembered.
@Suite struct ValidatedTextsTests {
    /// Remembers texts in memory and counts what it was asked.
    final class Remembered: ValidatedTexts {
        let texts = Mutex<Set<String>>([])
        let recorded = Mutex<[String]>([])

        init(_ texts: Set<String> = []) { self.texts.withLock { $0 = texts } }

        func hasPassed(_ text: String) -> Bool { texts.withLock { $0.contains(text) } }
        func recordPassed(_ text: String) {
            texts.withLock { _ = $0.insert(text) }
            recorded.withLock { $0.append(text) }
        }
    }

    static let misclaimed = FixtureFiles.path("catalog", "claimed-first-by-another.yaml")

    @Test func aCatalogWithAProblemIsReportedEveryTimeAndNeverRemembered() throws {
        let memory = Remembered()
        for _ in 0..<2 {
            guard case .failure(let failure) = CatalogLoader.load(file: Self.misclaimed, validated: memory) else {
                Issue.record("a misclaimed example must fail the load")
                return
            }
            #expect(failure.diagnostics.map(\.message) == ["example of 'proxy-401' is claimed first by 'any-proxy-error'"])
        }
        #expect(memory.recorded.withLock { $0 }.isEmpty)
    }

    @Test func aVouchedCatalogSkipsTheExampleCheck() throws {
        let text = try String(contentsOfFile: Self.misclaimed, encoding: .utf8)
        // The memory says this text passed (as if an older build had found it sound): the
        // example check, and only it, is what would have refused it.
        let loaded = try CatalogLoader.load(text: text, file: "c.yaml", validated: Remembered([text])).get()
        #expect(loaded.catalog.signatures.map(\.id) == ["any-proxy-error", "proxy-401"])
    }

    @Test func aCleanCatalogIsRememberedOnceAndDiagnosesAlikeWhenVouched() throws {
        let file = GotriageBinary.shippedPlaybooks + "/" + CatalogLoader.fileName
        let memory = Remembered()
        let checked = try CatalogLoader.load(file: file, validated: memory).get()
        #expect(memory.recorded.withLock { $0.count } == 1)
        let vouched = try CatalogLoader.load(file: file, validated: memory).get()
        #expect(memory.recorded.withLock { $0.count } == 1, "a vouched text is not recorded again")
        // Every example diagnoses the same with patterns compiled on first use.
        var compared = 0
        for signature in checked.catalog.signatures {
            for example in signature.examples {
                let now = checked.diagnoser.diagnose(example.text).causes.map(\.cause)
                let later = vouched.diagnoser.diagnose(example.text).causes.map(\.cause)
                #expect(now == later, "\(signature.id): \(example.text)")
                compared += 1
            }
        }
        #expect(compared >= 78)
    }

    @Test func aVouchedPlaybookDefersItsRegexesButMatchesAlike() throws {
        let catalog = FixtureTrees.shippedLoadedCatalog
        let playbook = """
            gotriage: 1
            id: p
            title: P
            summary: A capture.
            start: a
            steps:
              a:
                run:
                  argv: [go, version]
                  capture:
                    - stdout: 'go(?<go_release>\\d+\\.\\d+)'
                next: b
              b:
                done:
                  outcome: resolved
                  conclusion: Found {{go_release}}.

            """
        let file = NSTemporaryDirectory() + "vouched-\(UUID().uuidString).yaml"
        try playbook.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let memory = Remembered()
        let checked = try PlaybookLibrary.load(files: [file], catalog: catalog, validated: memory).get()
        #expect(memory.recorded.withLock { $0 } == [playbook])
        let vouched = try PlaybookLibrary.load(files: [file], catalog: catalog, validated: memory).get()
        for tree in [checked, vouched] {
            guard case .run(let probe)? = tree.playbooks["p"]?.steps["a"]?.action, let pattern = probe.captures.first?.pattern
            else {
                Issue.record("step a should run go version with a capture")
                continue
            }
            let match = try pattern.firstMatch(in: "go version go1.27.3 linux/amd64", within: MatchBudget())
            #expect(match?.groups["go_release"] == "1.27")
        }
    }
}
