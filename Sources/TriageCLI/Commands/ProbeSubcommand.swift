import ArgumentParser
import HostEffects

/// `gotriage probe tcp|http …`: the built-in network probes playbooks run as
/// `argv: [gotriage, probe, http, "{{proxy_url}}"]`. Each prints one line per phase
/// (dns, tcp, tls, http) with timings and a last `verdict:` line, and exits with the verdict's
/// status: 0 reachable, 1 dns-failed, 2 refused, 3 timed-out, 4 tls-failed, 5 http-failed, 6 bad-target.
struct ProbeSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Built-in network probes used by playbooks.",
        shouldDisplay: false,
        subcommands: [TCP.self, HTTP.self])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Give up after this long (e.g. 500ms, 3s).", valueName: "duration"))
        var timeout: ProbeDuration = ProbeDuration(milliseconds: 5_000)
    }

    struct TCP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve a host and open a TCP connection to it.")

        @Argument(help: ArgumentHelp("Where to connect.", valueName: "host:port"))
        var target: String

        @OptionGroup var options: Options

        func run() async throws {
            let report = await NetworkProbe(timeoutMilliseconds: options.timeout.milliseconds).tcp(target)
            try ProbeSubcommand.finish(report)
        }
    }

    struct HTTP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve, connect, shake hands (https) and send a GET.")

        @Argument(help: ArgumentHelp("The URL to fetch.", valueName: "url"))
        var url: String

        @OptionGroup var options: Options

        func run() async throws {
            let report = await NetworkProbe(timeoutMilliseconds: options.timeout.milliseconds).http(url: url)
            try ProbeSubcommand.finish(report)
        }
    }

    static func finish(_ report: NetworkProbeReport) throws {
        let console = Console.standard(environment: [:])
        for line in report.lines { console.line(line) }
        throw ExitCode(report.verdict.exitCode)
    }
}

/// A duration written with a unit: `500ms`, `3s`, `1.5s`, `1m`.
struct ProbeDuration: ExpressibleByArgument, Sendable {
    let milliseconds: Int

    init(milliseconds: Int) { self.milliseconds = milliseconds }

    init?(argument: String) {
        let units: [(suffix: String, factor: Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000)]
        guard let unit = units.first(where: { argument.hasSuffix($0.suffix) }),
            let number = Double(argument.dropLast(unit.suffix.count)), number > 0
        else { return nil }
        milliseconds = Int((number * unit.factor).rounded())
    }
}
