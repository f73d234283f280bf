/// A theme as written: what it says about each role, before it is resolved for a terminal.
public struct ThemeDefinition: Sendable, Hashable {
    /// The theme's name: its file name without `.json`.
    public var name: String
    public var description: String?
    /// The theme this one overrides, by name; nil once inheritance is resolved.
    public var inherits: String?
    public var entries: [ThemeRole: ThemeEntry]

    public init(name: String, description: String? = nil, inherits: String? = nil, entries: [ThemeRole: ThemeEntry] = [:]) {
        self.name = name
        self.description = description
        self.inherits = inherits
        self.entries = entries
    }

    /// This theme laid over `parent`: for each role, the fields this theme sets win, the rest
    /// come from `parent`. The result inherits what `parent` inherits.
    public func inheriting(from parent: ThemeDefinition) -> ThemeDefinition {
        var merged = parent.entries
        for (role, entry) in entries { merged[role] = (merged[role] ?? ThemeEntry()).overlaid(by: entry) }
        return ThemeDefinition(name: name, description: description ?? parent.description, inherits: parent.inherits, entries: merged)
    }
}
