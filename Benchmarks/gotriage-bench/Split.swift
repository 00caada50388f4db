import Foundation
import PlaybookSpec

enum SplitTiming {
    static func run(_ file: String) {
        let text = try! String(contentsOfFile: file, encoding: .utf8)
        var loads: [Double] = [], validates: [Double] = []
        for _ in 0..<10 {
            var doc: PlaybookDocument?
            loads.append(Stopwatch.milliseconds { doc = try? PlaybookLoader().load(text: text, file: file) })
            validates.append(Stopwatch.milliseconds { _ = try? Validator.validate([doc!]) })
        }
        print("load", loads.sorted()[5], "validate", validates.sorted()[5])
        let templates = (0..<30_000).map { "Step \($0) checks {{module}} and more text here for {{goproxy}}." }
        print("template.parse x30k", Stopwatch.milliseconds { for t in templates { _ = try? Template.parse(t) } })
        let regexes = (0..<5_000).map { "error \($0): (timeout|refused)" }
        print("pattern x5k", Stopwatch.milliseconds { for r in regexes { _ = try? Pattern(r) } })
        print("yaml size", text.utf8.count, "lines", text.split(separator: "\n").count)
    }
}
