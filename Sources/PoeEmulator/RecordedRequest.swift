import Foundation

/// A request as the emulator received it, kept so tests can check exactly what a client sent.
public struct RecordedRequest: Sendable, Equatable {
    /// `GET`, `POST`, ...
    public let method: String
    /// The request target as sent, percent-encoding and query included: `/usage/points_history?limit=2`.
    public let path: String
    /// Header names lowercased. A header sent twice keeps its last value (FlyingFox merges them).
    public let headers: [String: String]
    /// The body as received (de-chunked). Empty for a body refused for being over the size limit.
    public let body: Data

    public init(method: String, path: String, headers: [String: String], body: Data) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}
