import ArgumentParser
import Foundation
import Glibc

/// The `poe-tui` command: the full-screen app, or one of the subcommands.
@main
struct PoeTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poe-tui",
        abstract: "A terminal client for Poe: many conversations, many bots, one key.",
        discussion: "Without a subcommand, starts the full-screen app (the offline demo with --demo); with no key configured, a first-run screen asks for one or starts the demo.",
        version: "0.1.0",
        subcommands: [AskCommand.self, BotsCommand.self, BalanceCommand.self, ListCommand.self, SearchCommand.self,
                      ExportCommand.self, RemoveCommand.self, RestoreCommand.self, KeysCommand.self]
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("A theme name or a theme file (default: theme from the config, else default).", valueName: "name"))
    var theme: String?

    func run() async throws {
        let status = try await FullScreen.run(connection: connection, theme: theme)
        if status != 0 { throw CommandFailure(status: .ok, message: nil, rawStatus: status) }
    }

    /// Runs the command and exits with the documented codes: argument errors exit 2 (not
    /// ArgumentParser's 64), and `CommandFailure` carries its own status.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            if let message = failure.message { FileHandle.standardError.write(Data("poe-tui: \(message)\n".utf8)) }
            Glibc.exit(failure.rawStatus ?? failure.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Glibc.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
        Glibc.exit(0)
    }
}
