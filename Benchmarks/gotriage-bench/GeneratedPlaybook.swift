import Foundation
import PlaybookSpec

/// A large, valid playbook for the load benchmark: a chain of steps of every kind, with branches,
/// regexes and templates, every `ask` breaking any loop.
enum GeneratedPlaybook {
    /// Milliseconds to load and validate generated playbooks of each size in `steps`, from
    /// temporary files (as gotriage reads them), against `catalog`: `runs` times each, the sizes in turn.
    static func measure(steps sizes: [Int], runs: Int, catalog: LoadedCatalog) throws -> [[Double]] {
        let folder = FileManager.default.temporaryDirectory
        let files = sizes.map { folder.appendingPathComponent("gotriage-bench-\($0).yaml").path }
        defer { files.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        for (size, file) in zip(sizes, files) {
            try yaml(steps: size).write(toFile: file, atomically: true, encoding: .utf8)
            guard case .success(let tree) = PlaybookLibrary.load(files: [file], catalog: catalog),
                tree.playbooks["generated"]?.steps.count == size
            else {
                throw BenchError("the generated \(size)-step playbook did not validate; the benchmark would measure an error path")
            }
        }
        var samples = [[Double]](repeating: [], count: sizes.count)
        for _ in 0..<runs {
            for (index, file) in files.enumerated() {
                samples[index] += Stopwatch.samples(1) { PlaybookLibrary.load(files: [file], catalog: catalog) }
            }
        }
        return samples
    }

    static func yaml(steps count: Int) -> String {
        var text = """
            gotriage: 1
            id: generated
            title: Generated benchmark playbook
            summary: \(count) steps of every kind.
            start: s0
            inputs:
              module: example.com/lib
            steps:

            """
        for index in 0..<count {
            let next = index + 1 < count ? "s\(index + 1)" : "end"
            if index == count - 1 {
                text += """
                      s\(index):
                        done:
                          outcome: resolved
                          conclusion: Finished {{module}} after \(count) steps.

                    """
                continue
            }
            switch index % 4 {
            case 0:
                text += """
                      s\(index):
                        say: Step \(index) checks {{module}}.
                        run:
                          argv: [go, env, -json, "{{module}}"]
                          timeout: 5s
                          capture:
                            - stdout: '"GOPROXY": "(?<proxy_\(index)>[^"]*)"'
                        branch:
                          - if: {exit: 0}
                            goto: \(next)
                          - if: {in: stderr, matches: 'error \(index): (timeout|refused)'}
                            goto: \(next)
                          - else: \(next)

                    """
            case 1:
                text += """
                      s\(index):
                        ask:
                          question: Answer \(index) for {{module}}?
                          into: answer_\(index)
                          choices: [yes, no]
                        branch:
                          - if: {var: answer_\(index), equals: "yes"}
                            goto: \(next)
                          - else: \(next)

                    """
            case 2:
                text += """
                      s\(index):
                        say: Fixing \(index).
                        fix:
                          reason: Step \(index) needs GOPRIVATE.
                          set: {GOPRIVATE: "{{module}}"}
                        branch:
                          - if: {fix: applied}
                            goto: \(next)
                          - else: \(next)

                    """
            default:
                text += """
                      s\(index):
                        say: Message \(index).
                        branch:
                          - if: {all: [{goenv: GOPROXY, contains: direct}, {not: {var: module, empty: true}}]}
                            goto: \(next)
                          - else: \(next)

                    """
            }
        }
        return text
    }
}
