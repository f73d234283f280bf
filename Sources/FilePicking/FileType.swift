/// What a file holds, in the terms a bot's catalog entry uses.
public enum Modality: String, Sendable, Hashable, CaseIterable {
    case text, image, audio, video, file
}

/// A file's type as the picker shows it ("PNG image") and the modality a bot must take for it.
/// (An upload's content type comes from its name: `MediaType.guess` in PoeAPI.)
public struct FileType: Sendable, Hashable {
    public var name: String
    public var modality: Modality

    public init(_ name: String, _ modality: Modality) {
        self.name = name
        self.modality = modality
    }

    public static let text = FileType("UTF-8 text", .text)
    public static let binary = FileType("binary", .file)
    public static let empty = FileType("empty file", .text)

    public static let png = FileType("PNG image", .image)
    public static let jpeg = FileType("JPEG image", .image)
    public static let gif = FileType("GIF image", .image)
    public static let webp = FileType("WebP image", .image)
    public static let bmp = FileType("BMP image", .image)
    public static let tiff = FileType("TIFF image", .image)
    public static let heic = FileType("HEIC image", .image)
    public static let avif = FileType("AVIF image", .image)

    public static let pdf = FileType("PDF document", .file)
    public static let zip = FileType("ZIP archive", .file)
    public static let gzip = FileType("gzip archive", .file)
    public static let bzip2 = FileType("bzip2 archive", .file)
    public static let xz = FileType("xz archive", .file)
    public static let sevenZip = FileType("7-Zip archive", .file)
    public static let elf = FileType("ELF executable", .file)
    public static let sqlite = FileType("SQLite database", .file)

    public static let mp3 = FileType("MP3 audio", .audio)
    public static let wav = FileType("WAV audio", .audio)
    public static let ogg = FileType("Ogg audio", .audio)
    public static let flac = FileType("FLAC audio", .audio)
    public static let m4a = FileType("MPEG-4 audio", .audio)

    public static let mp4 = FileType("MPEG-4 video", .video)
    public static let quickTime = FileType("QuickTime video", .video)
    public static let matroska = FileType("Matroska video", .video)
    public static let webm = FileType("WebM video", .video)
    public static let avi = FileType("AVI video", .video)

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
            "aac": FileType("AAC audio", .audio),
            "mp4": .mp4, "m4v": .mp4, "mov": .quickTime, "mkv": .matroska, "webm": .webm, "avi": .avi,
            "docx": FileType("Word document", .file),
            "xlsx": FileType("Excel workbook", .file),
            "pptx": FileType("PowerPoint presentation", .file),
            "odt": FileType("OpenDocument text", .file),
            "epub": FileType("EPUB book", .file),
            "jar": FileType("Java archive", .file),
            "md": FileType("Markdown text", .text),
            "markdown": FileType("Markdown text", .text),
            "json": FileType("JSON text", .text),
            "csv": FileType("CSV text", .text),
            "tsv": FileType("TSV text", .text),
            "html": FileType("HTML text", .text), "htm": FileType("HTML text", .text),
            "xml": FileType("XML text", .text),
            "svg": FileType("SVG text", .text),
        ]
        for plain in ["txt", "text", "log", "yaml", "yml", "toml", "ini", "cfg", "conf", "swift", "py", "js", "ts",
                      "c", "h", "cpp", "hpp", "rs", "go", "java", "kt", "rb", "sh", "css", "sql", "tex"] {
            table[plain] = FileType("UTF-8 text", .text)
        }
        return table
    }()

    /// The ZIP-based formats, whose content sniffs as a plain ZIP archive: the name tells more.
    static let zipBased: Set<String> = ["docx", "xlsx", "pptx", "odt", "epub", "jar"]
}
