import Foundation

/// Where everything lives under the store's root folder.
///
/// ```
/// <root>/                      0700
///   index.json                 the conversation list
///   .lock                      flock(2) target for write transactions
///   .live                      held shared by every open store
///   conversations/<id>.json    one per conversation
///   trash/<id>.json            deleted conversations, purged after 30 days
/// ```
struct StoreLayout: Sendable {
    let root: String

    init(root: URL) {
        var path = root.standardizedFileURL.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.root = path
    }

    var index: String { "\(root)/index.json" }
    var lock: String { "\(root)/.lock" }
    var live: String { "\(root)/.live" }
    var conversations: String { "\(root)/conversations" }
    var trash: String { "\(root)/trash" }

    /// - Important: `id` must have been validated; this only joins strings.
    func conversation(_ id: String) -> String { "\(conversations)/\(id).json" }
    func trashed(_ id: String) -> String { "\(trash)/\(id).json" }

    /// The folders whose leftover temporary files are removed at start-up.
    var folders: [String] { [root, conversations, trash] }

    /// Ids of the `<id>.json` files in `folder`; quarantined files, temporary files and anything
    /// not named by a valid id are not conversations.
    static func ids(in folder: String) throws -> [String] {
        try FileSystem.names(in: folder).compactMap(id(ofFileNamed:))
    }

    /// The id of a file named `<id>.json`; `nil` for any other name.
    static func id(ofFileNamed name: String) -> String? {
        guard name.hasSuffix(".json") else { return nil }
        let id = String(name.dropLast(5))
        return StoreID.isValid(id) ? id : nil
    }

    /// Where a corrupt file is moved: beside it, `<name>.corrupt-20261126T214500Z` (`-2`, `-3`...
    /// when that is taken), so it no longer counts as a conversation but nothing is lost.
    static func quarantinePath(for path: String, at date: Date) -> String {
        let stamp = StoreDate.compactStamp(date).replacingOccurrences(of: "-", with: "T") + "Z"
        let base = "\(path).corrupt-\(stamp)"
        var candidate = base
        var number = 2
        while FileSystem.exists(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }
}
