import Foundation
import PlaybookSpec
import Yams
var text = "gotriage: 1\nid: big\ntitle: Big\nsummary: Many steps.\nstart: s0\nsteps:\n"
for index in 0..<10_000 {
    text += "  s\(index):\n    say: \"Step {{v\(index % 50)}} of many\"\n    run: {argv: [go, version], timeout: 2s, capture: [{stdout: 'v(?<v\(index % 50)>.*)'}]}\n"
    text += "    branch:\n      - if: {in: stdout, contains: \"{{v\(index % 50)}}\"}\n        goto: s\(index + 1)\n      - if: {all: [{exit: 0}, {var: v1, matches: '^x'}]}\n        goto: s\(index + 1)\n      - else: s\(index + 1)\n"
}
text += "  s10000:\n    done: {outcome: resolved, conclusion: ok}\n"
print("bytes", text.utf8.count)
func time(_ label: String, _ body: () throws -> Void) rethrows { let t0 = Date(); try body(); print(label, String(format: "%.1f ms", Date().timeIntervalSince(t0) * 1000)) }
for _ in 0..<2 {
    try time("compose basic") { _ = try Yams.compose(yaml: text, .basic) }
    try time("parser events-only") { let p = try Parser(yaml: text, resolver: .basic); _ = try p.singleRoot() }
    try time("regex x20000") { for i in 0..<20000 { _ = try NSRegularExpression(pattern: "v(?<v\(i % 50)>.*)") } }
    try time("template x40000") { for i in 0..<40000 { _ = try Template.parse("Step {{v\(i % 50)}} of many") } }
    try time("load") { _ = try PlaybookLoader().load(text: text, file: "big.yaml") }
}
