#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ChatStore
import Dispatch
import PoeAPI

/// Saves the files bots send into a folder: downloaded under a hidden temporary name in that
/// folder, then moved onto a safe name nobody else has (`SafeFileName`, `DownloadFolder.reserve`).
///
/// So a saved name never appears half-written, nothing existing is overwritten, and a failed
/// or cancelled save leaves nothing behind. Used by `ask --save-files` and the full-screen app.
public struct BotFileSaver: Sendable {
    public let client: PoeClient

    public init(client: PoeClient) {
        self.client = client
    }

    /// Where a file was saved, and its size in bytes.
    public struct SavedFile: Sendable, Equatable {
        public var path: String
        public var size: Int64

        public init(path: String, size: Int64) {
            self.path = path
            self.size = size
        }
    }

    /// Downloads `file` into `folder` (created if missing, relative to the working folder unless
    /// absolute). `progress` receives (bytes so far, bytes in all when known).
    /// - Throws: `PoeError` (`downloadFailed`, `unwritableFile`, `network`, `timeout`, `cancelled`).
    public func save(
        _ file: ReceivedFile,
        into folder: String,
        progress: (@Sendable (_ received: Int64, _ total: Int64?) -> Void)? = nil
    ) async throws -> SavedFile {
        let downloads = DownloadFolder(folder)
        try await Self.offThread { () throws(PoeError) in try downloads.create() }
        let name = SafeFileName.make(from: file.name, contentType: file.contentType)
        let temporary = downloads.temporaryPath()
        let size = try await client.download(url: file.url, to: temporary, progress: progress)
        let path = try await Self.offThread { () throws(PoeError) -> String in
            let path: String
            do throws(PoeError) {
                path = try downloads.reserve(name)
            } catch {
                unlink(temporary)
                throw error
            }
            try downloads.publish(temporary, as: path)
            return path
        }
        return SavedFile(path: path, size: size)
    }

    /// Runs file system calls on a dispatch thread: a folder on a slow or stalled disk must not
    /// hold one of Swift's two cooperative threads, which the client's streams need.
    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws(PoeError) -> T) async throws(PoeError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, PoeError>, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: Result { () throws(PoeError) in try work() }) }
        }
        return try result.get()
    }
}

extension ReceivedFile {
    /// This file with its saved copy's path and size recorded.
    public func saved(_ copy: BotFileSaver.SavedFile) -> ReceivedFile {
        var file = self
        file.savedPath = copy.path
        file.size = copy.size
        return file
    }
}
