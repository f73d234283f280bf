import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads folders for the picker: one folder, or a bounded search below it, delivered as an
/// `AsyncStream` filled from a background thread.
///
/// - Important: Reading a folder blocks (a slow disk, a network mount), so it never runs on the
///   render loop nor on Swift's cooperative pool, which the client and the store need: `events`
///   reads on a Dispatch worker thread.
public enum FolderListing {
    /// The entries of `request`, read off the caller's thread. Ending the iteration (or
    /// cancelling the task iterating) stops the read at the next folder; a stopped read sends
    /// no `finished`.
    public static func events(for request: ListingRequest) -> AsyncStream<ListingEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ListingEvent.self)
        let stop = StopFlag()
        continuation.onTermination = { _ in stop.raise() }
        DispatchQueue.global(qos: .userInitiated).async {
            if request.recursive {
                let outcome = search(request, isCancelled: { stop.isRaised }) { continuation.yield(.entries($0)) }
                switch outcome {
                case .success(let end?): continuation.yield(.finished(end))
                case .success(nil): break
                case .failure(let error): continuation.yield(.failed(error))
                }
            } else {
                do throws(FolderError) {
                    continuation.yield(.entries(try read(folder: request.folder)))
                    continuation.yield(.finished(.complete))
                } catch {
                    continuation.yield(.failed(error))
                }
            }
            continuation.finish()
        }
        return stream
    }

    /// Everything in `folder`, hidden entries included (the picker hides them, so the `.` key
    /// needs no new read), folders first, then by name ignoring case.
    public static func read(folder: String) throws(FolderError) -> [FileEntry] {
        var entries: [FileEntry] = []
        if let error = readFolder(folder, shownAs: "", showHidden: true, into: { entries.append($0.entry) }) { throw error }
        return sorted(entries)
    }

    /// Searches below `request.folder`, breadth first (near files come first, each folder's entries in listing order), at most
    /// `maxDepth` levels and `maxCount` entries, skipping hidden files and folders unless
    /// `showHidden`. Symbolic links are listed but never followed, and no folder is read twice
    /// (a bind mount cannot loop either). Unreadable folders below the top are listed and
    /// skipped. `emit` gets batches of about `batchSize` entries, or what was found within
    /// 50 ms. Returns how it ended: nil when `isCancelled` said stop.
    public static func search(_ request: ListingRequest, batchSize: Int = 512, isCancelled: () -> Bool,
                              emit: ([FileEntry]) -> Void) -> Result<ListingEnd?, FolderError> {
        struct Pending { var path: String, shownAs: String, depth: Int }
        var queue = [Pending(path: request.folder, shownAs: "", depth: 0)]
        var head = 0
        var visited = Set<[UInt64]>()
        if case .success(let root) = FileStatus.read(path: request.folder) { visited.insert([root.device, root.inode]) }
        var batch: [FileEntry] = []
        var found = 0
        var end = ListingEnd()
        var lastEmit = ContinuousClock.now
        while head < queue.count {
            if isCancelled() { return .success(nil) }
            let folder = queue[head]
            head += 1
            var items: [(entry: FileEntry, status: FileStatus)] = []
            let error = readFolder(folder.path, shownAs: folder.shownAs, showHidden: request.showHidden) { items.append($0) }
            items.sort { precedes($0.entry, $1.entry) }
            for item in items {
                guard found < request.maxCount else { break }
                found += 1
                batch.append(item.entry)
                guard item.entry.kind == .folder, !item.entry.isSymlink, item.entry.readable else { continue }
                guard folder.depth + 1 < request.maxDepth else {
                    end.depthLimited = true
                    continue
                }
                guard visited.insert([item.status.device, item.status.inode]).inserted else { continue }
                queue.append(Pending(path: item.entry.path, shownAs: item.entry.name, depth: folder.depth + 1))
            }
            if let error, folder.depth == 0 { return .failure(error) }
            if found >= request.maxCount {
                end.countLimited = true
                break
            }
            if batch.count >= batchSize || (!batch.isEmpty && ContinuousClock.now - lastEmit > .milliseconds(50)) {
                emit(batch)
                batch.removeAll(keepingCapacity: true)
                lastEmit = .now
            }
        }
        if !batch.isEmpty { emit(batch) }
        return .success(end)
    }

    static func sorted(_ entries: [FileEntry]) -> [FileEntry] { entries.sorted(by: precedes) }

    /// Folders first, then by name ignoring case (bytewise: fast, and the same everywhere).
    static func precedes(_ left: FileEntry, _ right: FileEntry) -> Bool {
        if left.isFolder != right.isFolder { return left.isFolder }
        if left.key != right.key { return left.key.lexicographicallyPrecedes(right.key) }
        return left.name < right.name
    }

    /// Calls `body` for each entry of the folder at `path`; `shownAs` is the folder's name in a
    /// search ("" for the top), put in front of each entry's name. Returns why the folder could
    /// not be read, if it could not.
    private static func readFolder(_ path: String, shownAs: String, showHidden: Bool,
                                   into body: ((entry: FileEntry, status: FileStatus)) -> Void) -> FolderError? {
        guard let directory = opendir(path) else { return FolderError(errno: errno) }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        let prefix = shownAs.isEmpty ? "" : shownAs + "/"
        let base = path.hasSuffix("/") ? path : path + "/"
        while let item = readdir(directory) {
            withUnsafePointer(to: &item.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { name in
                    if name[0] == 0x2E, name[1] == 0 || (name[1] == 0x2E && name[2] == 0) { return }  // . and ..
                    if !showHidden, name[0] == 0x2E { return }
                    guard let status = FileStatus.read(name, in: descriptor) else { return }
                    // A name that is not UTF-8 cannot be turned back into its path: shown, never read.
                    let decoded = String(validatingCString: name)
                    let text = decoded ?? String(cString: name)
                    let access = status.kind == .folder ? R_OK | X_OK : R_OK
                    let readable = decoded != nil && faccessat(descriptor, name, access, 0) == 0
                    let entry = FileEntry(name: prefix + text, path: base + text, kind: status.kind, isSymlink: status.isSymlink,
                                          size: status.size, modified: status.modified, readable: readable)
                    body((entry, status))
                }
            }
        }
        return nil
    }
}

/// A one-way switch shared between the stream's consumer and the reading thread.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
