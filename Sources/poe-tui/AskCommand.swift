import ArgumentParser
import BotFiles
import ChatStore
import Foundation
import PoeAPI
import Synchronization

/// `poe-tui ask`: one question, one reply, for shell scripts and quick use.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask a bot one question and print its reply.",
        discussion: """
        The prompt comes from the arguments or, when there are none, from standard input.
        On a terminal the reply streams live; on a pipe, stdout gets exactly the final reply
        and a newline. Suggested replies, files and errors go to stderr.

        Exit codes: 0 ok, 2 usage, 3 invalid key, 4 insufficient points, 5 rate limited,
        6 network or timeout, 7 bot error or other HTTP error, 8 a file not saved
        (--save-files), 130 interrupted (Ctrl-C).
        """
    )

    @Option(name: .shortAndLong, help: "The bot to ask (default: default_bot from the config, else Assistant; Echo with --demo).")
    var bot: String?

    @Option(name: .long, help: ArgumentHelp("A bot parameter; values that parse as JSON are sent as JSON.", valueName: "key=value"))
    var param: [String] = []

    @Option(name: .long, help: ArgumentHelp("Attach a file (uploaded first). Repeatable.", valueName: "path"))
    var attach: [String] = []

    @Flag(name: .long, help: "Write one JSON object per event to stdout.")
    var json = false

    @Flag(name: .long, help: "Write text as it arrives even when stdout is not a terminal.")
    var stream = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Continue a saved conversation: its messages are sent as history.", valueName: "id"))
    var conversation: String?

    @Flag(name: .long, help: "Do not save this exchange.")
    var noSave = false

    @Option(name: .long, help: ArgumentHelp("Save the files the reply carries into this folder (created if missing).", valueName: "dir"))
    var saveFiles: String?

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The prompt. Read from standard input when absent.")
    var prompt: [String] = []

    func validate() throws {
        _ = try parsedParameters()
    }

    /// `--param` values: JSON when they parse as JSON (`thinking_budget=1000` is a number),
    /// strings otherwise (`aspect_ratio=9:16`).
    func parsedParameters() throws -> [String: JSONValue] {
        var parameters: [String: JSONValue] = [:]
        for item in param {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--param needs key=value, got \"\(item)\"")
            }
            let key = String(item[..<equals])
            let text = String(item[item.index(after: equals)...])
            parameters[key] = JSONValue(parsing: text) ?? .string(text)
        }
        return parameters
    }

    func run() async throws {
        let parameters = try parsedParameters()
        let text = try readPrompt()
        let store = noSave && conversation == nil ? nil : try StoreAccess.open()
        let existing = try conversation.map { id in try StoreAccess.perform { try store!.load(id) } }
        let session = try await connection.connect(flags: .init(bot: bot))
        defer { Task { await session.close() } }
        let botName = bot ?? existing?.bot ?? (session.isDemo ? "Echo" : session.settings.bot)

        let uploads = try await upload(attach, with: session.client)
        let message = ProtocolMessage(role: .user, content: text, attachments: uploads.map(\.attachment))
        let record = try noSave ? nil : store.map { store in
            try StoreAccess.perform {
                try ExchangeRecord(store: store, existing: existing, bot: botName, prompt: text, uploads: uploads, parameters: parameters)
            }
        }
        let history = existing?.queryHistory ?? []
        let reply = session.client.stream(bot: botName, messages: history + [message], parameters: parameters) { notice in
            if StandardStreams.stderrIsTerminal {
                StandardStreams.writeError("poe-tui: \(notice.reason.description) Retrying in \(notice.delay)…\n")
            }
        }
        let interrupted = Mutex(false)
        let saving = Mutex<Task<(files: [ReceivedFile], failure: PoeError?), Never>?>(nil)
        let interrupt = InterruptSignal {
            interrupted.withLock { $0 = true }
            reply.cancel()
            saving.withLock { $0?.cancel() }
        }
        defer { withExtendedLifetime(interrupt) {} }

        let printer = ReplyPrinter(mode: outputMode)
        var failure: PoeError?
        do {
            for try await event in reply.events {
                printer.handle(event)
                record?.record(event)
            }
        } catch let error as PoeError {
            failure = error
        }
        if interrupted.withLock({ $0 }) { failure = .cancelled }
        printer.finish(error: failure)
        await record?.finish(failure: failure, botError: printer.botError)
        var saveFailure: PoeError?
        if let saveFiles, !printer.files.isEmpty, failure != .cancelled {
            let filesSaver = ReplyFilesSaver(saver: BotFileSaver(client: session.client), folder: saveFiles, json: json)
            let files = printer.files.map(ReceivedFile.init)
            let task = Task { await filesSaver.save(files) }
            saving.withLock { $0 = task }
            if interrupted.withLock({ $0 }) { task.cancel() }
            let saved = await task.value
            saveFailure = saved.failure
            do {
                try record?.recordSavedFiles(saved.files)
            } catch {
                StandardStreams.writeError("poe-tui: the saved files were not recorded: \(TerminalText.inertIfTerminal("\(error)"))\n")
            }
        }
        if let record { StandardStreams.writeError("conversation: \(record.conversation.id)\n") }
        if let store {
            StoreAccess.reportProblems(of: store)
            await store.close()
        }
        await session.close()

        if let failure { throw CommandFailure(status: ExitStatus(failure), message: nil) }
        if let botError = printer.botError { throw CommandFailure(status: ExitStatus(botError: botError), message: nil) }
        if let saveFailure { throw CommandFailure(status: saveFailure == .cancelled ? .interrupted : .fileNotSaved, message: nil) }
    }

    private var outputMode: ReplyPrinter.Mode {
        if json { return .json }
        if StandardStreams.stdoutIsTerminal { return .live }
        return stream ? .deltas : .final
    }

    private func readPrompt() throws -> String {
        if !prompt.isEmpty { return prompt.joined(separator: " ") }
        if StandardStreams.stdinIsTerminal {
            StandardStreams.writeError("Type your message; end it with Ctrl-D.\n")
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !attach.isEmpty else {
            throw CommandFailure(status: .usage, message: "no prompt: give one as arguments or on standard input")
        }
        return text
    }

    private func upload(_ paths: [String], with client: PoeClient) async throws -> [ExchangeRecord.Upload] {
        var uploads: [ExchangeRecord.Upload] = []
        for path in paths {
            let name = (path as NSString).lastPathComponent
            do {
                let showProgress = StandardStreams.stderrIsTerminal
                let attachment = try await client.upload(path: path) { sent, total in
                    guard showProgress, total > 0 else { return }
                    StandardStreams.writeError("\rUploading \(TerminalText.inert(name)): \(sent * 100 / total)%")
                }
                if showProgress { StandardStreams.writeError("\r\u{1B}[K") }
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
                uploads.append(ExchangeRecord.Upload(attachment: attachment, localPath: absolute, size: size))
            } catch let error as PoeError {
                throw CommandFailure(status: ExitStatus(error), message: error.description)
            }
        }
        return uploads
    }
}
