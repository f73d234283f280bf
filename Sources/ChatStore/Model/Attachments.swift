import Foundation

/// A file the user sent with a message (or has ready in the draft).
///
/// `localPath` is where it was picked from, `url` where Poe stored it after upload; either may be
/// missing (not yet uploaded, or the local file was never known).
public struct StoredAttachment: Codable, Sendable, Hashable {
    public var name: String
    public var localPath: String?
    public var url: String?
    public var contentType: String
    public var size: Int64?

    public init(name: String, localPath: String? = nil, url: String? = nil, contentType: String, size: Int64? = nil) {
        self.name = name
        self.localPath = localPath
        self.url = url
        self.contentType = contentType
        self.size = size
    }
}

/// A file a bot sent with its reply; `savedPath` once the user saved a copy.
///
/// `inlineRef` is the name the reply's markdown uses for it (`![alt][ref]`); `size` is known
/// once the file was downloaded. Both are absent when unknown.
public struct ReceivedFile: Codable, Sendable, Hashable {
    public var name: String
    public var url: String
    public var contentType: String
    public var savedPath: String?
    public var inlineRef: String?
    public var size: Int64?

    public init(
        name: String, url: String, contentType: String, savedPath: String? = nil, inlineRef: String? = nil,
        size: Int64? = nil
    ) {
        self.name = name
        self.url = url
        self.contentType = contentType
        self.savedPath = savedPath
        self.inlineRef = inlineRef
        self.size = size
    }
}

/// Why a reply failed, as the client reported it; `retryable` decides whether the UI offers a retry.
public struct MessageError: Codable, Sendable, Hashable {
    public var text: String
    /// A short machine-readable cause, e.g. `network`, `rate_limit`, `bot_error`.
    public var kind: String
    public var retryable: Bool

    public init(text: String, kind: String, retryable: Bool) {
        self.text = text
        self.kind = kind
        self.retryable = retryable
    }
}
