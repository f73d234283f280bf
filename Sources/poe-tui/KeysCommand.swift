import ArgumentParser
import ChatCore

/// `poe-tui keys`: the key bindings in force (defaults plus config overrides), as Markdown.
/// docs/keys.md is this command's output for the defaults, checked by a test.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the key bindings (with config.toml overrides) as Markdown.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let settings = try connection.settings()
        do {
            StandardStreams.writeOut(try KeyMap.withOverrides(settings.keys).documentation())
        } catch {
            throw CommandFailure(status: .usage, message: error.description)
        }
    }
}
