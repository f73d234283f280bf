extension ThemeDefinition {
    /// Reads a theme file's text, strictly: unknown keys, roles and colours are errors naming
    /// `file`, the line and the role.
    ///
    /// ```json
    /// { "description": "…", "inherits": "default",
    ///   "roles": { "border.focused": { "fg": 75, "bold": true, "basic": { "fg": "cyan" } } } }
    /// ```
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> ThemeDefinition {
        let root: JSONValue
        do {
            root = try JSONReader.parse(text)
        } catch {
            throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
        }
        guard case .object(let members) = root else {
            throw .invalidValue(file: file, line: 1, role: nil, key: "theme", reason: "must be a JSON object, not \(root.kind)")
        }
        var definition = ThemeDefinition(name: name)
        for member in members {
            switch member.key {
            case "description":
                definition.description = try string(member, file: file)
            case "inherits":
                definition.inherits = try string(member, file: file)
            case "roles":
                guard case .object(let roles) = member.value else {
                    throw .invalidValue(file: file, line: member.line, role: nil, key: "roles", reason: "must be an object of roles, not \(member.value.kind)")
                }
                for role in roles {
                    let themeRole = ThemeRole(role.key)
                    guard themeRole.isKnown else {
                        let names = ThemeRole.settable.map(\.name)
                        throw .unknownRole(file: file, line: role.line, role: role.key, suggestion: ClosestName.suggestion(for: role.key, among: names))
                    }
                    definition.entries[themeRole] = try entry(role, file: file)
                }
            default:
                let suggestion = ClosestName.suggestion(for: member.key, among: ["description", "inherits", "roles"])
                throw .unknownKey(file: file, line: member.line, role: nil, key: member.key, suggestion: suggestion)
            }
        }
        return definition
    }

    private static func string(_ member: JSONMember, file: String) throws(ThemeError) -> String {
        guard case .string(let value) = member.value else {
            throw .invalidValue(file: file, line: member.line, role: nil, key: member.key, reason: "must be a string, not \(member.value.kind)")
        }
        return value
    }

    private static let styleKeys = ["fg", "bg", "bold", "italic", "underline", "dim", "reverse"]

    private static func entry(_ role: JSONMember, file: String) throws(ThemeError) -> ThemeEntry {
        guard case .object(let members) = role.value else {
            throw .invalidValue(file: file, line: role.line, role: role.key, key: role.key, reason: "must be an object such as { \"fg\": \"blue\", \"bold\": true }, not \(role.value.kind)")
        }
        var entry = ThemeEntry()
        for member in members {
            switch member.key {
            case "basic", "mono":
                guard case .object(let fields) = member.value else {
                    throw .invalidValue(file: file, line: member.line, role: role.key, key: member.key, reason: "must be an object of style fields, not \(member.value.kind)")
                }
                var style = PartialStyle()
                for field in fields {
                    guard styleKeys.contains(field.key) else {
                        throw .unknownKey(file: file, line: field.line, role: role.key, key: "\(member.key).\(field.key)", suggestion: ClosestName.suggestion(for: field.key, among: styleKeys).map { "\(member.key).\($0)" })
                    }
                    try set(field, in: &style, role: role.key, file: file)
                }
                if member.key == "basic" { entry.basic = style } else { entry.mono = style }
            default:
                guard styleKeys.contains(member.key) else {
                    throw .unknownKey(file: file, line: member.line, role: role.key, key: member.key, suggestion: ClosestName.suggestion(for: member.key, among: styleKeys + ["basic", "mono"]))
                }
                try set(member, in: &entry.style, role: role.key, file: file)
            }
        }
        return entry
    }

    private static func set(_ field: JSONMember, in style: inout PartialStyle, role: String, file: String) throws(ThemeError) {
        switch field.key {
        case "fg": style.foreground = try color(field, role: role, file: file)
        case "bg": style.background = try color(field, role: role, file: file)
        default:
            guard case .bool(let flag) = field.value else {
                throw .invalidValue(file: file, line: field.line, role: role, key: field.key, reason: "must be true or false, not \(field.value.kind)")
            }
            switch field.key {
            case "bold": style.bold = flag
            case "italic": style.italic = flag
            case "underline": style.underline = flag
            case "dim": style.dim = flag
            default: style.reverse = flag
            }
        }
    }

    private static func color(_ field: JSONMember, role: String, file: String) throws(ThemeError) -> TerminalColor {
        switch field.value {
        case .number(let text):
            guard let index = UInt8(text) else {
                throw .invalidValue(file: file, line: field.line, role: role, key: field.key, reason: "is \(text): a colour index is a whole number from 0 to 255")
            }
            return .indexed(index)
        case .string(let name):
            if let color = ThemeColorName.color(named: name) { return color }
            let hint = ClosestName.suggestion(for: name, among: ["default"] + ThemeColorName.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw .invalidValue(file: file, line: field.line, role: role, key: field.key,
                                reason: "has an unknown colour '\(name)'\(hint): use default, a name such as 'blue' or 'bright-blue', an index 0-255 or '#rrggbb'")
        default:
            throw .invalidValue(file: file, line: field.line, role: role, key: field.key, reason: "must be a colour name, an index 0-255 or '#rrggbb', not \(field.value.kind)")
        }
    }
}
