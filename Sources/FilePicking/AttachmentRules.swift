import JSONValues
/// Whether the current bot can take a file: its catalog input modalities and the upload cap.
public struct AttachmentRules: Sendable, Equatable {
    public var bot: String
    /// The catalog's `input_modalities` ("text", "image", "audio", "video", "file"); empty when
    /// unknown (no catalog yet, or a bot it does not list), which allows everything: Poe is the
    /// judge then.
    public var inputs: [String]
    /// The largest upload accepted, in bytes; nil for no known cap.
    public var uploadLimit: Int64?

    public init(bot: String, inputs: [String] = [], uploadLimit: Int64? = nil) {
        self.bot = bot
        self.inputs = inputs
        self.uploadLimit = uploadLimit
    }

    /// What attaching a file of `type` and `size` named `name` would meet. A nil `type` or
    /// `size` (not known yet) passes that check.
    public func verdict(name: String, type: FileType?, size: Int64?) -> AttachmentVerdict {
        if let uploadLimit, let size, size > uploadLimit {
            var sizes = (ByteSize.format(size), ByteSize.format(uploadLimit))
            if sizes.0 == sizes.1 { sizes = (ByteSize.exact(size), ByteSize.exact(uploadLimit)) }
            return .refused("\(name) is \(sizes.0); the upload limit is \(sizes.1)")
        }
        guard let type, !supports(type.modality) else { return .accepted }
        return .unsupported("\(bot) takes \(Self.list(inputs)); this is \(Self.noun(for: type))")
    }

    /// A bot that takes `file` takes any file; otherwise the modality must be listed.
    public func supports(_ modality: Modality) -> Bool {
        let taken = Set(inputs.map { $0.lowercased() })
        return taken.isEmpty || taken.contains("file") || taken.contains(modality.rawValue)
    }

    /// "text and images", "text, images and audio".
    static func list(_ inputs: [String]) -> String {
        let words = inputs.map { input -> String in
            switch input.lowercased() {
            case "image": return "images"
            case "video": return "videos"
            case "file": return "files"
            default: return input.lowercased()
            }
        }
        guard words.count > 1 else { return words.first ?? "nothing" }
        return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    static func noun(for type: FileType) -> String {
        switch type.modality {
        case .text: return "text"
        case .image: return "an image"
        case .audio: return "audio"
        case .video: return "a video"
        case .file: return type == .binary ? "a binary file" : "a file (\(type.name))"
        }
    }
}

/// What the picker does with a file for the current bot.
public enum AttachmentVerdict: Sendable, Hashable {
    case accepted
    /// The bot does not list the file's modality: shown dimmed with the reason, attached only
    /// after a confirmation.
    case unsupported(String)
    /// Never attached (over the upload cap, unreadable, not a regular file); the reason says why.
    case refused(String)

    public var reason: String? {
        switch self {
        case .accepted: return nil
        case .unsupported(let reason), .refused(let reason): return reason
        }
    }
}
