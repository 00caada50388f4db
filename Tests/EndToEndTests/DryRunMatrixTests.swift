import Foundation
import TestSupport
import Testing
import TriageCLI

/// `gotriage run --dry-run` of every shipped playbook in six labs, with the outcome each dry run
/// must reach. (Every cause test runs the same dry-run sweep in its own lab: `Triage.swift`.)
@Suite struct DryRunMatrixTests {
    static let hello = LabModule.hello
    static let privateLib = LabModule.privateLib

    enum Environment: String, CaseIterable, CustomTestStringConvertible {
        case goproxyOff, deadProxy, privateNeedsGoprivate, gitBasicAuth, sshUnauthorizedKey, healthy
        var testDescription: String { rawValue }
    }

    /// A lab broken the way `environment` says, the consumer module, the failing module and what to stop.
    struct Setup {
        let lab: Lab
        let consumer: URL
        let module: String
        let goproxy: String
        var stops: [() -> Void] = []

        init(_ environment: Environment) throws {
            lab = try Lab.make()
            let proxy = try lab.startProxy(modules: [DryRunMatrixTests.hello])
            stops.append(proxy.stop)
            goproxy = proxy.url
            switch environment {
            case .goproxyOff:
                try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
                module = DryRunMatrixTests.hello.path
            case .deadProxy:
                try lab.writeGoEnvFile(["GOPROXY=http://127.0.0.1:\(try DeadPort.make())", "GOSUMDB=off"])
                module = DryRunMatrixTests.hello.path
            case .privateNeedsGoprivate:
                let git = try lab.startGitServer(repos: [DryRunMatrixTests.privateLib], user: nil, password: nil)
                stops.append(git.stop)
                try lab.routeGitHost("private.example.com", to: git.url + "/")
                try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", try Lab.deadSumDB()])
                module = DryRunMatrixTests.privateLib.path
            case .gitBasicAuth:
                let git = try lab.startGitServer(repos: [DryRunMatrixTests.privateLib], user: "alice", password: "s3cret")
                stops.append(git.stop)
                try lab.gitInsteadOf(git.url + "/", for: "https://private.example.com/")
                try lab.gitInsteadOf(git.url + "/", for: "git://private.example.com/")
                try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=private.example.com", try Lab.deadSumDB()])
                module = DryRunMatrixTests.privateLib.path
            case .sshUnauthorizedKey:
                let key = try lab.makeSshKey(named: "client")
                let sshd = try lab.startSshd(authorizing: [])
                stops.append(sshd.stop)
                let repositories = try lab.makeGitRepositories([DryRunMatrixTests.privateLib])
                try lab.routeGitHost("private.example.com", to: sshd.gitBase(for: repositories))
                try lab.useSshIdentity(key, aliases: ["private.example.com"], sshdPort: sshd.port)
                try lab.trustHostKey(sshd.hostKey, port: sshd.port)
                try lab.writeGoEnvFile([
                    "GOPROXY=http://127.0.0.1:\(try DeadPort.make())", "GOPRIVATE=private.example.com",
                    try Lab.deadSumDB()
                ])
                module = DryRunMatrixTests.privateLib.path
            case .healthy:
                try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
                module = DryRunMatrixTests.hello.path
            }
            let required = module == DryRunMatrixTests.hello.path ? [DryRunMatrixTests.hello] : [DryRunMatrixTests.privateLib]
            consumer = try lab.makeConsumer(requiring: required)
        }

        func remove() {
            stops.forEach { $0() }
            lab.remove()
        }
    }

    @Test(arguments: Environment.allCases)
    func everyPlaybookDryRunChangesNothing(environment: Environment) throws {
        let setup = try Setup(environment)
        defer { setup.remove() }
        let lab = setup.lab
        let listed = try lab.gotriage(["list"])
        #expect(listed.exitCode == 0)
        let ids = listed.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(ids.count >= 7, "\(listed.stdout)")
        #expect(ids.contains("exit-status-128"))

        let answers = lab.root.appendingPathComponent("answers.yaml")
        try Data("module: \(setup.module)\ngoproxy: \"\(setup.goproxy)\"\n".utf8).write(to: answers)
        let before = lab.protectedFiles()
        #expect(before[lab.goEnvURL.path] != nil, "the lab has a GOENV file to protect")
        var outcomes: [String: JSONEvent.End.Outcome] = [:]
        for id in ids {
            let result = try lab.gotriage(["run", id, "--dry-run", "--json", "--answers", answers.path], in: setup.consumer)
            let events = try JSONEvents(result.stdout)
            let end = try #require(events.last?.ended, "\(id): the last line is the end: \(result.stdout)\(result.stderr)")
            let outcome = end.outcome
            outcomes[id] = outcome
            let expectedStatus: Int32 =
                switch outcome {
                case .resolved: 0
                case .notResolved, .fixProposed: 1
                case .escalate: 5
                }
            #expect(result.exitCode == expectedStatus, "\(id) ended \(outcome): \(result.stderr)")
            #expect(!events.contains { $0.kind == .fixApplied }, "\(id) applied a fix in a dry run")
            if outcome == .fixProposed {
                #expect(events.contains { $0.kind == .fixWouldRun })
                #expect(
                    events.dropLast().last?.kind == .fixWouldRun,
                    "\(id): nothing happens after the fix: \(result.stdout.split(separator: "\n").suffix(4).joined(separator: "\n"))")
            }
            #expect(lab.protectedFiles() == before, "\(id) changed a file in \(environment)")
        }
        // The broken labs do reach a fix in the entry playbook; the healthy one does not.
        let entry = outcomes["exit-status-128"]
        switch environment {
        case .goproxyOff, .deadProxy, .privateNeedsGoprivate: #expect(entry == .fixProposed, "\(outcomes)")
        case .healthy: #expect(entry == .resolved, "\(outcomes)")
        case .gitBasicAuth, .sshUnauthorizedKey: #expect(entry == .notResolved, "\(outcomes)")
        }
    }
}
