import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stat` results the picker needs, read relative to an open folder (`fstatat`), which is
/// what keeps listing 10,000 files to one system call each plus an access check.
struct FileStatus {
    var kind: FileEntry.Kind
    var isSymlink: Bool
    var size: Int64
    var modified: Date
    var device: UInt64
    var inode: UInt64

    /// Describes `name` inside the folder open as `folder` (a descriptor); a symbolic link is
    /// described by what it points to, a broken one as `.special`. Nil when even `lstat` fails
    /// (the entry vanished between reading the folder and looking at it).
    static func read(_ name: UnsafePointer<CChar>, in folder: Int32) -> FileStatus? {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        guard isLink(info.st_mode) else { return FileStatus(info, isSymlink: false) }
        var target = stat()
        guard fstatat(folder, name, &target, 0) == 0 else {
            var broken = FileStatus(info, isSymlink: true)
            broken.kind = .special
            return broken
        }
        return FileStatus(target, isSymlink: true)
    }

    /// Describes the file at `path`, following links.
    static func read(path: String) -> Result<FileStatus, FolderError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(FolderError(errno: errno)) }
        var status = FileStatus(info, isSymlink: false)
        var link = stat()
        if lstat(path, &link) == 0, isLink(link.st_mode) { status.isSymlink = true }
        return .success(status)
    }

    private init(_ info: stat, isSymlink: Bool) {
        let type = info.st_mode & S_IFMT
        kind = type == S_IFDIR ? .folder : type == S_IFREG ? .file : .special
        self.isSymlink = isSymlink
        size = kind == .folder ? 0 : Int64(info.st_size)
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        modified = Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    private static func isLink(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFLNK }
}
