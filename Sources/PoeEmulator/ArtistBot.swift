/// Artist: replies with a picture, as image bots do through fastapi_poe: a `file` event with an
/// `inline_ref`, the empty `text` event fastapi_poe emits after an attachment, then markdown
/// that refers to the picture by that ref (`![alt][art00001]`).
///
/// The picture is a real PNG stored like an upload, so `GET` on its URL returns it.
struct ArtistBot: EmulatedBot {
    static let inlineRef = "art00001"
    static let fileName = "artist.png"
    static let reply = "Here is your picture: ![a small picture][art00001]"

    let info = BotInfo(
        name: "Artist",
        points: 300,
        summary: "Draws a small 8x8 PNG and replies with it as an inline image attachment.",
        inputModalities: ["text"],
        outputModalities: ["image"]
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        .stream(
            StreamPlan { stream in
                let file = await context.state.storeFile(
                    name: Self.fileName, contentType: "image/png", bytes: PNGImage.artistPicture)
                try await stream.send([
                    .file(
                        url: context.baseURL + UploadStore.path(for: file), contentType: "image/png",
                        name: Self.fileName, inlineRef: Self.inlineRef),
                    .text(""),
                ])
                try await stream.send(.text(Self.reply))
                return .completed
            })
    }
}

/// Slow: `meta`, then nothing but keep-alive pings every `ping_ms` until `delay_ms` has passed,
/// then "Finally here.": for a client's idle timeout and its handling of `: ping` comments.
struct SlowBot: EmulatedBot {
    let info: BotInfo

    init(defaultPingMilliseconds: Int) {
        info = BotInfo(
            name: "Slow",
            points: 3,
            summary: "Waits (sending only keep-alive pings), then answers 'Finally here.'.",
            parameters: [
                BotParameterSpec(
                    name: "delay_ms", kind: .integer, minimum: 0, maximum: 600_000, defaultValue: 3000,
                    description: "Milliseconds to wait before answering."),
                BotParameterSpec(
                    name: "ping_ms", kind: .integer, minimum: 1, maximum: 600_000,
                    defaultValue: .int(defaultPingMilliseconds),
                    description: "Idle milliseconds between ': ping' comments while waiting "
                        + "(default: the emulator's ping interval)."),
            ]
        )
    }

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        let parameters = BotParameters(values: query.parameters)
        let delay = try parameters.int("delay_ms", default: 3000, in: 0...600_000)
        let ping = try parameters.optionalInt("ping_ms", in: 1...600_000)
        return .stream(
            StreamPlan(pingInterval: ping.map { .milliseconds($0) }) { stream in
                try await stream.pause(.milliseconds(delay))
                try await stream.send(.text("Finally here."))
                return .completed
            })
    }
}
