#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The POSIX calls the store needs, with `errno` turned into `ChatStoreError.io`.
///
/// POSIX rather than `FileManager`, because the store needs what `FileManager` does not give:
/// `fsync` of files and folders, exclusive creation of temporary files with mode 0600, `rename`
/// over an existing file, and inode numbers for `FileSignature`.
enum FileSystem {
    /// A step of an atomic write, where tests may inject a failure as if the process died there.
    enum WriteStage: Sendable { case beforeRename }

    /// Test hook: called at each `WriteStage`; a throw aborts the write there.
    typealias FaultInjection = @Sendable (WriteStage, String) throws -> Void

    /// Writes `data` to `path` so that a crash at any instant leaves the old file or the new one:
    /// a temporary file in the same folder (mode 0600), `fsync`, `rename` over `path`, then
    /// `fsync` of the folder so the rename itself is durable.
    @discardableResult
    static func writeAtomically(_ data: some ContiguousBytes, to path: String, fault: FaultInjection? = nil) throws -> FileSignature {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = "\(folder)/\(temporaryPrefix(for: name))\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, "cannot create a temporary file beside it") }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(fd) }
            // The umask may only have removed bits; this makes it exactly 0600.
            guard fchmod(fd, 0o600) == 0 else { throw failure(path, "cannot set mode 0600 on its temporary file") }
            try writeAll(data, to: fd, path: temporary)
            guard fsync(fd) == 0 else { throw failure(path, "cannot sync its temporary file") }
        }
        try fault?(.beforeRename, path)
        guard rename(temporary, path) == 0 else { throw failure(path, "cannot replace") }
        renamed = true
        try syncFolder(folder)
        guard let signature = signature(of: path) else { throw failure(path, "cannot stat") }
        return signature
    }

    /// The name prefix of `name`'s temporary files: hidden, and recognisable by `isTemporary`.
    static func temporaryPrefix(for name: String) -> String { ".\(name).tmp-" }

    static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }

    /// The whole file and the signature of exactly the bytes read. `nil` when there is no file.
    static func read(_ path: String) throws -> (data: Data, signature: FileSignature)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw failure(path, "cannot open")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path, "cannot stat") }
        // One byte more than the size, so the read that finds the end needs no bigger buffer;
        // it only grows if the file grew meanwhile (a hand edit: store writes replace files).
        var data = Data(count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(4096, data.count / 2) }
            let count = data.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read")
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return (data, FileSignature(info))
    }

    static func signature(of path: String) -> FileSignature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileSignature(info)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Creates `path` with mode 0700 unless it exists, and any missing parent the same way
    /// (`~/.local/share` may not exist yet; the XDG spec asks for 0700 there too).
    static func makeFolder(_ path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && !exists(parent) { try makeFolder(parent) }
        if mkdir(path, 0o700) == 0 {
            // mkdir's mode passes through the umask; this makes it exactly 0700.
            guard chmod(path, 0o700) == 0 else { throw failure(path, "cannot set mode 0700") }
            return
        }
        guard errno == EEXIST else { throw failure(path, "cannot create folder") }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ChatStoreError.io(path: path, reason: "exists and is not a folder")
        }
    }

    /// Moves `source` to `destination` (same file system), replacing it, and makes both folders durable.
    static func move(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else { throw failure(source, "cannot move to \(destination)") }
        let sourceFolder = (source as NSString).deletingLastPathComponent
        let destinationFolder = (destination as NSString).deletingLastPathComponent
        try syncFolder(destinationFolder)
        if sourceFolder != destinationFolder { try syncFolder(sourceFolder) }
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure(path, "cannot remove") }
    }

    /// Sets the modification time (the trash keeps deletion times there).
    static func setModified(_ path: String, to date: Date) throws {
        try setModified(path, nanoseconds: Int64((date.timeIntervalSince1970 * 1_000_000_000).rounded(.down)))
    }

    /// Sets the modification time exactly (a `FileSignature` compares nanoseconds).
    static func setModified(_ path: String, nanoseconds: Int64) throws {
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
        let time = timespec(tv_sec: Int(seconds), tv_nsec: Int(nanoseconds - seconds * 1_000_000_000))
        var times = [time, time]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw failure(path, "cannot set the modification time") }
    }

    /// The names in `folder` (not `.` and `..`); none when it does not exist.
    static func names(in folder: String) throws -> [String] {
        guard let directory = opendir(folder) else {
            if errno == ENOENT { return [] }
            throw failure(folder, "cannot list")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The `*.json` files in `folder` with their signatures (`nil` if one vanished meanwhile),
    /// each `fstatat` relative to the open folder. Why: start-up stats every conversation file,
    /// and a full path per file cost a path string and a walk of every folder in it, each time.
    static func jsonFiles(in folder: String) throws -> [(name: String, signature: FileSignature?)] {
        guard let directory = opendir(folder) else {
            if errno == ENOENT { return [] }
            throw failure(folder, "cannot list")
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var files: [(name: String, signature: FileSignature?)] = []
        while let entry = readdir(directory) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { bytes -> (name: String, signature: FileSignature?)? in
                let name = bytes.prefix(while: { $0 != 0 })
                guard name.count > 5, name.suffix(5).elementsEqual(".json".utf8) else { return nil }
                var info = stat()
                let found = bytes.withMemoryRebound(to: CChar.self) { fstatat(descriptor, $0.baseAddress!, &info, 0) == 0 }
                return (String(decoding: name, as: UTF8.self), found ? FileSignature(info) : nil)
            }
            if let file { files.append(file) }
        }
        return files
    }

    static func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "cannot open folder") }
        defer { close(fd) }
        guard fsync(fd) == 0 || errno == EINVAL else { throw failure(path, "cannot sync folder") }
    }

    /// The file's permission bits (tests check 0600 and 0700).
    static func mode(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o7777)
    }

    private static func writeAll(_ data: some ContiguousBytes, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, "cannot write")
                }
                offset += count
            }
        }
    }

    /// `ChatStoreError.io` for the current `errno`, read as "/path: cannot write: No space left on device (errno 28)".
    static func failure(_ path: String, _ action: String) -> ChatStoreError {
        let code = errno
        return .io(path: path, reason: "\(action): \(String(cString: strerror(code))) (errno \(code))")
    }
}

/// `read(2)`: the `FileSystem.read` method's name hides the C function inside it.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

extension FileSignature {
    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        self.init(
            inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec))
    }
}
