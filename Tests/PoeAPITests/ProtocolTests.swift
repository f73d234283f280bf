import Foundation
import Testing
@testable import PoeAPI

@Suite("Protocol values")
struct ProtocolTests {
    @Test func parameterValuesKeepTheirJSONType() {
        #expect(JSONValue(parsing: "1000") == .int(1000))
        #expect(JSONValue(parsing: "0.5") == .double(0.5))
        #expect(JSONValue(parsing: "true") == .bool(true))
        #expect(JSONValue(parsing: "\"high\"") == .string("high"))
        #expect(JSONValue(parsing: "9:16") == nil)
        #expect(JSONValue(parsing: "high") == nil)
        #expect(JSONValue.object(["b": .int(1000), "a": .array([.bool(false)])]).jsonText == #"{"a":[false],"b":1000}"#)
    }

    @Test func queryBodyMatchesFastapiPoe() throws {
        let message = ProtocolMessage(
            role: .user, content: "hello", parameters: ["thinking_budget": .int(1000)],
            attachments: [PoeAttachment(url: "https://x/y.png", contentType: "image/png", name: "y.png")]
        )
        let body = try QueryRequest(query: [message]).jsonBody()
        let json = try #require(JSONValue(parsing: String(decoding: body, as: UTF8.self)))
        #expect(json["version"] == "1.2")
        #expect(json["type"] == "query")
        #expect(json["user_id"] == "")
        #expect(json["conversation_id"] == "")
        #expect(json["message_id"] == "")
        #expect(json["api_key"] == "<missing>")
        guard case .array(let query)? = json["query"], let first = query.first else {
            Issue.record("no query")
            return
        }
        #expect(first["role"] == "user")
        #expect(first["content_type"] == "text/markdown")
        #expect(first["parameters"] == .object(["thinking_budget": .int(1000)]))
        #expect(first["attachments"] == .array([.object([
            "url": "https://x/y.png", "content_type": "image/png", "name": "y.png",
            "inline_ref": .null, "parsed_content": .null,
        ])]))
    }

    @Test func retryDelaysGrowWithJitterAndHonourRetryAfter() {
        let policy = RetryPolicy()
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, random: 0) == .milliseconds(125))
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, random: 0.999)! < .milliseconds(250))
        #expect(policy.delay(beforeRetry: 3, retryAfter: nil, random: 0) == .milliseconds(500))
        #expect(policy.delay(beforeRetry: 2, retryAfter: 2, random: 0) == .seconds(2))
        #expect(policy.delay(beforeRetry: 1, retryAfter: 120, random: 0) == nil)
        #expect(policy.delay(beforeRetry: 4, retryAfter: nil, random: 0) == nil)
    }

    @Test func errorBodiesBecomeReadableMessages() {
        let json = Array(#"{"error": {"message": "Invalid API key", "type": "authentication_error"}}"#.utf8)
        #expect(ResponseError.readableMessage(from: json, status: 401) == "Invalid API key")
        #expect(ResponseError.readableMessage(from: Array(#"{"detail": "Not authenticated"}"#.utf8), status: 401) == "Not authenticated")
        #expect(ResponseError.readableMessage(from: Array("Internal Server Error\n".utf8), status: 500) == "Internal Server Error")
        #expect(ResponseError.readableMessage(from: [], status: 502).contains("502"))
        let head = HTTPResponseHead(status: 429, headers: ["retry-after": "3"])
        #expect(ResponseError.error(for: head, body: json, bot: "X", redactor: KeyRedactor(key: "")) == .rateLimited(retryAfter: 3, message: "Invalid API key"))
    }

    @Test func keyIsRedacted() {
        let redactor = KeyRedactor(key: "sk-secret-1234567890")
        #expect(redactor.redact("bad key sk-secret-1234567890 here") == "bad key [redacted key] here")
    }
}
