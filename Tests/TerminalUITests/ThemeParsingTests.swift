import Testing
@testable import TerminalUI

@Suite("Theme files")
struct ThemeParsingTests {
    func parse(_ text: String) throws(ThemeError) -> ThemeDefinition {
        try ThemeDefinition.parse(text, name: "mine", file: "themes/mine.json")
    }

    func error(_ text: String) -> ThemeError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsRolesColoursAndOverrides() throws {
        let theme = try parse("""
        {
          "description": "Mine",
          "inherits": "default",
          "roles": {
            "border": { "fg": "bright-blue", "bg": 236, "bold": true, "italic": false },
            "list.selected": { "fg": "#ff0000", "reverse": true, "basic": { "fg": "red" }, "mono": { "underline": true } },
            "message": { "dim": true, "fg": "default" }
          }
        }
        """)
        #expect(theme.name == "mine")
        #expect(theme.description == "Mine")
        #expect(theme.inherits == "default")
        #expect(theme.entries[.border] == ThemeEntry(style: PartialStyle(foreground: .indexed(12), background: .indexed(236), bold: true, italic: false)))
        #expect(theme.entries[.listSelected] == ThemeEntry(style: PartialStyle(foreground: .indexed(196), reverse: true),
                                                           basic: PartialStyle(foreground: .indexed(1)), mono: PartialStyle(underline: true)))
        #expect(theme.entries["message"] == ThemeEntry(style: PartialStyle(foreground: .terminalDefault, dim: true)))
    }

    @Test(arguments: [("#000000", 16), ("#ffffff", 231), ("#ff0000", 196), ("#808080", 244), ("#5f87af", 67), ("#0a0a0a", 232), ("#FFD787", 222)])
    func hexColoursBecomeTheNearestPaletteColour(_ hex: String, _ index: Int) {
        #expect(ThemeColorName.color(named: hex) == .indexed(UInt8(index)))
    }

    @Test func syntaxErrorsNameTheFileLineAndColumn() {
        let failure = error("{\n  \"roles\": {\n    \"border\": { \"fg\": blue }\n  }\n}")
        #expect(failure == .syntax(file: "themes/mine.json", line: 3, column: 23, message: "expected a value (a string, number, object, true, false or null)"))
        #expect(failure?.description == "themes/mine.json:3:23: expected a value (a string, number, object, true, false or null).")
        #expect(error("{\"roles\": {}") == .syntax(file: "themes/mine.json", line: 1, column: 13, message: "the file ends inside an object: a '}' is missing"))
        #expect(error("{\"roles\": {} \"x\": 1}")?.description == "themes/mine.json:1:14: expected ',' or '}' after the value of 'roles'.")
        #expect(error("[]")?.description == "themes/mine.json:1: 'theme' must be a JSON object, not an array.")
        #expect(error("")?.description == "themes/mine.json:1:1: the file ends where a value should be.")
    }

    @Test func unknownRolesAreErrorsWithASuggestion() {
        let failure = error("{\n\"roles\": {\n\"list.selcted\": {}\n}}")
        #expect(failure == .unknownRole(file: "themes/mine.json", line: 3, role: "list.selcted", suggestion: "list.selected"))
        #expect(failure?.description == "themes/mine.json:3: unknown role 'list.selcted' (did you mean 'list.selected'?); the roles are listed in docs/themes.md.")
    }

    @Test func unknownColoursAreErrorsWithASuggestion() {
        let failure = error("{\"roles\": {\"border\": {\"fg\": \"grean\"}}}")
        #expect(failure?.description == "themes/mine.json:1: role 'border': 'fg' has an unknown colour 'grean' (did you mean 'green'?): use default, a name such as 'blue' or 'bright-blue', an index 0-255 or '#rrggbb'.")
        #expect(error("{\"roles\": {\"border\": {\"bg\": 300}}}")?.description == "themes/mine.json:1: role 'border': 'bg' is 300: a colour index is a whole number from 0 to 255.")
        #expect(error("{\"roles\": {\"border\": {\"bg\": 1.5}}}") != nil)
        #expect(error("{\"roles\": {\"border\": {\"bg\": \"#12345\"}}}") != nil)
        #expect(error("{\"roles\": {\"border\": {\"fg\": true}}}")?.description == "themes/mine.json:1: role 'border': 'fg' must be a colour name, an index 0-255 or '#rrggbb', not true or false.")
    }

    @Test func wrongKeysAndTypesAreErrors() {
        #expect(error("{\"roles\": {\"border\": {\"bolt\": true}}}")?.description
            == "themes/mine.json:1: role 'border': unknown key 'bolt' (did you mean 'bold'?); the keys are fg, bg, bold, italic, underline, dim, reverse, basic and mono.")
        #expect(error("{\"roles\": {\"border\": {\"basic\": {\"bg\": 1, \"blod\": true}}}}")
            == .unknownKey(file: "themes/mine.json", line: 1, role: "border", key: "basic.blod", suggestion: "basic.bold"))
        #expect(error("{\"role\": {}}")?.description
            == "themes/mine.json:1: unknown key 'role' (did you mean 'roles'?); the keys are 'description', 'inherits' and 'roles'.")
        #expect(error("{\"roles\": {\"border\": {\"bold\": \"yes\"}}}")?.description == "themes/mine.json:1: role 'border': 'bold' must be true or false, not a string.")
        #expect(error("{\"roles\": []}")?.description == "themes/mine.json:1: 'roles' must be an object of roles, not an array.")
        #expect(error("{\"roles\": {\"border\": \"blue\"}}") != nil)
        #expect(error("{\"inherits\": 3}")?.description == "themes/mine.json:1: 'inherits' must be a string, not a number.")
        #expect(error("{\n\"roles\": {},\n\"roles\": {}}")?.description.hasPrefix("themes/mine.json:3:") == true)
    }

    @Test func jsonStringsAndEscapes() throws {
        let theme = try parse(#"{"description": "tab\there \u00e9 \ud83d\ude42 \"q\" \/"}"#)
        #expect(theme.description == "tab\there é 🙂 \"q\" /")
        #expect(error("{\"description\": \"a\nb\"}") != nil)
        #expect(error(#"{"description": "\x"}"#) != nil)
    }
}
