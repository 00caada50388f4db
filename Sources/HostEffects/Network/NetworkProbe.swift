import Foundation
import Glibc

/// gotriage's built-in network probe: DNS, TCP, and for URLs TLS and one HTTP `GET`.
///
/// Each phase is timed and the whole probe shares one timeout. HTTP/1.1 is spoken
/// directly over the socket and TLS through a lazily loaded libssl, so gotriage does
/// not link FoundationNetworking (which costs ~6 ms at every start).
public struct NetworkProbe: Sendable {
    /// The budget for all phases together, in milliseconds.
    public let timeoutMilliseconds: Int
    /// A PEM file of certificates trusted for https besides the system store.
    public let trustedCertificatesFile: String?

    /// Creates a probe with a total timeout in milliseconds.
    public init(timeoutMilliseconds: Int, trustedCertificatesFile: String? = nil) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.trustedCertificatesFile = trustedCertificatesFile
    }

    /// Probes a TCP port: resolve `host`, then connect to `port`.
    public func tcp(host: String, port: Int) async -> NetworkProbeReport {
        let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return await probe(shown, ProbeTarget.tcp(host: host, port: port, shown: shown)) { $0.tcp($1) }
    }

    /// Probes a TCP target written `HOST:PORT` (`[::1]:443` for IPv6), as `gotriage probe tcp` takes it.
    public func tcp(_ hostPort: String) async -> NetworkProbeReport {
        await probe(hostPort, ProbeTarget.hostPort(hostPort)) { $0.tcp($1) }
    }

    /// Probes an `http://` or `https://` URL: DNS, TCP, TLS (https), then `GET`; any status is reachable.
    public func http(url: String) async -> NetworkProbeReport {
        await probe(url, ProbeTarget.url(url)) { $0.http($1) }
    }

    /// Probes several `http://` or `https://` URLs at the same time, each on a thread of its own.
    ///
    /// Every target gets the full timeout, so the survey takes about as long as its slowest
    /// target, not the sum of all of them. All threads start here, before the first `await`, so
    /// none waits for a free task thread; the total is measured on the probe threads (until the
    /// last one finished). Reports come back in the order of `urls`.
    public func http(urls: [String]) async -> NetworkProbeSurvey {
        let watch = Stopwatch()
        let started = urls.map { url in
            StartedProbe(watch: watch) { self.blockingReport(url, ProbeTarget.url(url)) { $0.http($1) } }
        }
        var reports: [NetworkProbeReport] = []
        var total = 0.0
        for probe in started {
            let (report, finishedAt) = await probe.result()
            reports.append(report)
            total = max(total, finishedAt)
        }
        return NetworkProbeSurvey(reports: reports, totalMilliseconds: total)
    }

    /// Probes every entry of `targets` at the same time; a target go reaches through an HTTP
    /// proxy gets a `proxy` phase naming it, followed by the proxy's own phases.
    public func survey(_ targets: SurveyTargets) async -> NetworkProbeSurvey {
        var survey = await http(urls: targets.entries.map(\.probedURL))
        for (index, entry) in targets.entries.enumerated() {
            survey.reports[index].target = entry.target
            if let via = entry.via {
                let phase = NetworkProbeReport.Phase(
                    name: "proxy", ok: true, detail: "go goes through \(via.proxy) (from \(via.variable)); probing that proxy",
                    durationMilliseconds: 0)
                survey.reports[index].phases.insert(phase, at: 0)
            }
        }
        survey.notes = targets.fromError.map { "from-error: \($0)" }
        return survey
    }

    private func probe(
        _ shown: String,
        _ parsed: Result<ProbeTarget, ProbeTargetError>,
        _ body: @escaping @Sendable (inout ProbeSession, ProbeTarget) -> Verdict
    ) async -> NetworkProbeReport {
        // A thread of its own: the probe blocks in poll(2), which must not starve the
        // (few) threads Swift concurrency and Dispatch share.
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: blockingReport(shown, parsed, body)) }
        }
    }

    /// Runs one probe on the calling thread, which it blocks until the probe ends.
    private func blockingReport(
        _ shown: String,
        _ parsed: Result<ProbeTarget, ProbeTargetError>,
        _ body: (inout ProbeSession, ProbeTarget) -> Verdict
    ) -> NetworkProbeReport {
        let target: ProbeTarget
        switch parsed {
        case .success(let valid): target = valid
        case .failure(let error):
            let phase = NetworkProbeReport.Phase(
                name: "target", ok: false, detail: "bad-target: \(error.message)", durationMilliseconds: 0)
            return NetworkProbeReport(target: shown, phases: [phase], verdict: .badTarget)
        }
        return Self.withSIGPIPEBlocked {
            var session = ProbeSession(timeoutMilliseconds: timeoutMilliseconds, trustedCertificatesFile: trustedCertificatesFile)
            let verdict = body(&session, target)
            return NetworkProbeReport(target: shown, phases: session.phases, verdict: verdict)
        }
    }

    /// Runs `body` with SIGPIPE blocked on this thread (OpenSSL writes with write(2)), then drops any pending SIGPIPE.
    private static func withSIGPIPEBlocked<T>(_ body: () -> T) -> T {
        var pipe = sigset_t()
        var previous = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipe, &previous)
        let result = body()
        var pending = sigset_t()
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1 {
            var zero = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipe, nil, &zero)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        return result
    }
}
