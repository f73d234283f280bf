/// The parts of fastapi_poe's `QueryRequest` body that the emulator's bots use.
///
/// Decoding is lenient on purpose: fastapi_poe sends every field, many as `null`, and other
/// clients send only a few. Only what a bot needs is required: a `query` array of message
/// objects with a string `role`. Everything else falls back to fastapi_poe's defaults.
struct QueryRequest: Sendable {
    struct Attachment: Sendable, Equatable {
        var url: String
        var contentType: String
        var name: String
        var inlineRef: String?
        var parsedContent: String?
    }

    struct Message: Sendable {
        var role: String
        var content: String
        var contentType: String
        var parameters: JSONObject
        var attachments: [Attachment]
    }

    /// `query`, `settings`, `report_error`, `report_feedback`, `report_reaction`.
    var type: String
    var version: String?
    var messages: [Message]

    /// The last message whose role is `user`: bots answer it and read its parameters.
    var lastUserMessage: Message? {
        messages.last { $0.role == "user" }
    }

    /// Custom bot parameters travel in the last user message's `parameters` object.
    var parameters: JSONObject {
        lastUserMessage?.parameters ?? JSONObject()
    }

    /// Parses a request body.
    /// - Throws: a 400 ``APIError`` for non-JSON, a non-object, or (for `type: query`) a missing
    ///   or malformed `query`.
    static func decode(_ body: [UInt8]) throws(APIError) -> QueryRequest {
        let root: JSONValue
        do {
            root = try JSONValue.parse(body)
        } catch {
            throw .invalidRequest("Request body is not valid JSON: \(error)")
        }
        guard let object = root.objectValue else {
            throw .invalidRequest("Request body must be a JSON object")
        }
        let type = object["type"]?.stringValue ?? "query"
        var request = QueryRequest(type: type, version: object["version"]?.stringValue, messages: [])
        guard type == "query" else { return request }

        guard let query = object["query"]?.arrayValue else {
            throw .invalidRequest("Field 'query' is required and must be a list of messages")
        }
        guard !query.isEmpty else {
            throw .invalidRequest("Field 'query' must contain at least one message")
        }
        for (index, item) in query.enumerated() {
            guard let message = item.objectValue, let role = message["role"]?.stringValue else {
                throw .invalidRequest("query[\(index)] must be an object with a string 'role'")
            }
            request.messages.append(
                Message(
                    role: role,
                    content: message["content"]?.stringValue ?? "",
                    contentType: message["content_type"]?.stringValue ?? "text/markdown",
                    parameters: message["parameters"]?.objectValue ?? JSONObject(),
                    attachments: (message["attachments"]?.arrayValue ?? []).compactMap(decodeAttachment)
                ))
        }
        return request
    }

    private static func decodeAttachment(_ value: JSONValue) -> Attachment? {
        guard let object = value.objectValue, let url = object["url"]?.stringValue else { return nil }
        return Attachment(
            url: url,
            contentType: object["content_type"]?.stringValue ?? "application/octet-stream",
            name: object["name"]?.stringValue ?? "file",
            inlineRef: object["inline_ref"]?.stringValue,
            parsedContent: object["parsed_content"]?.stringValue
        )
    }
}
