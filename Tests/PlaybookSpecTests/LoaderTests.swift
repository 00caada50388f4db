import PlaybookSpec
import Testing

@Suite struct LoaderTests {
    let header = "gotriage: 1\nid: sample\ntitle: Sample\nsummary: A test.\nstart: a\n"

    func load(_ steps: String) throws -> PlaybookDocument {
        try PlaybookLoader().load(text: header + "steps:\n" + steps, file: "t.yaml")
    }

    @Test func yesAndNoChoicesStayText() throws {
        let document = try load("  a:\n    ask: {question: Go?, into: go, choices: [yes, no, on, 1], default: no}\n    next: a\n")
        guard case .ask(let ask) = document.steps[0].action else {
            Issue.record("not an ask")
            return
        }
        #expect(ask.choices.map(\.value) == ["yes", "no", "on", "1"])
        #expect(ask.defaultValue?.value.description == "no")
    }

    @Test(arguments: [("500ms", 500), ("2s", 2_000), ("1.5s", 1_500), ("1m", 60_000), ("0.5ms", 1)])
    func durationsBecomeMilliseconds(_ text: String, _ milliseconds: Int) throws {
        let document = try load("  a:\n    run: {argv: [go], timeout: \(text)}\n    next: a\n")
        guard case .run(let run) = document.steps[0].action else {
            Issue.record("not a run")
            return
        }
        #expect(run.timeoutMilliseconds == milliseconds)
    }

    @Test(arguments: ["5", "5 sec", "s", "1.2.3s", "-1s", "0s", "1h"])
    func badDurationsAreStructuralErrors(_ text: String) {
        #expect(throws: Diagnostic.self) { try load("  a:\n    run: {argv: [go], timeout: '\(text)'}\n    next: a\n") }
    }

    @Test func jumpSplitsOnTheFirstColon() throws {
        let document = try load("  a:\n    jump: git-auth:check:ssh\n")
        guard case .jump(let jump) = document.steps[0].action else {
            Issue.record("not a jump")
            return
        }
        #expect(jump.playbook.value == "git-auth")
        #expect(jump.step?.value == "check:ssh")
        #expect(jump.playbook.location.column == 11)
        #expect(jump.step?.location.column == 20)
    }

    @Test func repeatedStepIDsAreKeptInOrderWithTheirOwnLocations() throws {
        let document = try load(
            "  a:\n    say: one\n    next: b\n  b:\n    say: two\n    next: a\n  a:\n    say: three\n    next: b\n  a:\n    say: four\n    next: b\n"
        )
        #expect(document.steps.map(\.id.value) == ["a", "b", "a", "a"])
        #expect(document.steps.map(\.id.location.line) == [7, 10, 13, 16])
        #expect(document.steps.map { $0.say?.value.description } == ["one", "two", "three", "four"])
    }

    @Test func repeatedStepIDsInAFlowMappingAreKeptToo() throws {
        let document = try load(" {a: {say: x, next: a}, a: {say: y, next: a}}\n")
        #expect(document.steps.map(\.id.value) == ["a", "a"])
        #expect(document.steps.map(\.id.location.column) == [3, 25])
    }

    @Test func repeatedNamesInSetAreALoaderError() {
        let error = #expect(throws: Diagnostic.self) {
            try load("  a:\n    fix: {reason: r, set: {GOPROXY: a, GOPROXY: b}}\n    next: a\n")
        }
        #expect(error?.description == "t.yaml:8:40: error: 'GOPROXY' is written twice; first written at line 8")
    }

    @Test func anchorsAndAliasesAreFollowed() throws {
        let document = try load("  a:\n    run: {argv: &cmd [go, version]}\n    next: b\n  b:\n    run: {argv: *cmd}\n    next: a\n")
        guard case .run(let run) = document.steps[1].action else {
            Issue.record("not a run")
            return
        }
        #expect(run.argv.map(\.value.description) == ["go", "version"])
    }

    @Test func aSecondDocumentIsRefused() {
        #expect(throws: Diagnostic.self) {
            try PlaybookLoader().load(
                text: header + "steps:\n  a:\n    done: {outcome: resolved, conclusion: ok}\n---\nid: x\n", file: "t.yaml")
        }
    }

    @Test func everyPieceKeepsItsLocation() throws {
        let document = try load(
            "  a:\n    run: {argv: [go, version]}\n    branch:\n      - if: {exit: [1, 128]}\n        goto: a\n      - else: a\n")
        let step = document.steps[0]
        #expect(step.id.location == SourceLocation(file: "t.yaml", line: 7, column: 3))
        guard case .branch(let arms, let at)? = step.transition else {
            Issue.record("no branch")
            return
        }
        #expect(at.line == 9 && at.column == 5)
        #expect(arms.map(\.location.line) == [10, 12])
        #expect(arms[0].condition?.location == SourceLocation(file: "t.yaml", line: 10, column: 14))
        #expect(arms[0].target.location == SourceLocation(file: "t.yaml", line: 11, column: 15))
        guard case .exitCode(let codes)? = arms[0].condition?.kind else {
            Issue.record("not exit")
            return
        }
        #expect(codes == [1, 128])
        #expect(arms[1].condition == nil)
    }

    @Test func fixChangesKeepFileOrderSetBeforeUnset() throws {
        let document = try load("  a:\n    fix: {reason: r, set: {GOPROXY: direct, GOSUMDB: 'off'}, unset: [GOFLAGS]}\n    next: a\n")
        guard case .fix(let fix) = document.steps[0].action else {
            Issue.record("not a fix")
            return
        }
        #expect(fix.changes.map(\.key.value) == ["GOPROXY", "GOSUMDB", "GOFLAGS"])
        #expect(fix.changes.map { $0.value?.value.description } == ["direct", "off", nil])
    }

    @Test func inputsWithoutDefaultsAndExtensionKeys() throws {
        let text =
            "gotriage: 1\nid: s\ntitle: T\nsummary: S\nstart: a\nx-symptoms: [anything, {goes: here}]\ninputs:\n  module: \"\"\n  proxy: ~\n  other:\nsteps:\n  a:\n    done: {outcome: resolved, conclusion: ok}\n"
        let document = try PlaybookLoader().load(text: text, file: "t.yaml")
        #expect(document.inputs.map(\.name.value) == ["module", "proxy", "other"])
        #expect(document.inputs.map { $0.defaultValue?.value.description } == ["", nil, nil])
    }

    @Test func missingFileIsADiagnosticNamingIt() {
        let error = #expect(throws: Diagnostic.self) { try PlaybookLoader().load(file: "/nonexistent/x.yaml") }
        #expect(error?.message.contains("'/nonexistent/x.yaml'") == true)
    }
}
