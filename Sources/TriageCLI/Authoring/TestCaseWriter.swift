import ArgumentParser
import Foundation
import PlaybookSpec

/// Adds a recorded case to a test file (`--record FILE`): FILE's cases, then the new one. A
/// folder for FILE files the case by how the walk ended: `FOLDER/<cause>.test.yaml` (or
/// `<outcome>.test.yaml` without a cause).
enum TestCaseWriter {
    static func add(_ testCase: PlaybookTestCase?, to path: String, console: Console) throws {
        guard let testCase else {
            console.errorLine("gotriage: the walk did not end, so it was not recorded in \(path)")
            return
        }
        var isFolder: ObjCBool = false
        let file =
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? (path as NSString).appendingPathComponent(
                (testCase.expected.cause ?? testCase.expected.outcome) + PlaybookTestFile.suffix)
            : path
        var cases: [PlaybookTestCase] = []
        if FileManager.default.fileExists(atPath: file) {
            switch PlaybookTestFile.load(file: file) {
            case .success(let existing): cases = existing
            case .failure(let failure):
                throw ValidationError(
                    "--record: \(file) is not a test file it can add to:\n\(failure.diagnostics.map(\.description).joined(separator: "\n"))"
                )
            }
        }
        cases.append(testCase)
        let yaml = try PlaybookTestFile.yaml(for: cases)
        do {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw ValidationError("--record: cannot write \(file): \(error.localizedDescription)")
        }
        console.errorLine("gotriage: recorded the walk as test case \(cases.count) of \(file) (gotriage test \(file))")
    }
}
