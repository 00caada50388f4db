import Diagnosis
import Foundation
import PlaybookSpec
import TestSupport

/// Finds the fixture playbooks shipped with the tests and reads the expectations written in them.
///
/// An invalid fixture lists every diagnostic it must produce as comments:
/// `# expect: 7:5: error: unknown step 'chek-git' in goto; did you mean 'check-git'?`
enum FixtureFiles {
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the Fixtures resource folder is missing from the test bundle")
        }
        return url
    }

    /// Names (without folder) of the `*.yaml` files in `Fixtures/<folder>`, sorted.
    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// Sub-folder names of `Fixtures/multi`, sorted.
    static func multiCases() -> [String] {
        let path = root.appendingPathComponent("multi").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func path(_ folder: String, _ name: String) -> String {
        root.appendingPathComponent(folder).appendingPathComponent(name).path
    }

    /// The `# expect:` lines of a file, as `line:col: severity: message`.
    static func expectations(inFileAt path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("# expect: ") else { return nil }
            return String(trimmed.dropFirst("# expect: ".count))
        }
    }

    /// The cause catalog for fixture files: a multi-playbook case (`Fixtures/multi/<case>/`) may
    /// bring its own `causes.yaml`; everything else is checked against the shipped one.
    static func catalog(for files: [String]) -> Catalog {
        guard let folder = files.first.map({ URL(fileURLWithPath: $0).deletingLastPathComponent() }),
            folder.deletingLastPathComponent().lastPathComponent == "multi"
        else {
            return FixtureTrees.shippedCatalog
        }
        let own = folder.appendingPathComponent(CatalogLoader.fileName).path
        guard FileManager.default.fileExists(atPath: own) else { return FixtureTrees.shippedCatalog }
        switch CatalogLoader.load(file: own) {
        case .success(let loaded): return loaded.catalog
        case .failure(let failure): preconditionFailure("the fixture catalog \(own) does not load:\n\(failure)")
        }
    }

    /// Loads and validates the files together; the diagnostics as `line:col: severity: message`,
    /// prefixed with the file name when `named`. Paths in messages are cut down to file names.
    static func diagnostics(files: [String], named: Bool) -> [String] {
        let folders = Set(files.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path + "/" })
        switch PlaybookLibrary.load(files: files, catalog: catalog(for: files)) {
        case .success:
            return []
        case .failure(let failure):
            return failure.diagnostics.map { diagnostic in
                let location = diagnostic.location
                let prefix = named ? URL(fileURLWithPath: location.file).lastPathComponent + ":" : ""
                let message = folders.reduce(diagnostic.message) { $0.replacingOccurrences(of: $1, with: "") }
                return "\(prefix)\(location.line):\(location.column): \(diagnostic.severity.rawValue): \(message)"
            }
        }
    }
}
