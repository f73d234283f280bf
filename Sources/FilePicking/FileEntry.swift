import Foundation

/// One row of a folder listing or a recursive search, as read off the disk.
///
/// Kept small, as a listing holds 10,000 of them: the folder's path is one string shared by all
/// its entries (`path` joins it with `name` when asked), and `key` shares the name's storage
/// when the name has no capitals.
public struct FileEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file
        case folder
        /// A FIFO, socket, device or broken link: shown, never attached (reading one could block).
        case special
    }

    /// What is shown and matched: the file's name, or in a recursive search its path below the
    /// searched folder (`src/main.swift`).
    public let name: String
    /// The folder listed or searched (an absolute path).
    public let folder: String
    /// `name` lowercased: the fuzzy filter compares its UTF-8 bytes. Computed when the listing
    /// is read, off the render loop.
    public let key: String
    /// Bytes; 0 for folders.
    public var size: Int64
    public var modified: Date
    // The one-byte fields last, together: 72 bytes an entry instead of 88.
    /// Whether this process may read it (and, for a folder, list it).
    public var readable: Bool
    /// Whether `size`, `modified` and `readable` were read yet: a folder's listing sends names
    /// first and these after (see `FolderListing`).
    public var detailsKnown = true
    public var kind: Kind
    /// A symbolic link (`kind` describes what it points to). Searches list links but never
    /// descend through them.
    public var isSymlink: Bool
    /// Starts with a dot, here or in any folder of a search result's path.
    public let isHidden: Bool

    public init(name: String, in folder: String, kind: Kind, isSymlink: Bool = false, size: Int64 = 0,
                modified: Date = Date(timeIntervalSince1970: 0), readable: Bool = true) {
        self.name = name
        self.folder = folder
        self.kind = kind
        self.isSymlink = isSymlink
        self.size = size
        self.modified = modified
        self.readable = readable
        var hasCapitals = false
        var isASCII = true
        var hidden = false
        var previous: UInt8 = 0x2F
        for byte in name.utf8 {
            if byte >= 0x80 { isASCII = false }
            if byte >= 0x41 && byte <= 0x5A { hasCapitals = true }
            if byte == 0x2E && previous == 0x2F { hidden = true }
            previous = byte
        }
        key = isASCII && !hasCapitals ? name : name.lowercased()
        isHidden = hidden
    }

    /// The absolute path.
    public var path: String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
    public var url: URL { URL(fileURLWithPath: path, isDirectory: kind == .folder) }
    public var isFolder: Bool { kind == .folder }

    /// The last part of the path (a recursive search's `name` has folders in front).
    public var fileName: Substring {
        guard let slash = name.lastIndex(of: "/") else { return name[...] }
        return name[name.index(after: slash)...]
    }
}
