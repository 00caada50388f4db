import Diagnosis

/// Checks a set of loaded playbooks for meaning and builds the `DecisionTree` the engine walks.
///
/// Unlike the loader it does not stop at the first problem: it collects every one (references,
/// branch shape, variables, regexes, reachability, endless loops, …) and throws them together,
/// sorted by location.
public enum Validator {
    /// - Parameter causes: the cause catalog (`Playbooks/causes.yaml`, loaded by `CatalogLoader`):
    ///   the causes a `done` step may name, the signatures and causes conditions test, and the
    ///   steps a `route: causes` arm leads to.
    /// - Parameter diagnoser: the catalog's diagnoser, when it is built already (`LoadedCatalog`);
    ///   otherwise one is built for the tree.
    /// - Parameter vouchedFiles: playbooks whose very text this build validated before: their
    ///   regexes are compiled when first matched (see `ValidatedTexts`).
    public static func validate(
        _ documents: [PlaybookDocument], causes: Catalog,
        diagnoser: Diagnoser? = nil, vouchedFiles: Set<String> = []
    ) throws(ValidationFailure) -> DecisionTree {
        var problems = Problems()
        let index = PlaybookIndex(documents, problems: &problems)
        let scopes = VariableScopes(index, catalog: causes)
        let references = CatalogReferences(causes, index: index)
        var successors = [[Int]](repeating: [], count: index.nodeCount)
        var asks = [Bool](repeating: false, count: index.nodeCount)
        var starts = [Int?](repeating: nil, count: documents.count)
        var playbooks: [Playbook] = []
        let patterns = PatternCache()
        for (position, document) in documents.enumerated() {
            let terms = TermChecker(
                variables: scopes.defined[position], compiled: patterns, vouched: vouchedFiles.contains(document.file))
            for input in document.inputs {
                if let value = input.defaultValue { terms.check(value, in: "inputs", problems: &problems) }
            }
            starts[position] = index.resolve(
                document.start, in: position, what: "start", acrossPlaybooks: false,
                problems: &problems)
            let compiler = StepCompiler(index: index, document: position, terms: terms, catalog: references)
            var steps: [String: Step] = [:]
            var order: [String] = []
            steps.reserveCapacity(document.steps.count)
            order.reserveCapacity(document.steps.count)
            for (offset, syntax) in document.steps.enumerated() {
                let node = index.offsets[position] + offset
                guard !index.repeated.contains(node) else { continue }
                let output = compiler.compile(syntax, problems: &problems)
                successors[node] = output.successors
                asks[node] = output.asks
                if let step = output.step {
                    steps[syntax.id.value] = step
                    order.append(syntax.id.value)
                }
            }
            if let start = starts[position], index.playbooks[document.id.value] == position {
                playbooks.append(
                    Playbook(
                        id: document.id.value, title: document.title, summary: document.summary, file: document.file,
                        location: document.location, start: index.address(start),
                        inputs: document.inputs.map {
                            Playbook.Input(name: $0.name.value, defaultValue: $0.defaultValue?.value, location: $0.name.location)
                        },
                        steps: steps, stepOrder: order))
            }
        }
        let graph = StepGraph(successors: successors)
        reportUnreachable(graph, index: index, starts: starts, problems: &problems)
        reportEndlessLoops(graph, index: index, asks: asks, problems: &problems)
        guard problems.isEmpty else { throw ValidationFailure(problems.diagnostics) }
        return DecisionTree(playbooks: playbooks, diagnoser: diagnoser ?? Diagnoser(catalog: causes))
    }

    private static func reportUnreachable(
        _ graph: StepGraph, index: PlaybookIndex, starts: [Int?],
        problems: inout Problems
    ) {
        let reached = graph.reachable(from: starts.compactMap { $0 })
        for (position, document) in index.documents.enumerated() where starts[position] != nil {
            for offset in document.steps.indices {
                let node = index.offsets[position] + offset
                guard !reached[node], !index.repeated.contains(node) else { continue }
                let id = document.steps[offset].id
                problems.error(
                    id.location,
                    "step '\(id.value)' can never be reached; no path leads to it from the start step '\(document.start.value)'")
            }
        }
    }

    /// One report per loop that never asks the user anything, at the loop's first step in file order.
    private static func reportEndlessLoops(
        _ graph: StepGraph, index: PlaybookIndex, asks: [Bool],
        problems: inout Problems
    ) {
        for component in graph.cycles() where !component.contains(where: { asks[$0] }) {
            guard let first = component.min(by: { index.step($0).id.location < index.step($1).id.location }) else {
                continue
            }
            let home = index.place(of: first).document
            var names = graph.loop(through: first, within: Set(component)).map { node in
                index.place(of: node).document == home ? index.step(node).id.value : index.address(node).description
            }
            if names.count > 12 { names = Array(names.prefix(10)) + ["…", names[names.count - 1]] }
            problems.error(
                index.step(first).id.location,
                "steps \(names.joined(separator: " → ")) loop without asking the user anything; the walk could never end")
        }
    }
}
