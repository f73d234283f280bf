import PoeAPI

/// Turns a file name a bot sent (untrusted: a bot may send `../../.bashrc`, `/etc/passwd`, an
/// escape sequence that retitles the terminal) into one that is safe to create in a folder.
///
/// The result is one plain name: no folders (`/` and `\` both split them), no `.`/`..`, no
/// control characters or escape sequences, no bidirectional overrides that could show
/// `gnp.exe` as `exe.png`, no leading dots (nothing hidden) or surrounding spaces, no trailing
/// dots; at most 255 bytes of UTF-8 (the usual file system limit), cut at a character boundary
/// with the extension kept. A name with nothing left becomes `file` plus the extension of the
/// content type (`file.png`).
public enum SafeFileName {
    /// The longest name most file systems take (`NAME_MAX`), in bytes.
    public static let maxBytes = 255
    /// An extension longer than this is part of the name, not something to keep when cutting.
    static let maxExtensionBytes = 16

    /// A safe name for a file a bot called `untrusted`, of type `contentType`.
    public static func make(from untrusted: String, contentType: String) -> String {
        let base = lastComponent(of: withoutControls(untrusted))
        let trimmed = trim(base)
        guard !trimmed.isEmpty else { return fallback(contentType) }
        let (stem, ext) = split(trimmed)
        return fit(stem: stem, extension: ext, suffix: "")
    }

    /// `name` with ` (n)` before its extension (`cat.png` → `cat (2).png`), still within
    /// `maxBytes`: the stem gives way, never the number or the extension.
    public static func numbered(_ name: String, _ number: Int) -> String {
        let (stem, ext) = split(name)
        return fit(stem: stem, extension: ext, suffix: " (\(number))")
    }

    /// `file`, with the content type's extension when it has a known one.
    static func fallback(_ contentType: String) -> String {
        MediaType.fileExtension(for: contentType).map { "file.\($0)" } ?? "file"
    }

    // MARK: Steps

    /// Drops escape sequences whole (CSI `ESC [ ... m`, OSC `ESC ] ... BEL`, two- and
    /// three-character ones), C0 and C1 controls, DEL, and invisible direction controls; line
    /// and tab characters become spaces, so `a\nb` stays two words.
    static func withoutControls(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x1B:
                index = afterEscape(scalars, from: index)
            case 0x9B:
                index = afterControlSequence(scalars, from: index)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                index = afterControlString(scalars, from: index)
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
                kept.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
                continue
            default:
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    /// Where the sequence that an ESC at `start - 1` began ends.
    private static func afterEscape(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        guard start < scalars.count else { return start }
        switch scalars[start] {
        case "[": return afterControlSequence(scalars, from: start + 1)
        case "]", "P", "X", "^", "_": return afterControlString(scalars, from: start + 1)
        default:
            // `ESC ( B` and the like: intermediates (space to `/`), then one final character.
            var index = start
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            if index < scalars.count, (0x30...0x7E).contains(scalars[index].value) { index += 1 }
            return index
        }
    }

    /// After a CSI's parameters and intermediates, and its final character (`@` to `~`).
    private static func afterControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, (0x20...0x3F).contains(scalars[index].value) { index += 1 }
        if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { index += 1 }
        return index
    }

    /// After an OSC, DCS or similar string: up to BEL, `ESC \` or ST (U+009C), or the end.
    private static func afterControlString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            index += 1
            if value == 0x07 || value == 0x9C { return index }
            if value == 0x1B {
                if index < scalars.count, scalars[index] == "\\" { index += 1 }
                return index
            }
        }
        return index
    }

    /// The last non-empty piece between `/` and `\` (a Windows path is a path too).
    static func lastComponent(of text: String) -> Substring {
        text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
    }

    /// Without surrounding white space, leading dots and trailing dots, until none is left:
    /// `. .bashrc. ` is `bashrc`, and `.`, `..`, `...` are nothing.
    static func trim(_ text: Substring) -> String {
        var rest = text
        while let first = rest.first, first == "." || first.isWhitespace { rest = rest.dropFirst() }
        while let last = rest.last, last == "." || last.isWhitespace { rest = rest.dropLast() }
        return String(rest)
    }

    /// The name before its last dot and the extension after it, when there is a name before it
    /// and the extension is short and plain (`a.tar.gz` → `a.tar`, `gz`).
    static func split(_ name: String) -> (stem: String, extension: String?) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, nil) }
        let ext = name[name.index(after: dot)...]
        guard !ext.isEmpty, ext.utf8.count <= maxExtensionBytes, !ext.contains(where: \.isWhitespace) else { return (name, nil) }
        return (String(name[..<dot]), String(ext))
    }

    /// `stem + suffix + "." + ext`, the stem cut (at a character boundary, and trimmed again)
    /// until the whole is at most `maxBytes` bytes.
    static func fit(stem: String, extension ext: String?, suffix: String) -> String {
        let tail = suffix + (ext.map { "." + $0 } ?? "")
        let room = maxBytes - tail.utf8.count
        var cut = Substring(stem)
        var bytes = cut.utf8.count
        while bytes > room, let last = cut.last {
            bytes -= last.utf8.count
            cut = cut.dropLast()
        }
        if cut.count < stem.count {
            // A cut may leave a trailing space or dot before the suffix.
            while let last = cut.last, last == "." || last.isWhitespace { cut = cut.dropLast() }
        }
        return String(cut) + tail
    }
}
