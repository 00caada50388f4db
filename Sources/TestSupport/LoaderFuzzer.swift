import Diagnosis
import PlaybookSpec

/// Feeds mutated playbooks to the loader and validator and sorts what comes back.
///
/// Each input is one seed text mutated by `PlaybookMutator`; it is loaded, and when it loads it is
/// validated together with the unmutated other seeds of its group that load cleanly (so jumps
/// between the shipped playbooks still resolve). An input that fails counts as a clear error only when every
/// diagnostic reads `file:line:col: error: message` with a known file, a 1-based line inside the
/// file (or one past its end) and a 1-based column.
public struct LoaderFuzzer {
    /// A playbook text and the file name it is loaded as.
    public struct Seed: Sendable {
        public let file: String
        public let text: String
        /// Seeds of one group are validated together (the shipped playbooks; one multi-file fixture).
        public let group: String

        public init(file: String, text: String, group: String? = nil) {
            self.file = file
            self.text = text
            self.group = group ?? file
        }
    }

    /// What a run found.
    public struct Counts: Sendable, CustomStringConvertible {
        public var inputs = 0
        public var loaded = 0
        public var clearErrors = 0
        /// Inputs whose diagnostics did not meet the format; `unclearExamples` keeps a few.
        public var unclear = 0
        public var unclearExamples: [String] = []
        /// Inputs holding a "billion laughs" (`&l0`…) and a deep alias chain (`&d0`…).
        public var aliasBombs = 0
        public var aliasChains = 0

        public var description: String {
            "inputs: \(inputs), loaded ok: \(loaded), clear errors: \(clearErrors), unclear errors: \(unclear) "
                + "(alias bombs: \(aliasBombs), deep alias chains: \(aliasChains))"
        }
    }

    let seeds: [Seed]
    /// The other seeds of each seed's group, loaded, by file.
    private let companions: [String: [PlaybookDocument]]
    /// Reads the mutated texts, with a node budget small enough that an alias bomb ends in
    /// milliseconds (20 000 nodes: thirty times what the largest shipped playbook reads).
    private let loader: PlaybookLoader
    /// The cause catalog the playbooks are validated against, with its diagnoser (built once).
    private let catalog: LoadedCatalog

    public init(seeds: [Seed], catalog: LoadedCatalog, nodeLimit: Int = 20_000) {
        self.seeds = seeds
        self.catalog = catalog
        self.loader = PlaybookLoader(nodeLimit: nodeLimit)
        var clean: [String: PlaybookDocument] = [:]
        for seed in seeds {
            if let document = try? PlaybookLoader().load(text: seed.text, file: seed.file) { clean[seed.file] = document }
        }
        var companions: [String: [PlaybookDocument]] = [:]
        for seed in seeds {
            companions[seed.file] = seeds.filter { $0.group == seed.group && $0.file != seed.file }.compactMap { clean[$0.file] }
        }
        self.companions = companions
    }

    /// Runs `count` inputs made from `seed`; `progress` is called every 10 000 inputs, `starting`
    /// before each (a watchdog's heartbeat).
    public func run(
        count: Int, seed: UInt64, progress: (Counts) -> Void = { _ in },
        starting: () -> Void = {}
    ) -> Counts {
        var mutator = PlaybookMutator(seed: seed)
        var counts = Counts()
        for index in 0..<count {
            starting()
            let original = seeds[index % seeds.count]
            let text = mutator.mutate(original.text)
            counts.inputs += 1
            if text.contains("&l0 ") { counts.aliasBombs += 1 }
            if text.contains("&d0 ") { counts.aliasChains += 1 }
            let diagnostics: [Diagnostic]
            do {
                let document = try loader.load(text: text, file: original.file)
                do {
                    _ = try Validator.validate(
                        [document] + (companions[original.file] ?? []), causes: catalog.catalog, diagnoser: catalog.diagnoser)
                    counts.loaded += 1
                    continue
                } catch {
                    diagnostics = error.diagnostics
                }
            } catch {
                diagnostics = [error]
            }
            let sources = [original.file: text]
            if diagnostics.isEmpty || !diagnostics.allSatisfy({ isClear($0, in: sources) }) {
                counts.unclear += 1
                if counts.unclearExamples.count < 5 {
                    counts.unclearExamples.append(diagnostics.map(\.description).joined(separator: "\n") + "\n--- input:\n" + text)
                }
            } else {
                // Rendering with the source line and caret must not trip over odd text either.
                _ = DiagnosticRenderer { sources[$0] }.render(diagnostics)
                counts.clearErrors += 1
            }
            if (index + 1) % 10_000 == 0 { progress(counts) }
        }
        return counts
    }

    private func isClear(_ diagnostic: Diagnostic, in sources: [String: String]) -> Bool {
        let location = diagnostic.location
        let known = seeds.contains { $0.file == location.file }
        let lineCount = (sources[location.file] ?? seeds.first { $0.file == location.file }?.text ?? "")
            .split(separator: "\n", omittingEmptySubsequences: false).count
        let header = diagnostic.description
        return known && location.line >= 1 && location.line <= lineCount + 1 && location.column >= 1
            && diagnostic.severity == .error && !diagnostic.message.isEmpty
            && header.hasPrefix("\(location.file):\(location.line):\(location.column): error: ")
    }
}
