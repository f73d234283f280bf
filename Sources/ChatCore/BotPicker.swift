/// A bot as the picker lists it: from the catalog, or just a name (a favourite, a recent bot,
/// or one Poe has that the catalog does not list).
public struct BotEntry: Sendable, Hashable {
    public var id: String
    public var owner: String
    public var description: String
    public var inputs: [String]
    public var outputs: [String]

    public init(id: String, owner: String = "", description: String = "", inputs: [String] = [], outputs: [String] = []) {
        self.id = id
        self.owner = owner
        self.description = description
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// Ctrl-B: type to filter, Up/Down and Enter to choose; 1-9 pick a favourite while the filter is
/// empty; Enter on a filter that matches nothing uses the typed text as the bot's name, so a
/// catalog that cannot be fetched never stops anyone from chatting.
public struct BotPicker: Sendable, Equatable {
    public var filter = ""
    public var selection = 0

    public init() {}

    /// Favourites first, then bots used recently, then the catalog; filtered and ranked: a name
    /// that starts with the filter, then one that contains it, then a fuzzy (in-order letters)
    /// match of the name, then a match in the description.
    public static func candidates(filter: String, favourites: [String], recent: [String], catalog: [BotEntry]) -> [BotEntry] {
        var seen = Set<String>()
        var all: [BotEntry] = []
        let byID = Dictionary(catalog.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for name in favourites + recent {
            guard seen.insert(name.lowercased()).inserted else { continue }
            all.append(byID[name.lowercased()] ?? BotEntry(id: name))
        }
        for entry in catalog where seen.insert(entry.id.lowercased()).inserted { all.append(entry) }
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return all }
        let ranked = all.compactMap { entry -> (Int, BotEntry)? in
            let name = entry.id.lowercased()
            if name.hasPrefix(needle) { return (0, entry) }
            if name.contains(needle) { return (1, entry) }
            if isSubsequence(needle, of: name) { return (2, entry) }
            if entry.description.lowercased().contains(needle) { return (3, entry) }
            return nil
        }
        return ranked.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    static func isSubsequence(_ needle: String, of haystack: String) -> Bool {
        var rest = haystack[...]
        for character in needle {
            guard let index = rest.firstIndex(of: character) else { return false }
            rest = rest[rest.index(after: index)...]
        }
        return true
    }
}
