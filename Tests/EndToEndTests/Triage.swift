import Foundation
import TestSupport
import Testing
import TriageCLI

/// What one `gotriage run exit-status-128 --json` printed, parsed; shared by the end-to-end suites.
struct Triage {
    let exitCode: Int32
    let stdout: String
    let stderr: String
    let events: [JSONEvent]

    /// The `end` event; nil when the last line is not one.
    var end: JSONEvent.End? { events.last?.ended }
    var cause: String? { end?.cause }
    var outcome: JSONEvent.End.Outcome? { end?.outcome }
    var conclusion: String { end?.conclusion ?? "" }
    var transcript: String { stdout + stderr }

    /// The `probe-end` events of probes whose argv starts with `prefix`.
    func probes(_ prefix: [String]) -> [JSONEvent.ProbeEnd] {
        events.compactMap(\.probeEnded).filter { $0.argv.starts(with: prefix) }
    }

    /// Runs the entry playbook in `consumer` with `--json` and `answers` (NAME=VALUE).
    static func run(
        _ lab: Lab, in consumer: URL, answers: [String], yes: Bool = false,
        environment: [String: String] = [:]
    ) throws -> Triage {
        let arguments = ["run", "exit-status-128", "--json"] + answers.flatMap { ["--answer", $0] } + (yes ? ["--yes"] : [])
        let result = try lab.gotriage(arguments, in: consumer, extraEnvironment: environment)
        return Triage(
            exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr,
            events: try JSONEvents(result.stdout))
    }
}

extension Lab {
    /// The bytes of every file gotriage must leave alone: the lab's home, git config, ssh folder
    /// and GOENV file (a missing file is recorded as missing).
    func protectedFiles() -> [String: Data?] {
        var files: [String: Data?] = [:]
        for directory in [home, root.appendingPathComponent("ssh")] {
            let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[url.path] = try? Data(contentsOf: url)
                }
            }
        }
        files[gitConfigURL.path] = try? Data(contentsOf: gitConfigURL)
        files[goEnvURL.path] = goEnvFileBytes
        return files
    }
}

/// A dry run of every shipped playbook in this lab: each ends, none applies a fix, and not one
/// byte of the lab's protected files changes. Called by the proofs below, so every fault-lab
/// environment a cause test builds is also a dry-run environment.
func expectDryRunsChangeNothing(lab: Lab, consumer: URL, answers: [String], environment: [String: String] = [:]) throws {
    let listed = try lab.gotriage(["list"])
    let ids = listed.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    #expect(ids.contains("exit-status-128"), "\(listed.stdout)")
    let before = lab.protectedFiles()
    for id in ids {
        let arguments = ["run", id, "--dry-run", "--json"] + answers.flatMap { ["--answer", $0] }
        let result = try lab.gotriage(arguments, in: consumer, extraEnvironment: environment)
        let events = try JSONEvents(result.stdout)
        // Started on its own, an inner playbook may ask for something the entry playbook would
        // have found out; without a terminal that stops the run at once (exit 2), naming it.
        let ended = events.last?.kind == .end
        let stoppedAtQuestion = result.exitCode == 2 && result.stderr.contains("Pass --answer")
        #expect(ended || stoppedAtQuestion, "\(id): \(result.stdout)\(result.stderr)")
        #expect(!events.contains { $0.kind == .fixApplied }, "\(id) applied a fix in a dry run")
        #expect(lab.protectedFiles() == before, "a dry run of \(id) changed a file")
    }
}

/// The stdout and stderr of every finished probe whose argv starts with `prefix`.
func probeOutputs(_ events: [JSONEvent], argvPrefix prefix: [String]) -> [String] {
    events.compactMap(\.probeEnded).filter { $0.argv.starts(with: prefix) }.map { $0.stdout + $0.stderr }
}

/// Proves a `go env` fix: `check` fails before; without `--yes` the walk declines (exit 4) and the
/// GOENV file stays byte-identical; with `--yes` it ends resolved with `cause`, every change is
/// applied, and `check` succeeds afterwards. Returns the `--yes` run.
@discardableResult
func provesGoEnvFix(
    lab: Lab, consumer: URL, answers: [String], cause: String, environment: [String: String] = [:],
    check: () throws -> (exitCode: Int32, stdout: String, stderr: String)
) throws -> Triage {
    #expect(try check().exitCode != 0, "the lab should be broken before gotriage runs")
    try expectDryRunsChangeNothing(lab: lab, consumer: consumer, answers: answers, environment: environment)

    let goenvBefore = lab.goEnvFileBytes
    let declined = try Triage.run(lab, in: consumer, answers: answers, environment: environment)
    #expect(declined.exitCode == 4, "without --yes the fix is declined: \(declined.transcript)")
    #expect(declined.events.contains { $0.kind == .fixDeclined })
    #expect(lab.goEnvFileBytes == goenvBefore, "without --yes the GOENV file must be byte-identical")
    #expect(try check().exitCode != 0)

    let fixed = try Triage.run(lab, in: consumer, answers: answers, yes: true, environment: environment)
    #expect(fixed.exitCode == 0, "\(fixed.transcript)")
    #expect(fixed.end != nil, "the last line is the end: \(fixed.stdout)")
    #expect(fixed.outcome == .resolved)
    #expect(fixed.cause == cause, "\(fixed.transcript)")
    let applied = fixed.events.lazy.compactMap(\.appliedFix).first
    #expect(applied?.results.allSatisfy { $0.status == .applied } == true)
    #expect(lab.goEnvFileBytes != goenvBefore)

    let after = try check()
    #expect(after.exitCode == 0, "after the fix: \(after.stderr)")
    return fixed
}

/// Checks a walk that ends with instructions: exit 1, not-resolved, `cause`, no fix proposed, GOENV
/// untouched. Returns the run (its `conclusion` holds the instructions).
func provesInstructions(
    lab: Lab, consumer: URL, answers: [String], cause: String,
    environment: [String: String] = [:]
) throws -> Triage {
    try expectDryRunsChangeNothing(lab: lab, consumer: consumer, answers: answers, environment: environment)
    let goenvBefore = lab.goEnvFileBytes
    let run = try Triage.run(lab, in: consumer, answers: answers, yes: true, environment: environment)
    #expect(run.exitCode == 1, "\(run.transcript)")
    #expect(run.end != nil, "the last line is the end: \(run.stdout)")
    #expect(run.outcome == .notResolved, "\(run.transcript)")
    #expect(run.cause == cause, "\(run.transcript)")
    #expect(!run.events.contains { $0.kind == .fixProposed })
    #expect(lab.goEnvFileBytes == goenvBefore)
    return run
}

/// Parses `--json` output: every line must decode as a `JSONEvent` (an object whose `event` key
/// names a known event, with every key that event requires).
func JSONEvents(_ output: String) throws -> [JSONEvent] {
    try output.split(separator: "\n").map { line in
        do {
            return try JSONDecoder().decode(JSONEvent.self, from: Data(line.utf8))
        } catch {
            throw JSONEventError.notAnEvent(String(line), error)
        }
    }
}

enum JSONEventError: Error { case notAnEvent(String, any Error) }

/// The payload of the cases the end-to-end tests look into; nil for any other event.
extension JSONEvent {
    var ended: End? { if case .end(let end) = self { end } else { nil } }
    var probeEnded: ProbeEnd? { if case .probeEnd(let probe) = self { probe } else { nil } }
    var probeStarted: ProbeStart? { if case .probeStart(let probe) = self { probe } else { nil } }
    var asked: Ask? { if case .ask(let ask) = self { ask } else { nil } }
    var proposedFix: FixProposed? { if case .fixProposed(let fix) = self { fix } else { nil } }
    var appliedFix: FixApplied? { if case .fixApplied(let fix) = self { fix } else { nil } }
    /// The text of a `say` event.
    var saidText: String? { if case .say(let say) = self { say.text } else { nil } }
}
