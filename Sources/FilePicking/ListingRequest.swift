import Foundation

/// A listing the picker needs: one folder, or a search below it. `id` tells a current listing's
/// results from a stale one's, so results of a folder the user already left are dropped.
public struct ListingRequest: Sendable, Hashable {
    public var id: Int
    /// An absolute path.
    public var folder: String
    public var showHidden: Bool
    public var recursive: Bool
    /// A search lists entries at most this many folders below `folder`.
    public var maxDepth: Int
    /// A search stops after this many entries.
    public var maxCount: Int

    public static let defaultMaxDepth = 8
    public static let defaultMaxCount = 20_000

    public init(id: Int, folder: String, showHidden: Bool, recursive: Bool,
                maxDepth: Int = defaultMaxDepth, maxCount: Int = defaultMaxCount) {
        self.id = id
        self.folder = folder
        self.showHidden = showHidden
        self.recursive = recursive
        self.maxDepth = maxDepth
        self.maxCount = maxCount
    }
}

/// What a listing delivers, in order: batches of entries (for one folder, all of them at once,
/// then their details), then one `finished` or `failed`.
public enum ListingEvent: Sendable, Equatable {
    case entries([FileEntry])
    /// The same entries as delivered from position `from` on, now with sizes, times and
    /// readability.
    case details(from: Int, [FileEntry])
    case finished(ListingEnd)
    /// The folder itself could not be read.
    case failed(FolderError)
}

/// How a listing ended: whole, or cut by the search's bounds.
public struct ListingEnd: Sendable, Hashable {
    /// The search stopped at `maxCount` entries.
    public var countLimited: Bool
    /// Some folders lay deeper than `maxDepth` and were not searched.
    public var depthLimited: Bool

    public init(countLimited: Bool = false, depthLimited: Bool = false) {
        self.countLimited = countLimited
        self.depthLimited = depthLimited
    }

    public static let complete = ListingEnd()
}
