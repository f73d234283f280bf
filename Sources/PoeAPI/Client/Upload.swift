import Foundation

extension PoeClient {
    /// Uploads a local file through Poe's upload endpoint and returns the attachment to put on a
    /// message. `progress` receives (bytes sent, bytes in all) as the upload goes.
    ///
    /// The file is streamed from disk as a `multipart/form-data` part named `file`; the endpoint
    /// takes the raw key as `Authorization` (no `Bearer`), as fastapi_poe sends it.
    public nonisolated func upload(
        path: String,
        contentType: String? = nil,
        progress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) async throws -> PoeAttachment {
        let fileName = (path as NSString).lastPathComponent
        _ = try Self.checkedUploadSize(path, limit: configuration.maxUploadBytes)
        let type = contentType ?? MediaType.guess(fileName: fileName)
        let request = HTTPRequest(
            method: "POST",
            url: configuration.uploadURL,
            headers: headers(authorization: .rawKey, accept: "application/json"),
            body: .multipart(MultipartFile(fieldName: "file", path: path, fileName: fileName, contentType: type)),
            connectTimeout: configuration.connectTimeout,
            idleTimeout: .seconds(120),
            reportsUploadProgress: progress != nil
        )
        let body: [UInt8]
        do {
            body = try await perform(request, onUploadProgress: progress)
        } catch let error as PoeError {
            switch error {
            case .http(let status, let message): throw PoeError.uploadRejected("HTTP \(status): \(message)")
            default: throw error
            }
        }
        struct UploadResponse: Decodable {
            let attachment_url: String
            let mime_type: String
        }
        guard let response = try? JSONDecoder().decode(UploadResponse.self, from: Data(body)) else {
            throw PoeError.uploadRejected("unexpected response from the upload endpoint")
        }
        return PoeAttachment(url: response.attachment_url, contentType: response.mime_type, name: fileName)
    }

    /// The size of a file that can be uploaded, or why not (missing, a folder, unreadable, over
    /// the cap with both sizes): the UI checks files with this when they are attached.
    public static func checkedUploadSize(_ path: String, limit: Int64) throws -> Int64 {
        let size = try regularFileSize(path)
        guard size <= limit else { throw PoeError.uploadTooLarge(path: path, size: size, limit: limit) }
        return size
    }

    /// The size of a readable regular file, or a readable reason why it cannot be uploaded.
    static func regularFileSize(_ path: String) throws -> Int64 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PoeError.unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw PoeError.unreadableFile(path: path, reason: "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PoeError.unreadableFile(path: path, reason: "permission denied")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// Content types from file names, for the upload part's `Content-Type` (as fastapi_poe guesses
/// from the extension; unknown types are `application/octet-stream`).
public enum MediaType {
    private static let byExtension: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "svg": "image/svg+xml", "bmp": "image/bmp", "heic": "image/heic",
        "pdf": "application/pdf", "json": "application/json", "zip": "application/zip",
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "html": "text/html",
        "htm": "text/html", "xml": "application/xml", "yaml": "application/yaml", "yml": "application/yaml",
        "py": "text/x-python", "swift": "text/x-swift", "c": "text/x-c", "h": "text/x-c",
        "js": "text/javascript", "ts": "text/plain", "rs": "text/plain", "go": "text/plain",
        "sh": "application/x-sh", "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg",
        "m4a": "audio/mp4", "flac": "audio/flac", "mp4": "video/mp4", "mov": "video/quicktime",
        "webm": "video/webm", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]

    public static func guess(fileName: String) -> String {
        let ext = (fileName as NSString).pathExtension.lowercased()
        return byExtension[ext] ?? "application/octet-stream"
    }

    /// Where several extensions name one type, the one files of that type usually have.
    private static let preferredExtension: [String: String] = [
        "image/jpeg": "jpg", "text/html": "html", "application/yaml": "yaml", "text/x-c": "c", "text/plain": "txt",
    ]

    /// The usual extension for a content type (`image/png` → `png`), ignoring case and
    /// parameters (`; charset=utf-8`); nil for a type not known here.
    public static func fileExtension(for contentType: String) -> String? {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if let preferred = preferredExtension[type] { return preferred }
        return byExtension.filter { $0.value == type }.map(\.key).min()
    }
}
