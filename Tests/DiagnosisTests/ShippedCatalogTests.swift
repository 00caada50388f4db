import Diagnosis
import PlaybookSpec
import TestSupport
import Testing

/// The shipped `Playbooks/causes.yaml` loads, every example in it is claimed first by its own
/// signature, and it agrees with the shipped playbooks.
@Suite struct ShippedCatalogTests {
    @Test func shippedCatalogAndPlaybooksLoadTogether() throws {
        switch PlaybookSet.load(directories: [GotriageBinary.shippedPlaybooks]) {
        case .success(let knowledge):
            #expect(knowledge.catalog.catalog.causes.count >= 30)
            #expect(!knowledge.catalog.catalog.signatures.isEmpty)
        case .failure(let failure):
            Issue.record("the shipped catalog or playbooks do not load:\n\(failure)")
        }
    }
}
