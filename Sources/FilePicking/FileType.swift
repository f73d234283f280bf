/// What a file holds, in the terms a bot's catalog entry uses.
public enum Modality: String, Sendable, Hashable, CaseIterable {
    case text, image, audio, video, file
}

/// A file's type as the picker shows it ("PNG image"), the modality a bot must take for it and
/// the content type an upload is sent with.
public struct FileType: Sendable, Hashable {
    public var name: String
    public var modality: Modality
    public var mimeType: String

    public init(_ name: String, _ modality: Modality, _ mimeType: String) {
        self.name = name
        self.modality = modality
        self.mimeType = mimeType
    }

    public static let text = FileType("UTF-8 text", .text, "text/plain")
    public static let binary = FileType("binary", .file, "application/octet-stream")
    public static let empty = FileType("empty file", .text, "text/plain")

    public static let png = FileType("PNG image", .image, "image/png")
    public static let jpeg = FileType("JPEG image", .image, "image/jpeg")
    public static let gif = FileType("GIF image", .image, "image/gif")
    public static let webp = FileType("WebP image", .image, "image/webp")
    public static let bmp = FileType("BMP image", .image, "image/bmp")
    public static let tiff = FileType("TIFF image", .image, "image/tiff")
    public static let heic = FileType("HEIC image", .image, "image/heic")
    public static let avif = FileType("AVIF image", .image, "image/avif")

    public static let pdf = FileType("PDF document", .file, "application/pdf")
    public static let zip = FileType("ZIP archive", .file, "application/zip")
    public static let gzip = FileType("gzip archive", .file, "application/gzip")
    public static let bzip2 = FileType("bzip2 archive", .file, "application/x-bzip2")
    public static let xz = FileType("xz archive", .file, "application/x-xz")
    public static let sevenZip = FileType("7-Zip archive", .file, "application/x-7z-compressed")
    public static let elf = FileType("ELF executable", .file, "application/x-executable")
    public static let sqlite = FileType("SQLite database", .file, "application/vnd.sqlite3")

    public static let mp3 = FileType("MP3 audio", .audio, "audio/mpeg")
    public static let wav = FileType("WAV audio", .audio, "audio/wav")
    public static let ogg = FileType("Ogg audio", .audio, "audio/ogg")
    public static let flac = FileType("FLAC audio", .audio, "audio/flac")
    public static let m4a = FileType("MPEG-4 audio", .audio, "audio/mp4")

    public static let mp4 = FileType("MPEG-4 video", .video, "video/mp4")
    public static let quickTime = FileType("QuickTime video", .video, "video/quicktime")
    public static let matroska = FileType("Matroska video", .video, "video/x-matroska")
    public static let webm = FileType("WebM video", .video, "video/webm")
    public static let avi = FileType("AVI video", .video, "video/x-msvideo")

    /// The type a file's name suggests, from its extension; nil when the name says nothing.
    public static func byName<Name: StringProtocol>(_ name: Name) -> FileType? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return byExtension[name[name.index(after: dot)...].lowercased()]
    }

    static let byExtension: [String: FileType] = {
        var table: [String: FileType] = [
            "png": .png, "jpg": .jpeg, "jpeg": .jpeg, "gif": .gif, "webp": .webp, "bmp": .bmp,
            "tif": .tiff, "tiff": .tiff, "heic": .heic, "avif": .avif,
            "pdf": .pdf, "zip": .zip, "gz": .gzip, "tgz": .gzip, "bz2": .bzip2, "xz": .xz, "7z": .sevenZip,
            "sqlite": .sqlite, "db": .sqlite,
            "mp3": .mp3, "wav": .wav, "ogg": .ogg, "oga": .ogg, "opus": .ogg, "flac": .flac, "m4a": .m4a,
            "aac": FileType("AAC audio", .audio, "audio/aac"),
            "mp4": .mp4, "m4v": .mp4, "mov": .quickTime, "mkv": .matroska, "webm": .webm, "avi": .avi,
            "docx": FileType("Word document", .file, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "xlsx": FileType("Excel workbook", .file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pptx": FileType("PowerPoint presentation", .file, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            "odt": FileType("OpenDocument text", .file, "application/vnd.oasis.opendocument.text"),
            "epub": FileType("EPUB book", .file, "application/epub+zip"),
            "jar": FileType("Java archive", .file, "application/java-archive"),
            "md": FileType("Markdown text", .text, "text/markdown"),
            "markdown": FileType("Markdown text", .text, "text/markdown"),
            "json": FileType("JSON text", .text, "application/json"),
            "csv": FileType("CSV text", .text, "text/csv"),
            "tsv": FileType("TSV text", .text, "text/tab-separated-values"),
            "html": FileType("HTML text", .text, "text/html"), "htm": FileType("HTML text", .text, "text/html"),
            "xml": FileType("XML text", .text, "application/xml"),
            "svg": FileType("SVG text", .text, "image/svg+xml"),
        ]
        for plain in ["txt", "text", "log", "yaml", "yml", "toml", "ini", "cfg", "conf", "swift", "py", "js", "ts",
                      "c", "h", "cpp", "hpp", "rs", "go", "java", "kt", "rb", "sh", "css", "sql", "tex"] {
            table[plain] = FileType("UTF-8 text", .text, "text/plain")
        }
        return table
    }()

    /// The ZIP-based formats, whose content sniffs as a plain ZIP archive: the name tells more.
    static let zipBased: Set<String> = ["docx", "xlsx", "pptx", "odt", "epub", "jar"]
}
