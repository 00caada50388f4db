import ArgumentParser
import HostEffects
import PlaybookSpec

/// `gotriage probe tcp|http …`: the built-in network probes playbooks run as
/// `argv: [gotriage, probe, http, "{{proxy_url}}"]`. Each prints one line per phase
/// (dns, tcp, tls, http) with timings and a last `verdict:` line, and exits with the verdict's
/// status: 0 reachable, 1 dns-failed, 2 refused, 3 timed-out, 4 tls-failed, 5 http-failed, 6 bad-target.
///
/// `probe http` with several URLs (or `--sumdb`) probes them all at the same time: every line is
/// prefixed with its URL, then come `dead: URL (verdict)`, `slowest: URL (N ms)` and `survey: …`
/// lines, and the status is the first dead target's (0 when all answer). Empty URL arguments are
/// skipped, so a playbook may pass `"{{proxy_url2}}"` whether or not it was captured. With
/// `--from-error TEXT` the URLs in go's error are added (`from-error: URL` lines name them), and any
/// target go would reach through HTTP(S)_PROXY is probed at that proxy (a `proxy:` line says so).
/// `probe proxy-env` shows the proxy environment variables, passwords masked.
struct ProbeSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Built-in network probes used by playbooks.",
        shouldDisplay: false,
        subcommands: [TCP.self, HTTP.self, ProxyEnv.self])

    struct Options: ParsableArguments {
        /// How long each probe may take, in milliseconds; written as a playbook's `timeout` is.
        @Option(
            name: .customLong("timeout"),
            help: ArgumentHelp("Give up after this long (e.g. 500ms, 3s; default 5s).", valueName: "duration"),
            transform: Options.milliseconds)
        var timeoutMilliseconds: Int = 5_000

        /// The milliseconds of a duration such as `3s`, or the reason it is not one.
        static func milliseconds(_ text: String) throws -> Int {
            switch DurationText.milliseconds(text) {
            case .success(let milliseconds): return milliseconds
            case .failure(.noUnit): throw ValidationError("'\(text)' needs a unit, as in 5s or 500ms")
            case .failure(.zero): throw ValidationError("'\(text)' must be longer than 0")
            case .failure(.malformed): throw ValidationError("'\(text)' should be a duration such as 500ms, 5s, 1.5s or 1m")
            }
        }
    }

    struct TCP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve a host and open a TCP connection to it.")

        @Argument(help: ArgumentHelp("Where to connect.", valueName: "host:port"))
        var target: String

        @OptionGroup var options: Options

        func run() async throws {
            let report = await NetworkProbe(timeoutMilliseconds: options.timeoutMilliseconds).tcp(target)
            try ProbeSubcommand.finish(report)
        }
    }

    struct HTTP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve, connect, shake hands (https) and send a GET.")

        @Argument(help: ArgumentHelp("The URLs to fetch; several are probed at the same time.", valueName: "url"))
        var urls: [String] = []

        @Option(
            help: ArgumentHelp(
                "Also probe the checksum database of this GOSUMDB value (nothing when 'off').", valueName: "gosumdb"))
        var sumdb: String?

        @Option(
            name: .customLong("from-error"),
            help: ArgumentHelp(
                "Also probe the http(s) URLs this error message names (at most five).", valueName: "text"))
        var fromError: String?

        @OptionGroup var options: Options

        func validate() throws {
            if urls.isEmpty && sumdb == nil && fromError == nil { throw ValidationError("Give at least one URL to probe.") }
        }

        func run() async throws {
            let probe = NetworkProbe(timeoutMilliseconds: options.timeoutMilliseconds)
            guard urls.count > 1 || sumdb != nil || fromError != nil else {
                try ProbeSubcommand.finish(await probe.http(url: urls[0]))
                return
            }
            let targets = SurveyTargets(
                urls: urls, gosumdb: sumdb, errorText: fromError, environment: ProcessEnvironment.current())
            let survey = await probe.survey(targets)
            let console = Console.standard(environment: [:], redactor: Redactor())
            for line in survey.lines { console.line(line) }
            throw ExitCode(survey.verdict.exitCode)
        }
    }

    struct ProxyEnv: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proxy-env",
            abstract: "Show HTTP(S)_PROXY, ALL_PROXY, NO_PROXY and git's http.proxy (passwords masked).")

        func run() async throws {
            let environment = ProcessEnvironment.current()
            let console = Console.standard(environment: [:], redactor: Redactor())
            for line in ProxyVariables.lines(in: environment) { console.line(line) }
            let git = await SubprocessRunner().run(
                CommandRequest(
                    argv: ["git", "config", "--get", "http.proxy"],
                    environment: environment))
            let gitProxy = git.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            console.line(gitProxy.isEmpty ? "git http.proxy: not set" : SecretMask.masked("git http.proxy=\(gitProxy)"))
            let anySet = ProxyVariables.names.contains { environment[$0] != nil } || !gitProxy.isEmpty
            throw ExitCode(anySet ? 0 : 1)
        }
    }

    static func finish(_ report: NetworkProbeReport) throws {
        let console = Console.standard(environment: [:], redactor: Redactor())
        for line in report.lines { console.line(line) }
        throw ExitCode(report.verdict.exitCode)
    }
}
