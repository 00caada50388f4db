import ArgumentParser
import Foundation

/// The one place that turns an error into a message on standard error and an exit status.
enum ErrorReport {
    static func report(_ error: any Error, for command: any ParsableCommand.Type) -> Int32 {
        // Messages may quote what was typed (`--answer ghp_…`): the rules hide it.
        let console = Console.standard(environment: ProcessInfo.processInfo.environment, redactor: Redactor())
        switch error {
        case let error as PlaybookCatalogError:
            console.errorLine(error.description)
            return error.isMissingDirectory ? ExitStatus.usage.rawValue : ExitStatus.invalidPlaybook.rawValue
        case let error as AnswersFileError:
            console.errorLine(error.description)
            return ExitStatus.usage.rawValue
        case let status as ExitCode:
            return status.rawValue
        default:
            let code = Gotriage.exitCode(for: error)
            let message = Gotriage.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.line(message) }  // --help, --version
                return 0
            }
            if !message.isEmpty { console.errorLine(message) }
            // ArgumentParser says 64 (EX_USAGE) for bad arguments; gotriage documents 2.
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }
}

extension PlaybookCatalogError {
    var isMissingDirectory: Bool {
        if case .missingDirectory = self { true } else { false }
    }
}
