import Foundation
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import DecisionEngine
@testable import TriageCLI

@Suite("JSON lines")
struct JSONLinesRendererTests {
    /// What `JSONWireSamples.events` printed before the schema was typed (the untyped renderer,
    /// redacting by a JSON round trip), and the `diagnosis` lines added since: the wire format the
    /// README documents, byte for byte.
    static let wire = #"""
        {"event":"start","playbook":"book","title":"A book"}
        {"event":"say","step":"book:check","text":"Hello / there"}
        {"argv":["go","version"],"event":"probe-start","step":"book:check","text":"go version","timeout_ms":30000}
        {"argv":["true"],"event":"probe-start","step":"book:check","timeout_ms":5}
        {"argv":["go","version"],"duration_ms":3.1,"event":"probe-end","exit_code":0,"interrupted":false,"stderr":"","stdout":"go1.19\n","step":"book:check","timed_out":false}
        {"argv":["true"],"duration_ms":5,"event":"probe-end","exit_code":137,"interrupted":true,"stderr":"","stdout":"","step":"book:check","timed_out":true}
        {"choices":["a","b"],"default_value":"a","event":"ask","question":"Which proxy?","step":"book:check","variable":"goproxy"}
        {"event":"ask","question":"Which module?","step":"book:check","variable":"module"}
        {"event":"answer","origin":"user","step":"book:check","value":"b","variable":"goproxy"}
        {"event":"answer","origin":"answer-flag","step":"book:check","value":"x","variable":"module"}
        {"event":"answer-rejected","reason":"Please answer with one of: a, b.","reply":"c","step":"book:check","variable":"goproxy"}
        {"changes":[{"command":["go","env","-w","GOPROXY=https://p/x"],"current":"off","key":"GOPROXY","source":"goenv-file","value":"https://p/x"},{"command":["go","env","-u","GOFLAGS"],"current":"-x","key":"GOFLAGS","source":"environment"}],"event":"fix-proposed","reason":"GOPROXY is off.","step":"book:check"}
        {"changes":[{"command":["go","env","-w","GOPROXY=https://p/x"],"key":"GOPROXY","value":"https://p/x"},{"command":["go","env","-u","GOFLAGS"],"key":"GOFLAGS"}],"event":"fix-proposed","reason":"GOPROXY is off.","step":"book:check"}
        {"event":"fix-applied","results":[{"key":"GOPROXY","new":"https://p/x","old":"off","status":"applied"},{"key":"GOFLAGS","new":"","old":"-x","status":"overridden","variable":"GOFLAGS"},{"key":"GOSUMDB","message":"boom","status":"failed"}],"step":"book:check"}
        {"event":"fix-declined","reason":"user-said-no","step":"book:check"}
        {"event":"fix-declined","reason":"no-yes-flag","step":"book:check"}
        {"commands":[["go","env","-w","GOPROXY=https://p/x"],["go","env","-u","GOFLAGS"]],"event":"fix-would-run","step":"book:check"}
        {"condition":"exit is 0","event":"decision","evidence":["exit 0"],"location":"/p/book.yaml:7:9","step":"book:check","target":"book:next"}
        {"event":"decision","evidence":[],"location":"/p/book.yaml:8:5","step":"book:check","target":"book:next"}
        {"event":"go-env-unreadable","message":"go: not found"}
        {"event":"interrupted","step":"book:check"}
        {"cause":"goproxy-off","conclusion":"Fixed.","event":"end","outcome":"resolved","reason":"done","step":"book:check"}
        {"conclusion":"Dry.","event":"end","outcome":"fix-proposed","reason":"fix-proposed","step":"book:check"}
        {"event":"answer","origin":"default","step":"book:check","value":"a","variable":"goproxy"}
        {"conclusion":"SIGTERM stopped the walk at book:check; the running command, if any, was stopped with its whole process group. Nothing was changed after that.","event":"end","outcome":"interrupted","reason":"interrupted","step":"book:check"}
        {"conclusion":"The playbook asks \"Which module?\" and no answer was given. Pass --answer module=VALUE.","event":"end","outcome":"unanswered","reason":"no-answer","step":"book:check","variable":"module"}
        {"event":"say","step":"book:check","text":"tab\there\u001b[0m é \"q\" \\ https://REDACTED@h/x \#u{7F}\#u{2028}"}
        {"cause":"goproxy-off","event":"diagnosis","evidence":"stdout line 4: \"go: m@v1: module lookup disabled by GOPROXY=off\"","reason":"GOPROXY is off, so go may not download m","score":0.95,"signature":"goproxy-off","step":"book:check"}
        {"diagnosis":{"cause":"goproxy-off","evidence":"stdout line 4: \"go: m@v1: module lookup disabled by GOPROXY=off\"","reason":"GOPROXY is off, so go may not download m","score":0.95,"signature":"goproxy-off","step":"book:check"},"event":"interrupted","step":"book:check"}
        {"cause":"proxy-auth","event":"diagnosis","evidence":"stdout line 4: \"go: m@v1: reading http://p/m/@v/v1.info: 401 Unauthorized\"","help":"give go the proxy's credentials","reason":"the proxy answered 401 Unauthorized for http://p/m/@v/v1.info","score":0.75,"signature":"proxy-auth","step":"book:check"}
        {"cause":"unknown","conclusion":"Over.","diagnosis":{"cause":"proxy-auth","evidence":"stdout line 4: \"go: m@v1: reading http://p/m/@v/v1.info: 401 Unauthorized\"","help":"give go the proxy's credentials","reason":"the proxy answered 401 Unauthorized for http://p/m/@v/v1.info","score":0.75,"signature":"proxy-auth","step":"book:check"},"event":"end","outcome":"escalate","reason":"done","step":"book:check"}
        {"cause":"ssh-auth","conclusion":"Add your key: `ssh-add -l`.","event":"end","help":"ssh-add /home/dev/.ssh/id_ed25519","outcome":"not-resolved","reason":"done","step":"book:check"}
        """#

    /// Collects what a console writes, stdout and stderr apart.
    final class Output {
        var out = ""
        var err = ""
        lazy var console = Console(usesColour: false, out: { self.out += $0 }, err: { self.err += $0 })
    }

    /// Every line of `text` decoded as a `JSONEvent`.
    static func decode(_ text: String) throws -> [JSONEvent] {
        try text.split(separator: "\n").map { try JSONDecoder().decode(JSONEvent.self, from: Data($0.utf8)) }
    }

    static func render(_ events: [WalkEvent], redactor: Redactor = Redactor()) -> Output {
        let output = Output()
        let renderer = JSONLinesRenderer(console: output.console, redactor: redactor)
        for event in events { renderer.handle(event) }
        return output
    }

    @Test func everyEventKeepsItsWireFormat() {
        let output = Self.render(JSONWireSamples.events)
        #expect(output.out == Self.wire + "\n")
        #expect(output.err.isEmpty)
    }

    @Test func theSamplesHaveEveryKindOfEvent() {
        let kinds = Set(JSONWireSamples.events.map { JSONEvent($0).kind })
        #expect(kinds == Set(JSONEvent.Kind.allCases))
    }

    @Test(arguments: JSONWireSamples.events.indices)
    func eachLineDecodesToTheEventItWasWrittenFrom(index: Int) throws {
        let event = JSONWireSamples.events[index]
        let output = Self.render([event], redactor: Redactor(enabled: false))
        #expect(try Self.decode(output.out) == [JSONEvent(event)])
    }

    @Test func decodingRefusesAnUnknownEventOrAMissingKey() {
        #expect(throws: DecodingError.self) {
            try Self.decode(#"{"event":"probe-ended","step":"a:b"}"#)
        }
        #expect(throws: DecodingError.self, "a key the type requires is missing") {
            try Self.decode(#"{"event":"say","step":"a:b"}"#)
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aValueThatCannotBeEncodedIsReportedAndTheStreamStillEnds(duration: Double) throws {
        let probe = JSONWireSamples.probe
        let end = WalkEnd(outcome: .escalate, cause: nil, conclusion: "Over.", step: probe.step, reason: .done)
        let output = Self.render([
            .started(playbook: "book", title: "A book"),
            .probeStarted(probe),
            .probeFinished(probe, CommandResult(argv: probe.argv, durationMilliseconds: duration)),
            .finished(end)
        ])
        let events = try Self.decode(output.out)
        #expect(events.map(\.kind) == [.start, .probeStart, .end], "\(output.out)")
        #expect(events.last == JSONEvent(.finished(end)))
        #expect(
            output.err.hasPrefix(
                "gotriage: the probe-end event could not be written as JSON, so it is missing from the output: duration_ms is \(duration): "
            ),
            "\(output.err)")
        #expect(output.err.split(separator: "\n").count == 1)
    }

    /// Every string value in a line of JSON (not the keys).
    static func stringValues(in line: String) throws -> [String] {
        let literal = try Regex(#""((?:[^"\\]|\\.)*)"(\s*:)?"#)
        return line.matches(of: literal).compactMap { match in
            match.output[2].substring == nil ? match.output[1].substring.map(String.init) : nil
        }
    }

    @Test func mapStringsReachesEveryStringOfEveryEvent() throws {
        let fixed = Set(
            JSONEvent.Kind.allCases.map(\.rawValue) + JSONEvent.End.Outcome.allCases.map(\.rawValue)
                + JSONEvent.FixApplied.Status.allCases.map(\.rawValue) + JSONEvent.FixProposed.Source.allCases.map(\.rawValue)
                + JSONEvent.End.Reason.allCases.map(\.rawValue) + ["user", "answer-flag", "default", "user-said-no", "no-yes-flag"])
        let encoder = JSONEncoder()
        for walkEvent in JSONWireSamples.events {
            let event = JSONEvent(walkEvent)
            #expect(event.mapStrings { $0 } == event)
            let line = String(decoding: try encoder.encode(event.mapStrings { _ in "•" }), as: UTF8.self)
            let values = try Self.stringValues(in: line)
            #expect(!values.isEmpty)
            #expect(values.allSatisfy { $0 == "•" || fixed.contains($0) }, "a string mapStrings missed: \(line)")
        }
    }

    @Test func theRedactorReachesEveryStringOfEveryEvent() throws {
        let secret = "https://alice:hunter2@proxy.corp"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        for walkEvent in JSONWireSamples.events {
            let planted = JSONEvent(walkEvent).mapStrings { $0 + " " + secret }
            let line = String(decoding: try encoder.encode(Redactor().redact(planted)), as: UTF8.self)
            #expect(!line.contains("hunter2") && !line.contains("alice"), "\(line)")
            let strings = try Self.stringValues(in: String(decoding: try encoder.encode(planted), as: UTF8.self))
                .filter { $0.contains("hunter2") }
            #expect(!strings.isEmpty)
            #expect(line.components(separatedBy: "https://REDACTED@proxy.corp").count - 1 == strings.count, "\(line)")
            let plain = String(decoding: try encoder.encode(Redactor(enabled: false).redact(planted)), as: UTF8.self)
            #expect(plain.contains(secret))
        }
    }

    @Test func probeOutputIsRedactedBeforeItIsCut() throws {
        let probe = JSONWireSamples.probe
        // Cut at 4 000 characters, the URL would keep "https://alice:hun" — no "@", so no URL to redact.
        let stdout = String(repeating: "x", count: JSONLinesRenderer.outputExcerpt - 17) + "https://alice:hunter2@proxy.corp/x"
        let output = Self.render([.probeFinished(probe, CommandResult(argv: probe.argv, stdout: stdout))])
        guard case .probeEnd(let end)? = try Self.decode(output.out).first else {
            Issue.record("expected probe-end")
            return
        }
        #expect(end.stdout.count == JSONLinesRenderer.outputExcerpt)
        #expect(!end.stdout.contains("alice"), "\(end.stdout.suffix(40))")
        #expect(end.stdout.hasSuffix("https://REDACTED@"))
    }

    @Test func everyReasonAWalkCanEndWithHasItsJSONName() {
        for reason in WalkEnd.Reason.allCases {
            #expect(JSONEvent.End.Reason(reason).rawValue == reason.rawValue)
        }
    }

    /// The top-level keys of one JSON object, read with a decoder (the values are not looked at).
    struct Keys: Decodable {
        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        let names: Set<String>
        init(from decoder: any Decoder) throws {
            names = Set(try decoder.container(keyedBy: Key.self).allKeys.map(\.stringValue))
        }
    }

    /// The README's `--json` table: for each event, its top-level keys, a `?` after the optional ones.
    static func readmeTable(filePath: String = #filePath) throws -> [String: [String]] {
        let readme = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "### `--json`")).upperBound
        var table: [String: [String]] = [:]
        for line in text[section...].split(separator: "\n").prefix(while: { !$0.hasPrefix("## ") }) where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let event = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            // What is in parentheses describes values or nested keys; the rest names the top-level keys.
            let topLevel = cells[1].replacing(try Regex(#"\([^()]*\)"#), with: "")
            table[event] = topLevel.matches(of: try Regex(#"`([a-z_]+)`(\?)?"#)).map { String($0.output[0].substring ?? "") }
                .map { $0.replacingOccurrences(of: "`", with: "") }
        }
        return table
    }

    @Test func theReadmeTableNamesEveryKeyOfEveryEvent() throws {
        let table = try Self.readmeTable()
        #expect(Set(table.keys) == Set(JSONEvent.Kind.allCases.map(\.rawValue)))
        let lines = Self.render(JSONWireSamples.events).out.split(separator: "\n")
        for kind in JSONEvent.Kind.allCases {
            let keySets = try zip(JSONWireSamples.events, lines).filter { JSONEvent($0.0).kind == kind }
                .map { try JSONDecoder().decode(Keys.self, from: Data($0.1.utf8)).names.subtracting(["event"]) }
            let always = keySets.dropFirst().reduce(keySets.first ?? []) { $0.intersection($1) }
            let sometimes = keySets.reduce(Set<String>()) { $0.union($1) }.subtracting(always)
            let documented = Set(always.map { $0 } + sometimes.map { $0 + "?" })
            #expect(Set(table[kind.rawValue] ?? []) == documented, "README row for \(kind.rawValue)")
        }
    }
}
