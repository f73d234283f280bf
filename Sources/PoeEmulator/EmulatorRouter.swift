import FlyingFox
import Foundation

/// The emulator's single FlyingFox handler: records every request, routes it, and turns
/// ``APIError``s into JSON error responses.
///
/// Routing is done here rather than with FlyingFox routes so that unknown paths get Poe's JSON
/// 404 instead of an empty one, and every request is recorded exactly once, in arrival order.
struct EmulatorRouter: HTTPHandler {
    /// The upload endpoint's path, relative to the base URL.
    static let uploadPath = "/poe_api/file_upload_3RD_PARTY_POST"
    /// Bodies larger than this are refused on every endpoint but uploads.
    static let maxRequestBytes = 64 * 1024 * 1024
    /// Room for multipart framing around an upload of `maxUploadBytes`.
    static let multipartOverhead = 64 * 1024

    let endpoints: Endpoints

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let method = request.method.rawValue.uppercased()
        let segments = request.target.path().split(separator: "/").map {
            String($0).removingPercentEncoding ?? String($0)
        }
        let isUpload = method == "POST" && segments == ["poe_api", "file_upload_3RD_PARTY_POST"]
        let limit =
            isUpload
            ? endpoints.options.maxUploadBytes + Self.multipartOverhead
            : max(Self.maxRequestBytes, endpoints.options.maxUploadBytes + Self.multipartOverhead)
        let body = try await Self.readBody(of: request, limit: limit)

        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        await endpoints.state.record(
            RecordedRequest(method: method, path: request.target.rawValue, headers: headers, body: body.data))

        do throws(APIError) {
            if let size = body.refusedSize {
                throw .tooLarge(
                    "Request body of \(size) bytes is larger than the limit of \(limit) bytes")
            }
            switch (method, segments.count, segments.first) {
            case ("POST", 2, "bot"):
                return try await endpoints.queryBot(named: segments[1], request: request, body: body.data)
            case ("POST", 2, "poe_api") where isUpload:
                return try await endpoints.upload(request: request, body: body.data)
            case ("GET", 2, "v1") where segments[1] == "models":
                return await endpoints.models()
            case ("GET", 2, "usage") where segments[1] == "current_balance":
                return try await endpoints.currentBalance(request: request)
            case ("GET", 2, "usage") where segments[1] == "points_history":
                return try await endpoints.pointsHistory(request: request)
            case ("GET", 3, "files"):
                return try await endpoints.file(id: segments[1])
            default:
                throw .notFound("No such endpoint: \(method) \(request.target.path())")
            }
        } catch {
            return HTTPReplies.error(error)
        }
    }

    /// Reads the whole body, or, past `limit`, reads and discards it (the connection stays
    /// usable for keep-alive) and reports its size.
    static func readBody(of request: HTTPRequest, limit: Int) async throws -> (data: Data, refusedSize: Int?) {
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        var data = Data()
        if let declared, declared <= limit { data.reserveCapacity(declared) }
        var total = 0
        for try await chunk in request.bodySequence {
            total += chunk.count
            if total <= limit, declared.map({ $0 <= limit }) ?? true { data.append(chunk) }
        }
        if total > limit || (declared ?? 0) > limit { return (Data(), max(total, declared ?? 0)) }
        return (data, nil)
    }
}
