import DecisionEngine
import Foundation
import PlaybookSpec

/// What the `route: causes` step of `exit-status-128:reproduce` costs a walk: the walk is driven
/// to the step once, then each sample hands a copy of it go 1.19.8's `-json` output for a private
/// module behind a proxy that cannot reach it, and times the decision (the catalog's ranking,
/// the facts, the move to `private-modules:triage`).
enum RouteBench {
    /// `go mod download -json git.corp.test/team/lib` as go 1.19.8 prints it (lab run, see
    /// `Playbooks/causes.yaml`, signature proxy-cannot-fetch-origin).
    static let output = #"""
        {
        	"Path": "git.corp.test/team/lib",
        	"Version": "v1.2.0",
        	"Error": "git.corp.test/team/lib@v1.2.0: reading http://127.0.0.1:40213/git.corp.test/team/lib/@v/v1.2.0.info: 404 Not Found\n\tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path \"git.corp.test/team/lib\": https fetch: Get \"https://git.corp.test/team/lib?go-get=1\": dial tcp: lookup git.corp.test on 10.255.255.53:53: no such host"
        }

        """#

    /// Milliseconds per routing decision, `runs` times; checks where each one leads.
    static func samples(_ runs: Int, playbooks: String) throws -> [Double] {
        guard case .success(let knowledge) = PlaybookSet.load(directories: [playbooks]) else {
            throw BenchError("the playbooks in \(playbooks) do not load")
        }
        let walk = try positioned(
            Walk(
                tree: knowledge.tree, playbook: "exit-status-128",
                variables: ["module": "git.corp.test/team/lib"]))
        let result = ProbeObservation(exitCode: 1, stdout: output)
        let expected = StepAddress(playbook: "private-modules", step: "triage")
        return try (0..<runs).map { _ in
            var copy = walk
            let start = DispatchTime.now().uptimeNanoseconds
            try copy.record(probe: result)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            guard copy.decisions.last?.target == expected, copy.diagnosis?.cause == "private-module-proxy" else {
                throw BenchError("the route did not lead to \(expected); the benchmark would measure a wrong walk")
            }
            return elapsed
        }
    }

    /// The walk moved to its `reproduce` probe: go env read, `go version` and `git --version` fine.
    static func positioned(_ start: Walk?) throws -> Walk {
        guard var walk = start else { throw BenchError("there is no playbook exit-status-128") }
        walk.record(goEnv: ["GOPROXY": "https://proxy.golang.org,direct"])
        while true {
            switch walk.next().action {
            case .readGoEnv: walk.record(goEnv: ["GOPROXY": "https://proxy.golang.org,direct"])
            case .say: continue
            case .run(let probe) where probe.step.step == "reproduce": return walk
            case .run(let probe) where probe.step.step == "check-go":
                try walk.record(probe: ProbeObservation(exitCode: 0, stdout: "go version go1.19.8 linux/amd64\n"))
            case .run: try walk.record(probe: ProbeObservation(exitCode: 0, stdout: "git version 2.39.2\n"))
            default: throw BenchError("the walk did not reach exit-status-128:reproduce")
            }
        }
    }
}
