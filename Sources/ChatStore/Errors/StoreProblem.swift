import Foundation

/// Something wrong with one file that did not stop the store: the CLI prints it to stderr, the
/// full-screen interface shows it in the status line. Everything else keeps working.
public struct StoreProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Not valid poe-tui data; moved aside (to `movedTo`) so it is kept but no longer read.
        case quarantined(movedTo: String)
        /// Written by a newer poe-tui: read-only here, and saves to it fail.
        case newerSchema(found: Int, supported: Int)
        /// Could not be read (permissions, I/O); left where it is.
        case unreadable
        /// A background save failed; the changes stay in memory and are retried on the next save.
        case writeFailed
    }

    /// The file concerned, as a full path.
    public var path: String
    public var kind: Kind
    /// The underlying cause (a decoding or system error), for the user and for bug reports.
    public var reason: String
    public var date: Date

    public init(path: String, kind: Kind, reason: String, date: Date = Date()) {
        self.path = path
        self.kind = kind
        self.reason = reason
        self.date = date
    }

    public var description: String {
        switch kind {
        case .quarantined(let movedTo):
            "\(path) is not a readable conversation (\(reason)); moved aside to \(movedTo)"
        case .newerSchema(let found, let supported):
            "\(path) was written by a newer poe-tui (format \(found); this one knows up to \(supported)); "
                + "it is shown read-only and never changed"
        case .unreadable:
            "\(path) cannot be read: \(reason)"
        case .writeFailed:
            "\(path): changes not saved: \(reason)"
        }
    }

    /// The same problem about the same file, whenever it happened; used to report it once.
    func isSame(as other: StoreProblem) -> Bool {
        path == other.path && kind == other.kind
    }
}
