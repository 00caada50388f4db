import DecisionEngine
import Foundation
import HostEffects
import PlaybookSpec
import Synchronization

/// Records a real walk as an offline test case (`gotriage run … --record FILE`): every command
/// with its output, the Go settings first read, the answers, the path and the end. Secrets are
/// masked on the way out, as in a report.
final class WalkTestRecorder: WalkObserver {
    private var decisions: [Decision] = []
    private var end: WalkEnd?
    /// Answers typed at the walk's questions (presets and defaults replay by themselves).
    private var typed: [String: String] = [:]
    private var secretVariables: Set<String> = []
    let runner: Runner
    let goEnvironment: GoEnvironmentRecorder

    /// Wraps the live host's runner and Go environment.
    init(host: Host) {
        runner = Runner(host.runner, selfExecutable: host.selfExecutable)
        goEnvironment = GoEnvironmentRecorder(host.goEnvironment)
    }

    /// `host` with commands and Go settings going through the recorder.
    func recording(_ host: Host) -> Host {
        var recorded = host
        recorded.runner = runner
        recorded.goEnvironment = goEnvironment
        return recorded
    }

    func handle(_ event: WalkEvent) {
        switch event {
        case .decided(let decision): decisions.append(decision)
        case .finished(let finished): end = finished
        case .answered(let question, let value, let origin):
            if origin == .user { typed[question.variable] = value }
            if question.isSecret { secretVariables.insert(question.variable) }
        default: break
        }
    }

    /// The case, or nil when the walk did not end (interrupted, unanswered). `presets`: the
    /// answers given before the walk (`--answer`, `--answers`), kept as `answers`; the answers
    /// typed during it are kept as `asked`, so their variables start empty in the replay too.
    func testCase(
        playbook: String, start: StepAddress, presets: [String: String], applyFixes: Bool, redactor: Redactor
    ) -> PlaybookTestCase? {
        guard let end else { return nil }
        let first = goEnvironment.firstSnapshot
        let read = goEnvironment.readValues
        let path = (decisions.map(\.step) + [end.step]).map { $0.playbook == start.playbook ? $0.step : $0.description }
        return PlaybookTestCase(
            name: "\(playbook): recorded walk, \(end.outcome.rawValue)\(end.cause.map { " (\($0))" } ?? "")",
            start: playbook,
            answers: masked(presets, redactor: redactor), asked: masked(typed, redactor: redactor),
            goEnv: redactor.redact(environment: first?.fileValues ?? [:]),
            environment: redactor.redact(environment: read.osEnvironment),
            goDefaults: redactor.redact(environment: read.defaults),
            applyFixes: applyFixes,
            probes: runner.recorded.map { result in
                RecordedProbe(
                    argv: result.argv.map(redactor.redact), exitCode: result.exitCode, stdout: redactor.redact(result.stdout),
                    stderr: redactor.redact(result.stderr), timedOut: result.timedOut)
            },
            expected: .init(outcome: end.outcome.rawValue, cause: end.cause, path: path))
    }

    private func masked(_ answers: [String: String], redactor: Redactor) -> [String: String] {
        answers.reduce(into: [:]) { masked, answer in
            let secret = secretVariables.contains(answer.key) || SecretMask.isSecretName(answer.key)
            masked[answer.key] = redactor.redact(answer: answer.value, secret: secret)
        }
    }

    /// Runs commands and keeps each result, with gotriage's own path written `gotriage`.
    final class Runner: CommandRunning {
        private let inner: any CommandRunning
        private let selfExecutable: String
        private let log = Mutex<[CommandResult]>([])

        init(_ inner: any CommandRunning, selfExecutable: String) {
            self.inner = inner
            self.selfExecutable = selfExecutable
        }

        var recorded: [CommandResult] { log.withLock { $0 } }

        func run(_ request: CommandRequest) async -> CommandResult {
            var result = await inner.run(request)
            if result.argv.first == selfExecutable { result.argv[0] = PlaybookTestRun.selfName }
            let kept = result
            log.withLock { $0.append(kept) }
            return kept
        }
    }

    /// Reads the Go environment through `inner`, keeping the first snapshot (the GOENV file as
    /// the walk found it) and, over every read, the values that came from the OS environment
    /// and those that were Go's own defaults.
    final class GoEnvironmentRecorder: GoEnvironment {
        struct Values {
            var osEnvironment: [String: String] = [:]
            var defaults: [String: String] = [:]
        }
        private let inner: any GoEnvironment
        private let first = Mutex<GoEnvSnapshot?>(nil)
        private let values = Mutex(Values())

        init(_ inner: any GoEnvironment) { self.inner = inner }

        var firstSnapshot: GoEnvSnapshot? { first.withLock { $0 } }
        var readValues: Values { values.withLock { $0 } }
        var files: any GoEnvFileStore { inner.files }

        func read(keys: [String]) async throws(GoEnvError) -> GoEnvSnapshot {
            let snapshot = try await inner.read(keys: keys)
            first.withLock { if $0 == nil { $0 = snapshot } }
            values.withLock { values in
                for (key, value) in snapshot.values where key != "GOENV" {
                    switch snapshot.source(of: key) {
                    case .osEnvironment: values.osEnvironment[key] = value
                    case .defaultValue:
                        // A default that follows another key (GONOPROXY from GOPRIVATE) is derived again on replay.
                        guard !value.isEmpty, InMemoryGoEnvironment.derivedDefaults[key] == nil else { continue }
                        if values.defaults[key] == nil { values.defaults[key] = value }
                    case .goenvFile: break
                    }
                }
            }
            return snapshot
        }

        func rewrite(_ edit: GoEnvEdit, of contents: Data?, at target: String) async -> GoEnvRewrite {
            await inner.rewrite(edit, of: contents, at: target)
        }

        func commandLine(for edit: GoEnvEdit) -> [String] { inner.commandLine(for: edit) }
    }
}
