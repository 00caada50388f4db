import Testing

@testable import TriageCLI

/// Control characters reach the terminal only as escapes; gotriage's own colours still work.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1B}]0;title\u{07}", #"\e]0;title\x07"#), ("a\rb", #"a\rb"#), ("\u{1B}[2J", #"\e[2J"#),
        ("x\u{0}y\u{7F}", #"x\x00y\x7f"#), ("\u{9B}31m", #"\u{9b}31m"#), ("\u{9D}8;;x\u{9C}", #"\u{9d}8;;x\u{9c}"#),
        ("tab\tand\nnewline", "tab\tand\nnewline"), ("é ü → ✓ \u{A0}", "é ü → ✓ \u{A0}"), ("\u{8}\u{1}", #"\x08\x01"#)
    ])
    func controlCharactersAreEscaped(text: String, shown: String) {
        #expect(TerminalText.escaped(text) == shown)
    }

    @Test func everyConsoleLineIsEscapedAndColoursSurvive() {
        var out = ""
        var err = ""
        let console = Console(usesColour: true, out: { out += $0 }, err: { err += $0 })
        console.line(console.styled("ok", .green) + " output: \u{1B}[31mred\u{1B}]0;t\u{07}")
        #expect(out == "\u{1B}[32mok\u{1B}[0m output: \\e[31mred\\e]0;t\\x07\n")
        console.errorLine("bad\rline")
        #expect(err == "bad\\rline\n")
        out = ""
        console.line(console.styled("evil \u{1B}[2J", .bold))
        #expect(out == "\u{1B}[1mevil \\e[2J\u{1B}[0m\n", "the text inside a style is escaped too")
        out = ""
        console.statusLine("⠋ 1.0 s  \u{1B}[2Jlabel")
        #expect(out == "\r\u{1B}[2K⠋ 1.0 s  \\e[2Jlabel")
        out = ""
        console.verbatimLine(#"{"a":"\u001b"}"#)
        #expect(out == "{\"a\":\"\\u001b\"}\n", "JSON is written as it is")
    }

    @Test func aStyleMarkCannotBeForgedByText() {
        var out = ""
        let console = Console(usesColour: true, out: { out += $0 }, err: { _ in })
        // Whatever a probe prints, without the console's random mark it stays text.
        console.line("\u{1}31m not a colour \u{1}0123456789abcdef31m")
        #expect(!out.contains("\u{1B}"))
        #expect(!out.contains("\u{1}"))
    }
}
