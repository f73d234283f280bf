import Foundation

/// Why a store operation failed. `description` is a sentence the CLI prints as it is.
public enum ChatStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id has a character other than `A-Z a-z 0-9 -`, or is empty or too long.
    case invalidID(String)
    /// No conversation with that id (in the trash, for `restore`).
    case notFound(String)
    /// The conversation is in the trash (`restore` brings it back).
    case trashed(String)
    /// `restore` found a live conversation with the same id.
    case alreadyExists(String)
    /// The file was written by a newer poe-tui; it is never overwritten.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file is not valid poe-tui data; `movedTo` is where it was moved aside.
    case corrupt(path: String, reason: String, movedTo: String?)
    /// A system call failed.
    case io(path: String, reason: String)
    /// The store was closed.
    case closed

    public var description: String {
        switch self {
        case .invalidID(let id):
            "\"\(id)\" is not a conversation id (ids are 1 to 128 letters, digits and '-')"
        case .notFound(let id):
            "no conversation with id \(id)"
        case .trashed(let id):
            "conversation \(id) is in the trash; restore it to open it"
        case .alreadyExists(let id):
            "conversation \(id) already exists outside the trash; it was not replaced"
        case .newerSchema(let path, let found, let supported):
            "\(path) was written by a newer poe-tui (format \(found); this one knows up to \(supported)); "
                + "it is left untouched: update poe-tui to change it"
        case .corrupt(let path, let reason, let movedTo):
            if let movedTo {
                "\(path) is not a readable conversation (\(reason)); it was moved aside to \(movedTo)"
            } else {
                "\(path) is not a readable conversation (\(reason))"
            }
        case .io(let path, let reason):
            "\(path): \(reason)"
        case .closed:
            "the conversation store was closed"
        }
    }
}
