/// One request header.
struct HTTPHeader: Sendable, Equatable {
    var name: String
    var value: String
}

/// A file sent as one part of a `multipart/form-data` body; libcurl streams it from disk.
struct MultipartFile: Sendable, Equatable {
    var fieldName: String
    var path: String
    var fileName: String
    var contentType: String
}

/// What a request sends after its headers.
enum HTTPRequestBody: Sendable, Equatable {
    case none
    case bytes([UInt8])
    case multipart(MultipartFile)
}

/// An HTTP request for the curl engine.
struct HTTPRequest: Sendable {
    var method: String
    var url: String
    var headers: [HTTPHeader]
    var body: HTTPRequestBody = .none
    /// Time allowed to establish the connection.
    var connectTimeout: Duration = .seconds(15)
    /// The transfer fails when no byte arrives for this long. Poe pings idle streams every
    /// 15 s, so anything comfortably above that tolerates a bot that thinks for minutes.
    var idleTimeout: Duration? = .seconds(60)
    /// Whether to report upload progress events.
    var reportsUploadProgress = false
    /// Whether to follow up to 5 redirects (http and https only). curl sends a custom
    /// `Authorization` header only to the first host, never to the one redirected to.
    var followsRedirects = false
    /// Reads an accepted response's body on the transfer's thread instead of as `.body` events.
    var bodyReader: (any InlineBodyReader)?
}

/// Takes a response body on the transfer's own thread, piece by piece as it arrives, instead of
/// as `.body` events on a task: for streams of many small pieces (a reply's tokens), where
/// handing each piece to a task cost a thread wake-up. It must be quick: every transfer waits.
protocol InlineBodyReader: AnyObject, Sendable {
    /// Whether this reader takes the body of a response with this head; called once, on the
    /// transfer's thread, before any of the body. A body not taken arrives as `.body` events.
    func accepts(_ head: HTTPResponseHead) -> Bool
    /// One piece of the body; false stops the transfer (it then fails), true goes on.
    func read(_ bytes: UnsafeRawBufferPointer) -> Bool
}

/// The status line and headers of a response, delivered before any of its body.
struct HTTPResponseHead: Sendable, Equatable {
    var status: Int
    /// Header names lowercased; a repeated header keeps its last value.
    var headers: [String: String]

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// What a transfer reports as it runs, in order: upload progress, then one `head`, then body
/// chunks as the server sends them.
enum HTTPTransferEvent: Sendable, Equatable {
    case uploadProgress(sent: Int64, total: Int64)
    case head(HTTPResponseHead)
    case body([UInt8])
}

/// Why a transfer stopped before its response ended normally.
enum TransportError: Error, Sendable, Equatable {
    case cancelled
    /// Could not resolve, connect or complete the TLS handshake.
    case connect(String)
    /// The connection did not open in time.
    case connectTimeout(String)
    /// No byte arrived for the idle timeout.
    case idle(Duration)
    /// Any other libcurl failure, with its code and message.
    case failed(code: Int, message: String)

    /// True when the server cannot have received the request: the connection never opened.
    ///
    /// Any other failure may come after the server read it. (A reused keep-alive connection
    /// that turns out closed before any byte of the response is not reported at all: libcurl
    /// sends the request again once on a fresh connection, as browsers do.)
    var requestNeverSent: Bool {
        switch self {
        case .connect, .connectTimeout: return true
        case .cancelled, .idle, .failed: return false
        }
    }
}
