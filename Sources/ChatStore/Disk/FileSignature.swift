import Foundation

/// What `stat` says about a file, enough to notice that it changed without reading it.
///
/// Every store write replaces the file with a new one (a new inode), so a rewrite shows even when
/// the size is unchanged and the file system's clock is coarse. The index keeps one per
/// conversation to tell, at start-up, which files changed behind its back.
struct FileSignature: Codable, Sendable, Hashable {
    var inode: UInt64
    var size: Int64
    /// Modification time in nanoseconds since 1970.
    var modified: Int64

    var modifiedDate: Date { Date(timeIntervalSince1970: Double(modified) / 1_000_000_000) }
}
