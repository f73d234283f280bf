import FlyingFox
import Foundation

/// Builders for the emulator's non-streaming responses, all JSON written like Python's.
enum HTTPReplies {
    static func json(_ value: JSONValue, status: Int = 200, headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "application/json"
        for (name, value) in extra { headers[HTTPHeader(name)] = value }
        return HTTPResponse(
            statusCode: statusCode(status), headers: headers, body: Data(PythonJSON.bytes(value)))
    }

    static func error(_ error: APIError) -> HTTPResponse {
        json(error.body, status: error.status, headers: error.retryAfter.map { [("Retry-After", String($0))] } ?? [])
    }

    static func file(_ file: UploadStore.File) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = file.contentType
        return HTTPResponse(statusCode: .ok, headers: headers, body: file.bytes)
    }

    /// A bot stream: the headers fastapi_poe's server sends, and a chunked body.
    static func eventStream(_ body: EventBodySequence) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Accel-Buffering")] = "no"
        return HTTPResponse(
            statusCode: .ok, headers: headers,
            body: HTTPBodySequence(from: body, suggestedBufferSize: 64 * 1024))
    }

    /// A status code with its standard reason phrase (FlyingFox needs one for the status line).
    static func statusCode(_ code: Int) -> HTTPStatusCode {
        HTTPStatusCode(code, phrase: phrases[code] ?? (code < 500 ? "Client Error" : "Server Error"))
    }

    private static let phrases: [Int: String] = [
        200: "OK", 400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
        404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict",
        413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
        429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout", 529: "Site Overloaded",
    ]
}
