/// Artist: replies with a picture, as image bots do through fastapi_poe: a `file` event with an
/// `inline_ref`, the empty `text` event fastapi_poe emits after an attachment, then markdown
/// that refers to the picture by that ref (`![alt][art00001]`).
///
/// The picture is a real PNG stored like an upload, so `GET` on its URL returns it.
/// `file_name` and `files` exist for clients' tests: bot file names are untrusted (`../../x`,
/// an escape sequence, nothing at all), and several files may carry the same name.
struct ArtistBot: EmulatedBot {
    static let fileName = "artist.png"
    static let reply = "Here is your picture: ![a small picture][art00001]"
    static let maxFiles = 10

    let info = BotInfo(
        name: "Artist",
        points: 300,
        summary: "Draws a small 8x8 PNG and replies with it as an inline image attachment.",
        inputModalities: ["text"],
        outputModalities: ["image"],
        parameters: [
            BotParameterSpec(
                name: "file_name", kind: .string, defaultValue: .string(ArtistBot.fileName),
                description: "The name the file event gives the picture, sent as it is (any text, even empty)."),
            BotParameterSpec(
                name: "files", kind: .integer, minimum: 1, maximum: ArtistBot.maxFiles, defaultValue: 1,
                description: "How many copies of the picture to send, each with its own URL and inline_ref."),
        ]
    )

    func plan(for query: QueryRequest, context: BotContext) async throws(APIError) -> BotPlan {
        let parameters = BotParameters(values: query.parameters)
        let name = try parameters.string("file_name") ?? Self.fileName
        let count = try parameters.int("files", default: 1, in: 1...Self.maxFiles)
        return .stream(
            StreamPlan { stream in
                for index in 1...count {
                    let file = await context.state.storeFile(
                        name: name, contentType: "image/png", bytes: PNGImage.artistPicture)
                    try await stream.send([
                        .file(
                            url: context.baseURL + UploadStore.path(for: file), contentType: "image/png",
                            name: name, inlineRef: Self.inlineRef(index)),
                        .text(""),
                    ])
                }
                try await stream.send(.text(Self.reply))
                return .completed
            })
    }

    /// `art00001`, `art00002`, ...
    static func inlineRef(_ index: Int) -> String {
        let digits = String(index)
        return "art" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
