import Foundation
import HostEffects

/// Everything a walk did, in order, for a session report: commands with exit codes, durations and
/// output, answers, fixes with old and new values, decisions with evidence, and the outcome.
///
/// Strings are kept as they happened; a report redacts them on the way out.
struct WalkRecord: Codable, Sendable, Equatable {
    var playbook = ""
    var title = ""
    var steps: [Step] = []
    var decisions: [DecisionEntry] = []
    /// The Go settings that matter, as last read before a fix (`go env` values by key).
    var goEnv: [String: String]?
    /// The latest cause the cause catalog read in the walk's output, whatever the outcome.
    var diagnosis: Diagnosis?
    var end: End?

    /// One thing a step did: ran a command, asked a question, or proposed a fix.
    struct Step: Codable, Sendable, Equatable {
        enum Kind: String, Codable, Sendable { case command, question, fix }
        /// 1-based position in the walk.
        var number: Int
        /// `playbook › step`.
        var step: String
        var kind: Kind
        var command: Command?
        var question: Question?
        var fix: Fix?
    }

    struct Command: Codable, Sendable, Equatable {
        var argv: [String]
        /// The variables the playbook set for this command (on top of gotriage's environment).
        var environment: [String: String]
        var exitCode: Int32?
        /// Wall-clock time, in milliseconds.
        var durationMs: Double?
        var timedOut = false
        var interrupted = false
        var stdout = ""
        var stderr = ""

        enum CodingKeys: String, CodingKey {
            case argv, environment, stdout, stderr
            case exitCode = "exit_code"
            case durationMs = "duration_ms"
            case timedOut = "timed_out"
            case interrupted
        }
    }

    struct Question: Codable, Sendable, Equatable {
        var variable: String
        var prompt: String
        var answer: String?
        /// `user` or `answer-flag`.
        var origin: String?
        /// The answer is a secret (`secret: true`, or a secret-named variable): a report shows `REDACTED`.
        var secret: Bool?

        /// Whether the answer is a secret, also in a record written before `secret` was kept.
        var isSecret: Bool { secret == true || SecretMask.isSecretName(variable) }
    }

    struct Fix: Codable, Sendable, Equatable {
        var reason: String
        /// `proposed`, `applied`, `failed` or `declined`.
        var status: String
        /// Why it was declined: `user-said-no` or `no-yes-flag`.
        var declined: String?
        var changes: [Change]
    }

    struct Change: Codable, Sendable, Equatable {
        var key: String
        /// The exact command, as argv.
        var command: [String]
        /// The value before, and where it came from (`environment`, `goenv-file`, `default`).
        var old: String?
        var source: String?
        /// The value the playbook wanted; nil for `go env -u`.
        var new: String?
        /// After applying: `applied`, `overridden` or `failed`, and what go env then reported.
        var status: String?
        var now: String?
        var message: String?
    }

    struct DecisionEntry: Codable, Sendable, Equatable {
        var step: String
        var target: String
        var condition: String?
        var evidence: [String]
        var location: String
    }

    struct Diagnosis: Codable, Sendable, Equatable {
        var cause: String
        var signature: String
        /// 0…1.
        var score: Double
        /// The line that shows it: `stdout line 4: "…"`.
        var evidence: String
        var reason: String
        var help: String?
        /// The step whose output was read.
        var step: String
    }

    struct End: Codable, Sendable, Equatable {
        var outcome: String
        var cause: String?
        var conclusion: String
        var step: String
        var reason: String
        /// The one command to run next (`WalkEnd.help`).
        var help: String?
    }

    enum CodingKeys: String, CodingKey {
        case playbook, title, steps, decisions, diagnosis, end
        case goEnv = "go_env"
    }
}
