import Foundation
import HostEffects
import Synchronization
import TestSupport
import Testing

/// A change as a transaction, against the in-memory Go environment: the journal hears of it
/// twice before the file is replaced, a failure leaves the file as it was, and changes of one
/// file are serialised.
@Suite("GoEnvTransaction")
struct GoEnvTransactionTests {
    /// Records what the transaction tells it, and the file's bytes at each moment.
    final class Recorder: GoEnvChangeRecorder {
        let go: InMemoryGoEnvironment
        let failOnCall: Int?
        let seen = Mutex<[String]>([])

        init(go: InMemoryGoEnvironment, failOnCall: Int? = nil) {
            self.go = go
            self.failOnCall = failOnCall
        }

        func willChange(_ plan: GoEnvChangePlan) throws(JournalError) {
            let call = seen.withLock {
                $0.append("will(after: \(plan.bytesAfter != nil), locked: \(go.memory.isLocked(plan.target)))")
                return $0.count
            }
            if call == failOnCall { throw .systemCall(name: "write", path: "journal", errno: ENOSPC) }
        }

        func didChange(_ plan: GoEnvChangePlan, result: GoEnvApplyResult, fileChanged: Bool) {
            seen.withLock { $0.append("did(changed: \(fileChanged))") }
        }
    }

    @Test func theJournalHearsTwiceBeforeTheFileIsReplaced() async {
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let recorder = Recorder(go: go)
        let (result, _) = await GoEnvTransaction(goEnvironment: go)
            .apply(.set(key: "GOPROXY", value: "direct"), before: nil, alsoReading: [], recorder: recorder)
        #expect(result == .applied(key: "GOPROXY", old: "off", new: "direct"))
        #expect(
            recorder.seen.withLock { $0 } == ["will(after: false, locked: true)", "will(after: true, locked: true)", "did(changed: true)"])
        #expect(!go.memory.isLocked(go.goenvFile))
    }

    @Test(arguments: [1, 2])
    func aJournalThatCannotBeWrittenChangesNothing(failingCall: Int) async {
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let before = go.memory[go.goenvFile]
        let (result, _) = await GoEnvTransaction(goEnvironment: go)
            .apply(.set(key: "GOPROXY", value: "direct"), before: nil, alsoReading: [], recorder: Recorder(go: go, failOnCall: failingCall))
        guard case .failed(_, let message) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        #expect(message.contains("undo journal could not be written"))
        #expect(go.memory[go.goenvFile] == before)
        #expect(!go.memory.isLocked(go.goenvFile))
    }

    @Test func aFileThatCannotBeReplacedIsAsBeforeAndSaysWhy() async {
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let before = go.memory[go.goenvFile]
        go.memory.failReplacing(with: .systemCall(name: "write", path: "/home/dev/.config/go/env.gotriage-new-1", errno: ENOSPC))
        let recorder = Recorder(go: go)
        let result = await GoEnvTransaction(goEnvironment: go)
            .apply(.set(key: "GOPROXY", value: "direct"), before: nil, alsoReading: [], recorder: recorder).result
        #expect(
            result
                == .failed(
                    key: "GOPROXY",
                    message:
                        "the GOENV file could not be replaced (write '/home/dev/.config/go/env.gotriage-new-1' failed: No space left on device); it is as before"
                ))
        #expect(go.memory[go.goenvFile] == before)
        #expect(recorder.seen.withLock { $0.last } == "did(changed: false)")
    }

    /// Twenty changes of twenty keys at once, each reading the file with it locked: none is lost.
    @Test func changesOfOneFileAreSerialised() async {
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        await withTaskGroup(of: Void.self) { group in
            for index in 1...20 {
                group.addTask { _ = await go.apply(.set(key: "GOKEY\(index)", value: "\(index)"), before: nil) }
            }
        }
        #expect(go.fileValues.count == 21)
    }

    @Test func anOSVariableOverridesAndNothingIsLockedOrWritten() async {
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"], osEnvironment: ["GOPROXY": "direct"])
        let recorder = Recorder(go: go)
        let result = await GoEnvTransaction(goEnvironment: go)
            .apply(.set(key: "GOPROXY", value: "x"), before: nil, alsoReading: [], recorder: recorder).result
        #expect(result == .overridden(key: "GOPROXY", variable: "GOPROXY", osValue: "direct", wanted: "x"))
        #expect(recorder.seen.withLock { $0 }.isEmpty)
        #expect(go.fileValues == ["GOPROXY": "off"])
    }
}
