/// Echo: answers with the last user message, its attachments and its parameters, so a client
/// test can see exactly what the emulator received.
///
/// Each attachment becomes `📎 NAME (CONTENT_TYPE, N bytes)` where N is the size the emulator
/// stored for that URL (`size unknown` for a URL it did not issue): a client's upload round
/// trip is checked end to end. Parameters print as `json.dumps(params, sort_keys=True)`.
struct EchoBot: EmulatedBot {
    /// Characters per `text` event, small enough that short replies still stream in pieces.
    static let pieceSize = 16

    let info = BotInfo(
        name: "Echo",
        points: 5,
        summary: "Repeats your last message, lists its attachments with their stored sizes, "
            + "and prints its parameters as sorted JSON.",
        inputModalities: ["text", "image", "file"]
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        let text = await Self.reply(to: query, state: context.state)
        return .stream(
            StreamPlan { stream in
                try await stream.sendText(text, piecesOf: Self.pieceSize)
                return .completed
            })
    }

    static func reply(to query: QueryRequest, state: EmulatorState) async -> String {
        let message = query.lastUserMessage
        var lines = [message?.content ?? ""]
        for attachment in message?.attachments ?? [] {
            let size: String
            if let file = await state.file(url: attachment.url) {
                size = "\(file.bytes.count) bytes"
            } else {
                size = "size unknown"
            }
            lines.append("📎 \(attachment.name) (\(attachment.contentType), \(size))")
        }
        let parameters = query.parameters
        if !parameters.isEmpty {
            lines.append("parameters: " + PythonJSON.string(JSONValue.object(parameters).sortingKeys()))
        }
        return lines.joined(separator: "\n")
    }
}
