/// A theme resolved for one terminal: every role's finished `Style`, looked up by views.
///
/// Resolution, for each role from `text` down its dotted name: the role's own fields in this
/// colour mode, laid over what its parent resolved to. In `colors8` a role's fields are its
/// style with its `basic` override laid over, and any colour still outside the basic eight goes
/// to the nearest one; in `noColor` they are its style with its `mono` override, and every
/// colour is the terminal's default.
public struct Theme: Sendable {
    public let name: String
    public let colors: ColorMode
    private var styles: [ThemeRole: Style] = [:]
    private let definition: ThemeDefinition

    public init(_ definition: ThemeDefinition, colors: ColorMode) {
        name = definition.name
        self.colors = colors
        self.definition = definition
        for role in ThemeRole.settable.union(definition.entries.keys) { styles[role] = resolve(role) }
    }

    /// The style for `role`; a role the theme was not resolved with falls back along its name.
    public func style(for role: ThemeRole) -> Style { styles[role] ?? resolve(role) }

    public subscript(role: ThemeRole) -> Style { style(for: role) }

    /// The compiled-in default theme, for when no theme file can be read.
    public static func builtInDefault(colors: ColorMode) -> Theme { Theme(DefaultTheme.definition, colors: colors) }

    private func resolve(_ role: ThemeRole) -> Style {
        let base = role.parent.map { styles[$0] ?? resolve($0) } ?? .plain
        guard let entry = definition.entries[role] else { return base }
        switch colors {
        case .colors256:
            return entry.style.applied(to: base)
        case .colors8:
            return entry.style.overlaid(by: entry.basic).mappingColors(\.basic).applied(to: base)
        case .noColor:
            var style = entry.style.overlaid(by: entry.mono).applied(to: base)
            style.foreground = .terminalDefault
            style.background = .terminalDefault
            return style
        }
    }
}
