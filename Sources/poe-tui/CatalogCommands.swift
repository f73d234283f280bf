import ArgumentParser
import Foundation
import PoeAPI

/// `poe-tui bots`: the bot catalog.
struct BotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bots",
        abstract: "List the bots in Poe's catalog (cached for 24 hours)."
    )

    @Flag(name: .long, help: "Print the catalog as JSON.")
    var json = false

    @Flag(name: .long, help: "Fetch the catalog even when the cached copy is fresh.")
    var refresh = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let session = try await connection.connect()
        let bots: [BotInfo]
        do {
            bots = try await session.client.bots(forceRefresh: refresh)
        } catch let error as PoeError {
            await session.close()
            throw CommandFailure(status: ExitStatus(error), message: error.description)
        }
        await session.close()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            StandardStreams.writeOut(String(decoding: try encoder.encode(bots), as: UTF8.self) + "\n")
            return
        }
        let clean = StandardStreams.stdoutIsTerminal ? TerminalText.inert : { $0 }
        let nameWidth = min(32, bots.map(\.id.count).max() ?? 4)
        for bot in bots.sorted(by: { $0.id.lowercased() < $1.id.lowercased() }) {
            let modalities = "\(bot.inputModalities.joined(separator: ","))->\(bot.outputModalities.joined(separator: ","))"
            let description = bot.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let line = [bot.id.padding(toLength: nameWidth, withPad: " ", startingAt: 0),
                        bot.ownedBy.padding(toLength: 14, withPad: " ", startingAt: 0),
                        modalities.padding(toLength: 22, withPad: " ", startingAt: 0),
                        description].joined(separator: "  ")
            StandardStreams.writeOut(clean(line) + "\n")
        }
    }
}

/// `poe-tui balance`: the points balance, and optionally recent spending.
struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Print the points balance of the key."
    )

    @Option(name: .long, help: ArgumentHelp("Also list the last N queries and their cost.", valueName: "n"))
    var history: Int?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let session = try await connection.connect()
        do {
            let balance = try await session.client.balance()
            StandardStreams.writeOut("\(balance)\n")
            if let history, history > 0 {
                var entries: [PointsEntry] = []
                var cursor: String?
                repeat {
                    let page = try await session.client.pointsHistory(limit: min(100, history - entries.count), startingAfter: cursor)
                    entries += page.entries
                    cursor = page.hasMore ? page.entries.last?.queryID : nil
                } while cursor != nil && entries.count < history
                let formatter = ISO8601DateFormatter()
                for entry in entries {
                    StandardStreams.writeOut("\(formatter.string(from: entry.creationTime))  \(entry.costPoints) points  \(entry.botName)\n")
                }
            }
        } catch let error as PoeError {
            await session.close()
            throw CommandFailure(status: ExitStatus(error), message: error.description)
        }
        await session.close()
    }
}
