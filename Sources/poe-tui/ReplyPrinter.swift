import PoeAPI

/// Writes a streaming reply the way `ask` promises: live on a terminal, the exact final text on
/// a pipe, deltas with `--stream`, one JSON object per event with `--json`. Suggested replies,
/// files and errors go to stderr, after the reply.
final class ReplyPrinter {
    enum Mode {
        /// A terminal: text appears as it streams, made inert; a replacement redraws it.
        case live
        /// Not a terminal: exactly the final text and a newline, once the reply ends.
        case final
        /// Not a terminal, `--stream`: text as it arrives; a replacement starts a new line.
        case deltas
        /// `--json`: one object per event on stdout.
        case json
    }

    private let mode: Mode
    private let columns: () -> Int
    /// The reply text so far, as `get_final_response` would build it.
    private(set) var text = ""
    private(set) var suggestions: [String] = []
    private(set) var files: [PoeAttachment] = []
    private(set) var botError: BotErrorEvent?
    /// What is on the terminal for the current text (live mode), to erase it on replacement.
    private var shown = ""

    init(mode: Mode, columns: @escaping () -> Int = { StandardStreams.terminalColumns }) {
        self.mode = mode
        self.columns = columns
    }

    func handle(_ event: PoeEvent) {
        if case .json = mode { StandardStreams.writeOut(EventJSON.line(for: event)) }
        switch event {
        case .text(let piece):
            text += piece
            write(delta: piece)
        case .replaceResponse(let replacement):
            text = replacement
            writeReplacement(replacement)
        case .suggestedReply(let suggestion):
            suggestions.append(suggestion)
        case .file(let attachment):
            files.append(attachment)
        case .error(let event):
            botError = event
        case .meta, .json, .data, .done:
            break
        }
    }

    /// Ends the output: the final text (pipe mode), the closing newline, then the extras and
    /// the error, if any, on stderr.
    func finish(error: PoeError?) {
        switch mode {
        case .final:
            StandardStreams.writeOut(text + "\n")
        case .live, .deltas:
            if !text.isEmpty { StandardStreams.writeOut("\n") }
        case .json:
            if let error { StandardStreams.writeOut(EventJSON.line(for: error)) }
        }
        let sanitize = StandardStreams.stderrIsTerminal ? TerminalText.inert : { $0 }
        if !suggestions.isEmpty {
            StandardStreams.writeError("Suggested replies:\n" + suggestions.enumerated()
                .map { "  \($0.offset + 1). \(sanitize($0.element))\n" }.joined())
        }
        for file in files {
            StandardStreams.writeError("File: \(sanitize(file.name)) (\(sanitize(file.contentType))) \(sanitize(file.url))\n")
        }
        if let botError {
            StandardStreams.writeError("poe-tui: the bot reported an error: \(sanitize(botError.text))\n")
        }
        if let error, error != .cancelled {
            StandardStreams.writeError("poe-tui: \(sanitize(error.description))\n")
        }
    }

    private func write(delta: String) {
        switch mode {
        case .live:
            let visible = TerminalText.inert(delta)
            shown += visible
            StandardStreams.writeOut(visible)
        case .deltas:
            StandardStreams.writeOut(delta)
        case .final, .json:
            break
        }
    }

    private func writeReplacement(_ replacement: String) {
        switch mode {
        case .live:
            let rows = TerminalText.rows(of: shown, columns: columns())
            // Back to the start of what was shown, then clear to the end of the screen.
            var erase = rows > 1 ? "\u{1B}[\(rows - 1)A" : ""
            erase += "\r\u{1B}[J"
            shown = TerminalText.inert(replacement)
            StandardStreams.writeOut(erase + shown)
        case .deltas:
            StandardStreams.writeOut("\n" + replacement)
        case .final, .json:
            break
        }
    }
}

/// The `--json` wire format: one compact object per line, keys sorted.
enum EventJSON {
    static func line(for event: PoeEvent) -> String {
        let object: [String: JSONValue]
        switch event {
        case .meta(let meta):
            object = ["type": "meta", "content_type": .string(meta.contentType),
                      "linkify": .bool(meta.linkify), "suggested_replies": .bool(meta.suggestedReplies)]
        case .text(let text): object = ["type": "text", "text": .string(text)]
        case .replaceResponse(let text): object = ["type": "replace_response", "text": .string(text)]
        case .suggestedReply(let text): object = ["type": "suggested_reply", "text": .string(text)]
        case .file(let file):
            object = ["type": "file", "url": .string(file.url), "name": .string(file.name),
                      "content_type": .string(file.contentType), "inline_ref": file.inlineRef.map(JSONValue.string) ?? .null]
        case .json(let value): object = ["type": "json", "data": value]
        case .data(let metadata): object = ["type": "data", "metadata": .string(metadata)]
        case .error(let error):
            object = ["type": "error", "text": .string(error.text), "allow_retry": .bool(error.allowRetry),
                      "error_type": error.errorType.map(JSONValue.string) ?? .null]
        case .done: object = ["type": "done"]
        }
        return JSONValue.object(object).jsonText + "\n"
    }

    /// A failure outside the protocol (HTTP status, network, cut-off stream) as an error line,
    /// with `kind` naming which.
    static func line(for error: PoeError) -> String {
        JSONValue.object([
            "type": "error", "text": .string(error.description), "kind": .string(kind(of: error)),
            "allow_retry": .bool(error.isTransient),
        ]).jsonText + "\n"
    }

    static func kind(of error: PoeError) -> String {
        switch error {
        case .invalidKey, .missingKey: return "invalid_key"
        case .insufficientPoints: return "insufficient_points"
        case .unknownBot: return "unknown_bot"
        case .rateLimited: return "rate_limited"
        case .server: return "server_error"
        case .http: return "http_error"
        case .network: return "network"
        case .timeout: return "timeout"
        case .protocolViolation: return "protocol_error"
        case .incomplete: return "incomplete"
        case .cancelled: return "cancelled"
        case .uploadTooLarge, .unreadableFile, .uploadRejected: return "upload"
        case .downloadFailed: return "download"
        case .unwritableFile: return "save"
        case .botFailed: return "bot_error"
        }
    }
}
