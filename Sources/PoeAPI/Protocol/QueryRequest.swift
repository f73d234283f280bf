import Foundation

/// The body of a bot query, as fastapi_poe's `get_bot_response` sends it from an external app:
/// protocol version 1.2, empty ids, and the key only in the Authorization header (the body's
/// `api_key`/`access_key` fields carry the literal `<missing>`).
struct QueryRequest: Encodable {
    var query: [ProtocolMessage]

    enum CodingKeys: String, CodingKey {
        case version, type, query, metadata, users
        case userID = "user_id"
        case conversationID = "conversation_id"
        case messageID = "message_id"
        case apiKey = "api_key"
        case accessKey = "access_key"
        case skipSystemPrompt = "skip_system_prompt"
        case logitBias = "logit_bias"
        case stopSequences = "stop_sequences"
        case languageCode = "language_code"
        case botQueryID = "bot_query_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("1.2", forKey: .version)
        try container.encode("query", forKey: .type)
        try container.encode(query, forKey: .query)
        try container.encode("", forKey: .userID)
        try container.encode("", forKey: .conversationID)
        try container.encode("", forKey: .messageID)
        try container.encode("", forKey: .metadata)
        try container.encode("<missing>", forKey: .apiKey)
        try container.encode("<missing>", forKey: .accessKey)
        try container.encode(false, forKey: .skipSystemPrompt)
        try container.encode([String: Double](), forKey: .logitBias)
        try container.encode([String](), forKey: .stopSequences)
        try container.encode("en", forKey: .languageCode)
        try container.encode("", forKey: .botQueryID)
        try container.encode([String](), forKey: .users)
    }

    func jsonBody() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
