import Diagnosis

/// Checks that every example in the catalog is claimed first by its own signature: diagnosing
/// the example's text alone must rank a match of that signature above every other match.
enum ExampleCheck {
    struct Item {
        var signature: String
        var example: Example
        var location: SourceLocation
    }

    static func problems(diagnoser: Diagnoser, examples: [Item]) -> [Diagnostic] {
        let catalog = diagnoser.catalog
        var problems: [Diagnostic] = []
        for item in examples {
            let matches = diagnoser.matches(in: GoLog(text: item.example.text))
            guard let first = matches.first else {
                problems.append(
                    Diagnostic(
                        at: item.location, "example of '\(item.signature)' is claimed by no signature; \(hint(for: item, catalog: catalog))"
                    ))
                continue
            }
            guard first.signature != item.signature else { continue }
            if matches.contains(where: { $0.signature == item.signature }) {
                problems.append(Diagnostic(at: item.location, "example of '\(item.signature)' is claimed first by '\(first.signature)'"))
            } else {
                problems.append(
                    Diagnostic(
                        at: item.location,
                        "example of '\(item.signature)' is claimed first by '\(first.signature)'; '\(item.signature)' does not match it (\(hint(for: item, catalog: catalog)))"
                    ))
            }
        }
        return problems
    }

    /// Why the signature missed: which stages the text was read as, and which the signature reads.
    static func hint(for item: Item, catalog: Catalog) -> String {
        let log = GoLog(text: item.example.text)
        let stages = Set(log.errors.flatMap(\.stages)).sorted().map(\.rawValue)
        let wanted = catalog.signature(item.signature)?.stages.sorted().map(\.rawValue) ?? []
        return
            "the text was read as \(stages.isEmpty ? "no error" : "stage " + stages.joined(separator: ", ")); the signature reads \(wanted.joined(separator: ", "))"
    }
}
