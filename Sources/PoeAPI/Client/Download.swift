import Foundation

extension PoeClient {
    /// Fetches a file a bot sent into a new file at `path` and returns its size in bytes.
    /// `progress` receives (bytes so far, bytes in all when the server said).
    ///
    /// The body streams to disk as it arrives. `path` must not exist (nothing is overwritten);
    /// on any failure, cancellation included, the partial file is removed. The connect and idle
    /// timeouts are the configuration's; up to 5 redirects are followed, over http and https
    /// only.
    ///
    /// The API key goes only to the API's own origin (the scheme, host and port of `apiBase`),
    /// where every request sends it anyway. Bot files usually live on a CDN
    /// (`pfst.cf2.poecdn.net`), whose addresses need no key, so the key is never sent there,
    /// nor on a redirect to another host. Only requests to the API wait in its rate limiter.
    ///
    /// - Throws: `PoeError`: `downloadFailed` (an error status, an address that is not http(s)),
    ///   `unwritableFile`, `network`, `timeout`, `cancelled`.
    public nonisolated func download(
        url: String,
        to path: String,
        progress: (@Sendable (_ received: Int64, _ total: Int64?) -> Void)? = nil
    ) async throws -> Int64 {
        guard let origin = Origin(url), origin.scheme == "http" || origin.scheme == "https" else {
            throw PoeError.downloadFailed("\(redactor.redact(url)) is not an http or https address")
        }
        let toAPI = origin == Origin(configuration.apiBase)
        var headers = [HTTPHeader(name: "User-Agent", value: configuration.userAgent), HTTPHeader(name: "Accept", value: "*/*")]
        if toAPI, !configuration.apiKey.isEmpty {
            headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(configuration.apiKey)"))
        }
        let request = HTTPRequest(
            method: "GET", url: url, headers: headers,
            connectTimeout: configuration.connectTimeout, idleTimeout: configuration.idleTimeout,
            followsRedirects: true
        )
        let file = try DownloadFile(creating: path)
        do {
            if toAPI {
                do { try await limiter.acquire() } catch { throw PoeError.cancelled }
            }
            let size = try await receive(request, into: file, progress: progress)
            try await file.finish()
            return size
        } catch {
            await file.discard()
            throw error
        }
    }

    /// Runs the transfer, writing a successful response's body to `file`.
    private nonisolated func receive(
        _ request: HTTPRequest, into file: DownloadFile, progress: (@Sendable (Int64, Int64?) -> Void)?
    ) async throws -> Int64 {
        let transfer = engine.start(request)
        var head: HTTPResponseHead?
        var errorBody: [UInt8] = []
        var received: Int64 = 0
        var total: Int64?
        do {
            for try await event in transfer.events {
                switch event {
                case .uploadProgress:
                    break
                case .head(let responseHead):
                    head = responseHead
                    total = Self.declaredLength(responseHead)
                    if responseHead.isSuccess { progress?(0, total) }
                case .body(let bytes) where head?.isSuccess == true:
                    try file.append(bytes)
                    received += Int64(bytes.count)
                    progress?(received, total)
                case .body(let bytes):
                    if errorBody.count < 64 * 1024 { errorBody.append(contentsOf: bytes) }
                }
            }
        } catch let failure as TransportError {
            throw ResponseError.error(for: failure, redactor: redactor)
        } catch {
            // A write failed: stop the transfer, which would otherwise run on to its end.
            transfer.cancel()
            throw error
        }
        if Task.isCancelled { throw PoeError.cancelled }
        guard let head else { throw PoeError.protocolViolation("the server sent no response") }
        guard head.isSuccess else {
            let message = redactor.redact(ResponseError.readableMessage(from: errorBody, status: head.status))
            throw PoeError.downloadFailed("HTTP \(head.status): \(message)")
        }
        return received
    }

    /// The body's size from `Content-Length`, unless the body is compressed on the wire (curl
    /// hands over the decoded bytes, so the header's count would not be theirs).
    private static func declaredLength(_ head: HTTPResponseHead) -> Int64? {
        let encoding = head.header("content-encoding")?.trimmingCharacters(in: .whitespaces).lowercased() ?? "identity"
        guard encoding == "identity" || encoding.isEmpty else { return nil }
        return head.header("content-length").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// Where a URL points, as the web compares origins: scheme, host, port (defaulted by scheme).
private struct Origin: Equatable {
    var scheme: String
    var host: String
    var port: Int

    init?(_ url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
    }
}
