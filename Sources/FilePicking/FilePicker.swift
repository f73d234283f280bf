import Foundation

/// Ctrl-O: the file picker's whole state, as a value. Keys change it through `handle(_:)`,
/// listing results and previews through `receive`; each returns what the outside must do
/// (`FilePickerCommand`). No I/O happens here.
///
/// Lifecycle: make one with the starting folder, run `request` (`FolderListing.events`), feed
/// its events to `receive(_:for:)`; run every `.list` the picker returns the same way,
/// cancelling the previous one (late results of a stale request are dropped anyway); load each
/// `.preview` with `FilePreview.load` and pass it to `receive(_:)`.
public struct FilePicker: Sendable, Equatable {
    /// A file chosen for attaching, remembered with what was known of it when chosen (marks
    /// survive leaving its folder).
    public struct MarkedFile: Sendable, Hashable {
        public var path: String
        public var size: Int64
        /// From content once previewed, else from the name; nil when neither says.
        public var type: FileType?

        public init(path: String, size: Int64, type: FileType? = nil) {
            self.path = path
            self.size = size
            self.type = type
        }

        public var url: URL { URL(fileURLWithPath: path) }
        public var name: String { (path as NSString).lastPathComponent }
    }

    /// How the current listing is going.
    public enum Status: Sendable, Equatable {
        /// Waiting for entries (a search: finding more).
        case loading
        case complete(ListingEnd)
        /// The folder itself could not be read; it stays shown with the reason.
        case failed(FolderError)
    }

    /// One line under the list, until the next key.
    public struct Notice: Sendable, Equatable {
        public enum Severity: Sendable, Equatable { case info, warning, problem }
        public var text: String
        public var severity: Severity

        public init(_ text: String, _ severity: Severity) {
            self.text = text
            self.severity = severity
        }
    }

    /// Files waiting for a yes because the bot does not list their kind of input.
    public struct Confirmation: Sendable, Equatable {
        public var files: [MarkedFile]
        public var reason: String
    }

    /// The folder shown: an absolute path, remembered by the app for the next time.
    public internal(set) var folder: String
    /// Where `~` goes.
    public let home: String
    public internal(set) var listing: FilteredListing
    /// The highlighted row of `listing`.
    public internal(set) var selection = 0
    /// The first row shown; kept so the selection stays in view.
    public internal(set) var scroll = 0
    /// Rows the list shows: PgUp/PgDn move this far. The app sets it from the screen size
    /// (`pageRows(screenHeight:)`).
    public var pageRows = 20 {
        didSet { keepSelectionInView() }
    }

    /// The list's rows on a screen `height` rows high: the overlay's frame, path, filter and
    /// footer take 8. The reducer pages by it and the overlay draws that many.
    public static func pageRows(screenHeight height: Int) -> Int { max(1, height - 8) }
    public internal(set) var marked: [MarkedFile]
    public internal(set) var recursive: Bool
    public internal(set) var status: Status = .loading
    /// The bot's inputs and the upload cap: what gets dimmed, confirmed or refused.
    public var rules: AttachmentRules
    /// The latest preview for the highlighted file (check `path`: it may be an older file's
    /// until the new one arrives).
    public internal(set) var preview: FilePreview?
    public internal(set) var notice: Notice?
    public internal(set) var confirmation: Confirmation?
    /// The listing whose results are current.
    public internal(set) var request: ListingRequest

    /// Paths marked when the picker opened (the draft's attachments): already confirmed.
    let initiallyMarked: Set<String>
    /// Whether Tab/Space changed the marks since opening; until then Enter adds the highlighted
    /// file to them.
    var marksChanged = false
    /// The file whose preview was asked for last.
    var wantedPreview: String?
    /// An entry to highlight when it arrives: the folder just left, after going up.
    var reselect: String?

    /// - Parameters:
    ///   - folder: where to start (the last folder used, else the working folder).
    ///   - attached: the draft's attachments, shown marked; Enter returns the marked set, so
    ///     unmarking one here removes it from the draft.
    public init(folder: String, home: String, rules: AttachmentRules, attached: [MarkedFile] = [],
                showHidden: Bool = false, recursive: Bool = false) {
        self.folder = Self.normalized(folder)
        self.home = Self.normalized(home)
        self.rules = rules
        self.recursive = recursive
        marked = attached
        initiallyMarked = Set(attached.map(\.path))
        listing = FilteredListing(showHidden: showHidden)
        request = ListingRequest(id: 1, folder: self.folder, showHidden: showHidden, recursive: recursive)
    }

    public var filter: String { listing.query.text }
    public var showHidden: Bool { listing.showHidden }
    public var entries: [FileEntry] { listing.entries }

    public var highlighted: FileEntry? {
        listing.visible.indices.contains(selection) ? listing[selection] : nil
    }

    public func isMarked(_ path: String) -> Bool { marked.contains { $0.path == path } }

    /// What choosing `entry` would meet; nil for a folder.
    public func verdict(for entry: FileEntry) -> AttachmentVerdict? {
        let name = String(entry.fileName)
        switch entry.kind {
        case .folder: return nil
        case .special: return .refused("\(name) is not a regular file")
        case .file: break
        }
        let preview = self.preview.flatMap { $0.path == entry.path ? $0 : nil }
        if let problem = preview?.problem { return .refused("cannot read \(name): \(problem)") }
        guard entry.readable else { return .refused("cannot read \(name)") }
        return rules.verdict(name: name, type: knownType(of: entry), size: preview?.size ?? (entry.detailsKnown ? entry.size : nil))
    }

    public func verdict(for file: MarkedFile) -> AttachmentVerdict {
        rules.verdict(name: file.name, type: file.type, size: file.size)
    }

    /// From the preview once read, else from the name.
    public func knownType(of entry: FileEntry) -> FileType? {
        if let preview, preview.path == entry.path, preview.problem == nil { return preview.type }
        return FileType.byName(entry.fileName)
    }

    static func normalized(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        return standard.count > 1 && standard.hasSuffix("/") ? String(standard.dropLast()) : standard
    }
}

/// What the app must do after the picker handled a key or a result.
public enum FilePickerCommand: Sendable, Equatable {
    case none
    /// Start this listing, stopping the previous one.
    case list(ListingRequest)
    /// Load the preview of this file (`FilePreview.load`).
    case preview(URL)
    /// Make these the draft's attachments (the draft's earlier ones that stayed marked
    /// included) and close the picker.
    case attach([URL])
    case close
}
