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
/// One folder comes in two steps, so the first frame does not wait for 10,000 `stat` calls: the
/// names and kinds (what `readdir` says), sorted; then sizes, times and readability in
/// `details` batches, top of the list first.
///
/// - Important: Reading a folder blocks (a slow disk, a network mount), so it never runs on the
///   render loop nor on Swift's cooperative pool, which the client and the store need: `events`
///   reads on a Dispatch worker thread.
public enum FolderListing {
    /// Entries in the first `details` batch (a screenful: the top of the list gets its sizes
    /// first) and in each one after.
    static let firstDetailBatch = 100
    static let detailBatch = 2_000

    /// The entries of `request`, read off the caller's thread. Ending the iteration (or
    /// cancelling the task iterating) stops the read at the next batch; a stopped read sends
    /// no `finished`.
    public static func events(for request: ListingRequest) -> AsyncStream<ListingEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ListingEvent.self)
        let stop = StopFlag()
        continuation.onTermination = { _ in stop.raise() }
        DispatchQueue.global(qos: .userInitiated).async {
            defer { continuation.finish() }
            if request.recursive {
                switch search(request, isCancelled: { stop.isRaised }, emit: { continuation.yield(.entries($0)) }) {
                case .success(let end?): continuation.yield(.finished(end))
                case .success(nil): break
                case .failure(let error): continuation.yield(.failed(error))
                }
                return
            }
            let entries: [FileEntry]
            do throws(FolderError) {
                entries = try names(in: request.folder)
            } catch {
                continuation.yield(.failed(error))
                return
            }
            continuation.yield(.entries(entries))
            let access = Access.current()
            var start = 0
            while start < entries.count {
                if stop.isRaised { return }
                let end = min(entries.count, start + (start == 0 ? firstDetailBatch : detailBatch))
                continuation.yield(.details(from: start, detailed(entries[start..<end], access: access)))
                start = end
            }
            continuation.yield(.finished(.complete))
        }
        return stream
    }

    /// Everything in `folder` with all details, at once (`events` delivers the same in steps).
    public static func read(folder: String) throws(FolderError) -> [FileEntry] {
        detailed(try names(in: folder)[...], access: .current())
    }

    /// Everything in `folder`, hidden entries included (the picker hides them, so the `.` key
    /// needs no new read), folders first, then by name ignoring case. Only links and entries
    /// of unknown type are looked at (to know whether they are folders); the rest have no
    /// details yet.
    public static func names(in folder: String) throws(FolderError) -> [FileEntry] {
        var entries: [FileEntry] = []
        let error = FolderReading.forEach(in: folder, showHidden: true) { name, type, descriptor in
            let kind: FileEntry.Kind
            switch type {
            case .folder: kind = .folder
            case .file: kind = .file
            case .special: kind = .special
            case .linkOrUnknown:
                if let status = FileStatus.read(name, in: descriptor) {
                    entries.append(FolderReading.entry(name, prefix: "", folder: folder, status: status, access: nil))
                }
                return
            }
            entries.append(FolderReading.entry(name, prefix: "", folder: folder, kind: kind))
        }
        if let error { throw error }
        sort(&entries)
        return entries
    }

    /// `entries` (of one folder, as `names` gave them) with sizes, modified times and
    /// readability. An entry gone since it was listed stays, unreadable.
    static func detailed(_ entries: ArraySlice<FileEntry>, access: Access) -> [FileEntry] {
        var result = Array(entries)
        guard let folder = entries.first?.folder else { return result }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if descriptor >= 0 { close(descriptor) } }
        for index in result.indices where !result[index].detailsKnown {
            let status = descriptor >= 0 ? result[index].name.withCString { FileStatus.read($0, in: descriptor) } : nil
            result[index].detailsKnown = true
            guard let status else {
                result[index].readable = false
                continue
            }
            result[index].size = status.size
            result[index].modified = status.modified
            result[index].readable = result[index].readable && access.canRead(status)
        }
        return result
    }

    /// Searches below `request.folder`, breadth first (near files come first, each folder's
    /// entries in listing order), at most `maxDepth` levels and `maxCount` entries, skipping
    /// hidden files and folders unless `showHidden`. Symbolic links are listed but never
    /// followed, and no folder is read twice (a bind mount cannot loop either). Unreadable
    /// folders below the top are listed and skipped. `emit` gets batches of about `batchSize`
    /// entries, or what was found within 50 ms. Returns how it ended: nil when `isCancelled`
    /// said stop.
    public static func search(_ request: ListingRequest, batchSize: Int = 512, isCancelled: () -> Bool,
                              emit: ([FileEntry]) -> Void) -> Result<ListingEnd?, FolderError> {
        struct Pending { var path: String, shownAs: String, depth: Int }
        let access = Access.current()
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
            let prefix = folder.shownAs.isEmpty ? "" : folder.shownAs + "/"
            let error = FolderReading.forEach(in: folder.path, showHidden: request.showHidden) { name, _, descriptor in
                guard let status = FileStatus.read(name, in: descriptor) else { return }
                items.append((FolderReading.entry(name, prefix: prefix, folder: request.folder, status: status, access: access), status))
            }
            if let error, folder.depth == 0 { return .failure(error) }
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

    /// `entries` folders first, then by name ignoring case. Sorts small records (where each key
    /// lies in one buffer of all keys, and its first eight bytes) rather than the entries: 10,000
    /// entries sort without touching a reference count, and ties on the prefix are one `memcmp`.
    static func sort(_ entries: inout [FileEntry]) {
        struct Record {
            var folder: Bool
            var prefix: UInt64
            var start: Int
            var count: Int
            var index: Int
        }
        var bytes: [UInt8] = []
        var records: [Record] = []
        records.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let start = bytes.count
            var key = entry.key
            key.withUTF8 { bytes.append(contentsOf: $0) }
            var prefix: UInt64 = 0
            for offset in 0..<8 { prefix = prefix << 8 | UInt64(start + offset < bytes.count ? bytes[start + offset] : 0) }
            records.append(Record(folder: entry.isFolder, prefix: prefix, start: start, count: bytes.count - start, index: index))
        }
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            records.sort { left, right in
                if left.folder != right.folder { return left.folder }
                if left.prefix != right.prefix { return left.prefix < right.prefix }
                let order = memcmp(base + left.start, base + right.start, min(left.count, right.count))
                if order != 0 { return order < 0 }
                if left.count != right.count { return left.count < right.count }
                return precedes(entries[left.index], entries[right.index])
            }
        }
        // Put each entry where it belongs by following the permutation's cycles with swaps,
        // which move entries without retaining or releasing their strings.
        var order = records.map(\.index)
        entries.withUnsafeMutableBufferPointer { buffer in
            for position in order.indices where order[position] != position {
                var current = position
                while order[current] != position {
                    let next = order[current]
                    buffer.swapAt(current, next)
                    order[current] = current
                    current = next
                }
                order[current] = current
            }
        }
    }

    /// Folders first, then by name ignoring case: the lowercased names' UTF-8 bytes (code point
    /// order), then the names' own bytes.
    static func precedes(_ left: FileEntry, _ right: FileEntry) -> Bool {
        if left.isFolder != right.isFolder { return left.isFolder }
        if let order = compareBytes(left.key, right.key) { return order }
        return compareBytes(left.name, right.name) ?? false
    }

    /// Whether `left`'s UTF-8 comes before `right`'s; nil when they are the same.
    private static func compareBytes(_ left: String, _ right: String) -> Bool? {
        let result = left.utf8.withContiguousStorageIfAvailable { a in
            right.utf8.withContiguousStorageIfAvailable { b -> Int in
                let common = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                return common != 0 ? Int(common) : a.count - b.count
            }
        } ?? nil
        guard let result else { return left == right ? nil : left < right }
        return result == 0 ? nil : result < 0
    }
}

/// A one-way switch shared between the stream's consumer and the reading thread.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
