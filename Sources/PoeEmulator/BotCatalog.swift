/// The emulator's bots, found by name case-insensitively as Poe does (`Grok-4` and `grok-4`
/// both answer in recorded traffic), and their `/v1/models` listing.
struct BotCatalog: Sendable {
    let bots: [any EmulatedBot]
    private let byLowercasedName: [String: Int]

    init(pingInterval: Duration) {
        let pingMilliseconds = Int(pingInterval.components.seconds * 1000)
            + Int(pingInterval.components.attoseconds / 1_000_000_000_000_000)
        bots = [
            EchoBot(), StreamBot(), MarkdownBot(), SuggestBot(), ReplaceBot(), ArtistBot(), FailBot(),
            SlowBot(defaultPingMilliseconds: pingMilliseconds > 0 ? pingMilliseconds : nil),
        ]
        var index: [String: Int] = [:]
        for (position, bot) in bots.enumerated() { index[bot.info.name.lowercased()] = position }
        byLowercasedName = index
    }

    func bot(named name: String) -> (any EmulatedBot)? {
        byLowercasedName[name.lowercased()].map { bots[$0] }
    }

    /// When the catalog "was created": fixed, so `/v1/models` is byte-for-byte reproducible.
    static let createdMilliseconds = 1_767_225_600_000  // 2026-01-01T00:00:00Z

    /// `GET /v1/models`: every key a real model entry has (poe-api.md §4), with the emulator's
    /// values. Prices are derived from points at Poe's rate of $30 per million points.
    func modelsJSON(baseURL: String, avatarPath: String) -> JSONValue {
        .object([
            "object": "list",
            "data": .array(bots.map { modelJSON($0.info, baseURL: baseURL, avatarPath: avatarPath) }),
        ])
    }

    private func modelJSON(_ info: BotInfo, baseURL: String, avatarPath: String) -> JSONValue {
        let modality = info.inputModalities.joined(separator: ",") + "->" + info.outputModalities.joined(separator: ",")
        let image: JSONValue =
            info.name == "Artist"
            ? .object([
                "url": .string(baseURL + avatarPath), "alt": "Artist", "width": 8, "height": 8,
            ])
            : .null
        let isText = info.outputModalities == ["text"]
        return .object([
            "id": .string(info.name),
            "object": "model",
            "created": .int(Self.createdMilliseconds),
            "description": .string(info.description),
            "owned_by": "poe-emulator",
            "root": .string(info.name),
            "architecture": .object([
                "input_modalities": .array(info.inputModalities.map(JSONValue.string)),
                "output_modalities": .array(info.outputModalities.map(JSONValue.string)),
                "modality": .string(modality),
            ]),
            "supported_features": [],
            "supported_endpoints": [],
            "pricing": .object([
                "prompt": nil, "completion": nil, "image": nil,
                "request": .string(Self.usd(points: info.points)),
                "input_cache_read": nil, "input_cache_write": nil,
            ]),
            "context_window": isText ? .object(["context_length": 32_768, "max_output_tokens": 4096]) : .null,
            "context_length": isText ? 32_768 : .null,
            "metadata": .object([
                "display_name": .string(info.name),
                "image": image,
                "url": .string("https://poe.com/\(info.name)"),
            ]),
            "reasoning": nil,
            "parameters": .array(info.parameters.map(\.json)),
        ])
    }

    /// Points in US dollars as a decimal string: 1 point = $0.00003, so 5 points = "0.00015".
    static func usd(points: Int) -> String {
        let hundredThousandths = points * 3  // units of $0.00001
        let whole = hundredThousandths / 100_000
        var fraction = String(hundredThousandths % 100_000)
        fraction = String(repeating: "0", count: 5 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }
}
