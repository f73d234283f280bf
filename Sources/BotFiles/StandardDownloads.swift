import Foundation

extension DownloadFolder {
    /// The user's downloads folder, as desktop programs find it: `$XDG_DOWNLOAD_DIR` when set
    /// to an absolute path, else the `XDG_DOWNLOAD_DIR` line of `$XDG_CONFIG_HOME/user-dirs.dirs`
    /// (which `xdg-user-dirs` writes, often in the user's language: `~/Téléchargements`), else
    /// `~/Downloads`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> DownloadFolder {
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        if let path = environment["XDG_DOWNLOAD_DIR"], path.hasPrefix("/") { return DownloadFolder(path) }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        if let text = try? String(contentsOfFile: configHome + "/user-dirs.dirs", encoding: .utf8),
           let path = userDirectory("XDG_DOWNLOAD_DIR", in: text, home: home) {
            return DownloadFolder(path)
        }
        return DownloadFolder(home + "/Downloads")
    }

    /// A `NAME="$HOME/path"` or `NAME="/path"` line of `user-dirs.dirs`; other forms are not
    /// valid there and are ignored.
    static func userDirectory(_ name: String, in text: String, home: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(name + "=") else { continue }
            var value = trimmed.dropFirst(name.count + 1)
            guard value.count >= 2, value.first == "\"", value.last == "\"" else { continue }
            value = value.dropFirst().dropLast()
            if value == "$HOME" { return home }
            if value.hasPrefix("$HOME/") { return home + value.dropFirst("$HOME".count) }
            if value.hasPrefix("/") { return String(value) }
        }
        return nil
    }
}
