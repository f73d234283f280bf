import Foundation
import PoeAPI

/// File-system answers for `@path` in the input: completing a path as a shell does, and
/// deciding which mentions name files. Paths are as typed: `~` is home, relative paths start
/// at the working folder poe-tui was started in.
enum PathCompletion {
    static func expand(_ path: String) -> String {
        if path == "~" || path.hasPrefix("~/") {
            return XDGDirectories().home.path + path.dropFirst()
        }
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The longest completion of `token` and the matching names (folders end in `/`).
    static func complete(_ token: String) -> (completion: String, choices: [String]) {
        let slash = token.lastIndex(of: "/")
        let folderPart = slash.map { String(token[...$0]) } ?? ""
        let namePart = slash.map { String(token[token.index(after: $0)...]) } ?? token
        let folder = expand(folderPart.isEmpty ? "." : folderPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return (token, []) }
        let matches = names
            .filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name -> String in
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isFolder)
                return isFolder.boolValue ? name + "/" : name
            }
        guard let first = matches.first else { return (token, []) }
        let common = matches.dropFirst().reduce(first) { prefix, name in String(prefix.commonPrefix(with: name)) }
        return (folderPart + common, matches)
    }

    /// Whether `token` names an existing regular file (not a folder).
    static func namesFile(_ token: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: expand(token), isDirectory: &isFolder) && !isFolder.boolValue
    }
}
