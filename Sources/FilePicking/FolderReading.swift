import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `readdir` over one folder: names and the type the folder itself records, without a `stat`.
enum FolderReading {
    enum RecordedType {
        case folder, file, special
        /// A link (what it points to needs a `stat`), or a file system that records no type.
        case linkOrUnknown
    }

    /// Calls `body` with each entry's name, recorded type and the folder's descriptor (for
    /// `fstatat`), skipping `.` and `..`, and hidden entries unless `showHidden`. Returns why
    /// the folder could not be read, if it could not.
    static func forEach(in path: String, showHidden: Bool,
                        _ body: (UnsafePointer<CChar>, RecordedType, Int32) -> Void) -> FolderError? {
        guard let directory = opendir(path) else { return FolderError(errno: errno) }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let item = readdir(directory) {
            let type: RecordedType
            switch item.pointee.d_type {
            case 4: type = .folder  // DT_DIR
            case 8: type = .file  // DT_REG
            case 1, 2, 6, 12: type = .special  // DT_FIFO, DT_CHR, DT_BLK, DT_SOCK
            default: type = .linkOrUnknown  // DT_LNK, DT_UNKNOWN
            }
            withUnsafePointer(to: &item.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { name in
                    if name[0] == 0x2E, name[1] == 0 || (name[1] == 0x2E && name[2] == 0) { return }  // . and ..
                    if !showHidden, name[0] == 0x2E { return }
                    body(name, type, descriptor)
                }
            }
        }
        return nil
    }

    /// An entry with no details yet (size 0, readable until known otherwise). `folder` is the
    /// listed (or searched) folder, one string shared by all its entries.
    static func entry(_ name: UnsafePointer<CChar>, prefix: String, folder: String, kind: FileEntry.Kind) -> FileEntry {
        let (text, valid) = decode(name)
        var entry = FileEntry(name: prefix.isEmpty ? text : prefix + text, in: folder, kind: kind, readable: valid)
        entry.detailsKnown = false
        return entry
    }

    /// An entry with its details from `status`; readability from `access`, or left to the
    /// details step when nil.
    static func entry(_ name: UnsafePointer<CChar>, prefix: String, folder: String, status: FileStatus, access: Access?) -> FileEntry {
        let (text, valid) = decode(name)
        var entry = FileEntry(name: prefix + text, in: folder, kind: status.kind, isSymlink: status.isSymlink,
                              size: status.size, modified: status.modified, readable: valid && (access?.canRead(status) ?? true))
        entry.detailsKnown = access != nil
        return entry
    }

    /// A name that is not UTF-8 cannot be turned back into its path: shown (with U+FFFD),
    /// never read.
    private static func decode(_ name: UnsafePointer<CChar>) -> (String, Bool) {
        if let text = String(validatingCString: name) { return (text, true) }
        return (String(cString: name), false)
    }
}
