/// A large, valid playbook for the load benchmark: a chain of steps of every kind, with branches,
/// regexes and templates, every `ask` breaking any loop.
enum GeneratedPlaybook {
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
