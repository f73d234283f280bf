import Foundation

/// One row of a folder listing or a recursive search, as read off the disk.
public struct FileEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file
        case folder
        /// A FIFO, socket, device or broken link: shown, never attached (reading one could block).
        case special
    }

    /// What is shown and matched: the file's name, or in a recursive search its path below the
    /// searched folder (`src/main.swift`).
    public var name: String
    /// The absolute path.
    public var path: String
    public var kind: Kind
    /// A symbolic link (`kind` describes what it points to). Searches list links but never
    /// descend through them.
    public var isSymlink: Bool
    /// Bytes; 0 for folders.
    public var size: Int64
    public var modified: Date
    /// Whether this process may read it (and, for a folder, list it).
    public var readable: Bool
    /// `name` lowercased as UTF-8: the fuzzy filter compares bytes, and computing this when the
    /// listing is read (off the render loop) keeps each keystroke cheap.
    public let key: [UInt8]

    public init(name: String, path: String, kind: Kind, isSymlink: Bool = false, size: Int64 = 0,
                modified: Date = Date(timeIntervalSince1970: 0), readable: Bool = true) {
        self.name = name
        self.path = path
        self.kind = kind
        self.isSymlink = isSymlink
        self.size = size
        self.modified = modified
        self.readable = readable
        key = Array(name.lowercased().utf8)
    }

    public var url: URL { URL(fileURLWithPath: path, isDirectory: kind == .folder) }
    public var isFolder: Bool { kind == .folder }

    /// The last part of the path (a recursive search's `name` has folders in front).
    public var fileName: Substring {
        guard let slash = name.lastIndex(of: "/") else { return name[...] }
        return name[name.index(after: slash)...]
    }

    /// Starts with a dot, here or in any folder of a search result's path.
    public var isHidden: Bool { name.hasPrefix(".") || name.contains("/.") }
}
