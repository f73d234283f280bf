import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stat` results the picker needs, read relative to an open folder (`fstatat`).
struct FileStatus {
    var kind: FileEntry.Kind
    var isSymlink: Bool
    var size: Int64
    var modified: Date
    var device: UInt64
    var inode: UInt64
    var mode: UInt32
    var owner: UInt32
    var group: UInt32

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
        mode = UInt32(info.st_mode)
        owner = UInt32(info.st_uid)
        group = UInt32(info.st_gid)
    }

    private static func isLink(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFLNK }
}

/// Whether this process may read a file, from its mode bits: the same rule the kernel applies
/// (owner, then group, then others; root reads anything), without an `access` call per file,
/// which would double the system calls of a listing. ACLs are not consulted: a file an ACL
/// forbids shows as readable until its preview fails to open it, and is refused then.
struct Access: Sendable {
    let user: UInt32
    let groups: Set<UInt32>
    let overridesPermissions: Bool

    static func current() -> Access {
        var groups: Set<UInt32> = [UInt32(getegid())]
        let count = getgroups(0, nil)
        if count > 0 {
            var list = [gid_t](repeating: 0, count: Int(count))
            let filled = getgroups(count, &list)
            if filled > 0 { groups.formUnion(list.prefix(Int(filled)).map { UInt32($0) }) }
        }
        return Access(user: UInt32(geteuid()), groups: groups, overridesPermissions: geteuid() == 0)
    }

    /// Readable, and for a folder also searchable (its entries can be looked at).
    func canRead(_ status: FileStatus) -> Bool {
        if overridesPermissions { return true }
        let bits = status.owner == user ? (status.mode >> 6) & 7 : groups.contains(status.group) ? (status.mode >> 3) & 7 : status.mode & 7
        return bits & 4 != 0 && (status.kind != .folder || bits & 1 != 0)
    }
}
