#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds theme files, reads them and resolves `inherits`: the one place the module reads files.
///
/// The caller chooses where to look: typically `$XDG_CONFIG_HOME/poe-tui/themes`, then the
/// installed `share/poe-tui/themes`. `default` is compiled in, so it is found even when nothing
/// is installed. A theme that inherits its own name (a `default.json` in the config folder that
/// tweaks the default) inherits the next theme of that name in the search order.
public enum ThemeLoader {
    /// Loads the theme called `name` (`<name>.json` in the first of `searchPaths` that has it),
    /// with everything it inherits merged in.
    public static func load(name: String, searchPaths: [URL]) throws(ThemeError) -> ThemeDefinition {
        try validate(name)
        guard let source = candidates(for: name, searchPaths: searchPaths).first else {
            throw .notFound(name: name, searched: searchPaths.map(\.path))
        }
        return try resolve(source, searchPaths: searchPaths)
    }

    /// Loads the theme file at `url` (a path given on the command line); what it inherits is
    /// looked up in `searchPaths`.
    public static func load(file url: URL, searchPaths: [URL]) throws(ThemeError) -> ThemeDefinition {
        let name = url.deletingPathExtension().lastPathComponent
        return try resolve(.file(url, name: name), searchPaths: searchPaths)
    }

    /// Where a theme's text comes from.
    enum Source: Equatable {
        case file(URL, name: String)
        case builtIn

        var name: String {
            switch self {
            case .file(_, let name): return name
            case .builtIn: return "default"
            }
        }
    }

    /// Every source of the theme `name`, in search order, the compiled-in default last.
    static func candidates(for name: String, searchPaths: [URL]) -> [Source] {
        var result: [Source] = searchPaths.compactMap { folder in
            let url = folder.appendingPathComponent("\(name).json")
            return FileManager.default.fileExists(atPath: url.path) ? .file(url, name: name) : nil
        }
        if name == "default" { result.append(.builtIn) }
        return result
    }

    private static func resolve(_ first: Source, searchPaths: [URL]) throws(ThemeError) -> ThemeDefinition {
        var chain: [ThemeDefinition] = []
        var names: [String] = []
        var source = first
        while true {
            let definition = try read(source)
            chain.append(definition)
            names.append(source.name)
            guard let parentName = definition.inherits else { break }
            try validate(parentName)
            let found = candidates(for: parentName, searchPaths: searchPaths)
            if parentName == source.name {
                // Inheriting one's own name means the next theme of that name.
                guard let index = found.firstIndex(of: source), index + 1 < found.count else {
                    throw .inheritanceCycle(names + [parentName])
                }
                source = found[index + 1]
            } else {
                guard !names.contains(parentName) else { throw .inheritanceCycle(names + [parentName]) }
                guard let next = found.first else { throw .notFound(name: parentName, searched: searchPaths.map(\.path)) }
                source = next
            }
        }
        var merged = chain.removeLast()
        while let child = chain.popLast() { merged = child.inheriting(from: merged) }
        return merged
    }

    private static func read(_ source: Source) throws(ThemeError) -> ThemeDefinition {
        switch source {
        case .builtIn:
            return DefaultTheme.definition
        case .file(let url, let name):
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .unreadable(file: url.path, reason: whyUnreadable(url.path))
            }
            return try ThemeDefinition.parse(String(decoding: data, as: UTF8.self), name: name, file: url.path)
        }
    }

    /// Foundation's own errors spell out domains and codes; these say what to check.
    private static func whyUnreadable(_ path: String) -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "no such file" }
        return (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil ? "it is a folder" : "permission denied"
    }

    /// A name must not be a path: `inherits: "../../x"` must not reach outside the folders.
    private static func validate(_ name: String) throws(ThemeError) {
        let allowed = name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
        guard !name.isEmpty, !name.hasPrefix("."), allowed else { throw .invalidName(name) }
    }
}
