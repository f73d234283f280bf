import Foundation
import TerminalUI
@testable import FilePicking

/// Builds pickers over made-up listings and types keys into them, in the reducer-table style:
/// `"rep<Down><Tab><Enter>"`.
enum PickerTesting {
    static let folder = "/data"
    static let home = "/home/me"

    /// A listing of `names` in `folder`: a trailing "/" makes a folder; sizes are 100 bytes
    /// unless given; names listed in `unreadable` cannot be read.
    static func entries(_ names: [String], in folder: String = folder, sizes: [String: Int64] = [:],
                        unreadable: Set<String> = []) -> [FileEntry] {
        names.map { name in
            let isFolder = name.hasSuffix("/")
            let plain = isFolder ? String(name.dropLast()) : name
            return FileEntry(name: plain, in: folder, kind: isFolder ? .folder : .file,
                             size: isFolder ? 0 : sizes[plain] ?? 100, readable: !unreadable.contains(plain))
        }
    }

    static func picker(_ names: [String], rules: AttachmentRules = AttachmentRules(bot: "Echo"), sizes: [String: Int64] = [:],
                       unreadable: Set<String> = [], attached: [FilePicker.MarkedFile] = []) -> FilePicker {
        var picker = FilePicker(folder: folder, home: home, rules: rules, attached: attached)
        _ = picker.receive(.entries(entries(names, sizes: sizes, unreadable: unreadable)), for: picker.request)
        _ = picker.receive(.finished(.complete), for: picker.request)
        return picker
    }

    /// Types `script` and returns the last key's command.
    @discardableResult
    static func type(_ script: String, into picker: inout FilePicker) -> FilePickerCommand {
        var command = FilePickerCommand.none
        for key in keys(script) { command = picker.handle(key) }
        return command
    }

    static func keys(_ script: String) -> [KeyPress] {
        let named: [String: KeyPress] = [
            "Up": KeyPress(.up), "Down": KeyPress(.down), "Left": KeyPress(.left), "Right": KeyPress(.right),
            "Enter": KeyPress(.enter), "Esc": KeyPress(.escape), "Tab": KeyPress(.tab), "S-Tab": KeyPress(.tab, .shift),
            "BS": KeyPress(.backspace), "Space": KeyPress(.character(" ")), "PgUp": KeyPress(.pageUp), "PgDn": KeyPress(.pageDown),
            "Home": KeyPress(.home), "End": KeyPress(.end), "C-r": .control("r"), "C-u": .control("u"), "C-o": .control("o"),
            "C-n": .control("n"), "C-p": .control("p"),
        ]
        var result: [KeyPress] = []
        var rest = script[...]
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">"), let key = named[String(rest[rest.index(after: rest.startIndex)..<close])] {
                result.append(key)
                rest = rest[rest.index(after: close)...]
            } else {
                result.append(KeyPress(.character(first)))
                rest = rest.dropFirst()
            }
        }
        return result
    }

    static func url(_ name: String, in folder: String = folder) -> URL { URL(fileURLWithPath: folder + "/" + name) }
}

extension FilePicker {
    /// The names shown, in order.
    var shown: [String] { (0..<listing.count).map { listing[$0].name } }
}
