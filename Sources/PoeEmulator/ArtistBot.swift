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
