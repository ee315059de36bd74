import ArgumentParser
import Foundation
import StewardModel

/// The process entry point: parses the command line and maps every outcome to Steward's exit statuses
/// (swift-argument-parser alone would exit 64 on usage errors).
@main
enum Entry {
    static func main() {
        let command: any ParsableCommand
        do {
            command = try Steward.parseAsRoot()
        } catch {
            let code = Steward.exitCode(for: error)
            if code == .success {
                print(Steward.fullMessage(for: error))
                exit(ExitStatus.ok.rawValue)
            }
            Console.error(usageError(Steward.message(for: error)))
            exit(ExitStatus.usage.rawValue)
        }
        exit(run(command).rawValue)
    }

    /// One line for a usage error: the message and where to find the usage of the command that was meant.
    static func usageError(_ message: String) -> String {
        "steward: error: \(message) (see 'steward \(commandPath().map { $0 + " " } .joined())--help')"
    }

    /// The subcommand names at the start of the command line (`["normalize", "phone"]`), as far as they are known.
    static func commandPath() -> [String] {
        var path: [String] = []
        var commands: [any ParsableCommand.Type] = Steward.configuration.subcommands
        for argument in CommandLine.arguments.dropFirst() {
            guard let next = commands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            commands = next.configuration.subcommands
        }
        return path
    }

    static func run(_ command: any ParsableCommand) -> ExitStatus {
        var command = command
        do {
            try command.run()
            return .ok
        } catch let status as CommandStatus {
            return status.status
        } catch let error as StewardError {
            Console.error("steward: error: \(error)")
            return error.code.exitStatus
        } catch let error as ValidationError {
            Console.error("steward: error: \(error.message)")
            return .usage
        } catch {
            // Errors of swift-argument-parser's own (a help request from a command group, a validation
            // failure raised during run) are mapped like parse errors; anything else is a failure.
            let code = Steward.exitCode(for: error)
            if code == .success {
                print(Steward.fullMessage(for: error))
                return .ok
            }
            if code == .validationFailure {
                Console.error(usageError(Steward.message(for: error)))
                return .usage
            }
            Console.error("steward: error: \(error)")
            return .failure
        }
    }
}

/// Thrown by a command that finished but must report a non-zero status (rejects, warnings).
struct CommandStatus: Error {
    var status: ExitStatus
}

/// Diagnostics go to stderr, data to stdout.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
