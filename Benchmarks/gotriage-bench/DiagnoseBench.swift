import Diagnosis
import Foundation
import PlaybookSpec

/// A 1 MB CI log for `gotriage diagnose`: GitHub Actions timestamps, `go: downloading` lines,
/// compiler and test chatter, a few repeated errors, and the failure that explains them at the
/// end (go 1.19.8's words for a proxy that could not reach a private origin).
enum DiagnoseBench {
    static func log(bytes: Int = 1_000_000) -> String {
        let failure = """
            go: git.corp.test/team/lib@v1.2.0: reading http://127.0.0.1:PORT/git.corp.test/team/lib/@v/v1.2.0.info: 404 Not Found
            \tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path "git.corp.test/team/lib": https fetch: Get "https://git.corp.test/team/lib?go-get=1": dial tcp: lookup git.corp.test on 10.255.255.53:53: no such host
            """
        var lines: [String] = []
        var size = 0
        var n = 0
        while size < bytes - failure.utf8.count - 200 {
            let line: String
            switch n % 8 {
            case 0: line = "go: downloading github.com/acme/pkg\(n % 997) v1.\(n % 13).\(n % 7)"
            case 1: line = "# github.com/acme/app/internal/svc\(n % 101)"
            case 2: line = "=== RUN   TestHandler\(n)/case_\(n % 17)"
            case 3: line = "--- PASS: TestHandler\(n) (0.0\(n % 10)s)"
            case 4: line = "ok  \tgithub.com/acme/app/internal/svc\(n % 101)\t0.\(n % 1000)s"
            case 5: line = "\u{1B}[36;1mmake -C services/svc\(n % 101) build\u{1B}[0m"
            case 6: line = "go: finding module for package github.com/acme/pkg\(n % 997)/sub"
            default: line = "svc\(n % 101).go:\(n % 400):\(n % 80): warning: result of call is unused (vet)"
            }
            let stamped = String(format: "2024-05-01T10:%02d:%02d.%07dZ ", (n / 3600) % 60, (n / 60) % 60, n % 10_000_000) + line
            lines.append(stamped)
            size += stamped.utf8.count + 1
            n += 1
        }
        return lines.joined(separator: "\n") + "\n" + failure + "\n##[error]Process completed with exit code 1.\n"
    }

    /// Milliseconds per diagnosis of the log, `runs` times; checks the answer each time.
    static func samples(_ runs: Int, catalogFile: String) -> [Double] {
        guard case .success(let loaded) = CatalogLoader.load(file: catalogFile) else {
            fatalError("the cause catalog does not load; the benchmark would measure nothing")
        }
        let diagnoser = Diagnoser(catalog: loaded.catalog)
        let text = log()
        return (0..<runs).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            let result = diagnoser.diagnose(text)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            precondition(result.causes.first?.cause == "private-module-proxy", "the bench log was not diagnosed right")
            return elapsed
        }
    }
}
