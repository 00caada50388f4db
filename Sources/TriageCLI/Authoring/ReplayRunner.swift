import HostEffects
import PlaybookSpec
import Synchronization

/// Answers each command of an offline test from its recorded probes, matched by argv: the first
/// recorded answer not used yet. A command nobody recorded is not run: it "fails to start" (exit
/// 127) and is kept in `missing`, so the test can say which command to record.
final class ReplayRunner: CommandRunning {
    private struct State {
        var unused: [RecordedProbe]
        var missing: [[String]] = []
    }
    private let state: Mutex<State>

    init(_ probes: [RecordedProbe]) {
        state = Mutex(State(unused: probes))
    }

    /// The commands the walk ran that had no recorded answer left, in order.
    var missing: [[String]] { state.withLock { $0.missing } }

    func run(_ request: CommandRequest) async -> CommandResult {
        state.withLock { state in
            guard let index = state.unused.firstIndex(where: { $0.argv == request.argv }) else {
                state.missing.append(request.argv)
                return .notStarted(request.argv, reason: "gotriage test: no recorded answer for this command")
            }
            let probe = state.unused.remove(at: index)
            return CommandResult(
                argv: request.argv, exitCode: probe.exitCode, stdout: probe.stdout, stderr: probe.stderr,
                timedOut: probe.timedOut)
        }
    }
}
