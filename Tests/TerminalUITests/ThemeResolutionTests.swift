import Testing
@testable import TerminalUI

@Suite("Theme resolution")
struct ThemeResolutionTests {
    let definition = try! ThemeDefinition.parse("""
    {
      "roles": {
        "text": { "fg": 252 },
        "message": { "bg": 235 },
        "message.user": { "italic": true },
        "message.user.name": { "fg": 114, "bold": true, "basic": { "fg": "green" } },
        "list.selected": { "fg": 231, "bg": 24, "bold": true, "basic": { "bg": "blue" }, "mono": { "reverse": true } },
        "border": { "fg": 196 },
        "status.error": { "fg": "bright-red", "underline": true }
      }
    }
    """, name: "test", file: "test.json")

    @Test func rolesTakeUnsetFieldsFromTheirParents() {
        let theme = Theme(definition, colors: .colors256)
        #expect(theme[.messageUserName] == Style(foreground: .indexed(114), background: .indexed(235), attributes: [.bold, .italic]))
        #expect(theme[.messageUser] == Style(foreground: .indexed(252), background: .indexed(235), attributes: .italic))
        #expect(theme[.messageTime] == Style(foreground: .indexed(252), background: .indexed(235)))
        #expect(theme[.text] == Style(foreground: .indexed(252)))
        #expect(theme[.overlaySelected] == theme[.text], "a role no theme sets falls back to text")
        #expect(theme["message.user.avatar"] == theme[.messageUser], "a role the theme was not resolved with still falls back")
    }

    @Test func eightColoursUseBasicOverridesThenTheNearestColour() {
        let theme = Theme(definition, colors: .colors8)
        #expect(theme[.messageUserName].foreground == .indexed(2), "the basic override")
        #expect(theme[.listSelected] == Style(foreground: .indexed(7), background: .indexed(4), attributes: .bold))
        #expect(theme[.border].foreground == .indexed(1), "196 is nearest red")
        #expect(theme[.statusError].foreground == .indexed(1), "bright colours drop to their basic colour")
        #expect(theme[.text].foreground == .indexed(7))
        for role in ThemeRole.all {
            for color in [theme[role].foreground, theme[role].background] {
                if case .indexed(let index) = color { #expect(index < 8, "\(role)") }
            }
        }
    }

    @Test func noColorKeepsAttributesAndAppliesMonoOverrides() {
        let theme = Theme(definition, colors: .noColor)
        for role in ThemeRole.all {
            #expect(theme[role].foreground == .terminalDefault && theme[role].background == .terminalDefault, "\(role)")
        }
        #expect(theme[.listSelected].attributes == [.bold, .reverse], "a selection still shows")
        #expect(theme[.messageUserName].attributes == [.bold, .italic])
        #expect(theme[.statusError].attributes == .underline)
    }

    @Test func colourModeFromTheTerminal() {
        #expect(ColorMode(colorCount: 256, noColor: false) == .colors256)
        #expect(ColorMode(colorCount: 16_777_216, noColor: false) == .colors256)
        #expect(ColorMode(colorCount: 8, noColor: false) == .colors8)
        #expect(ColorMode(colorCount: 88, noColor: false) == .colors8)
        #expect(ColorMode(colorCount: 2, noColor: false) == .noColor)
        #expect(ColorMode(colorCount: 256, noColor: true) == .noColor)
    }

    @Test func roleNamesFormATree() {
        #expect(ThemeRole.messageUserName.parent == "message.user")
        #expect(ThemeRole("message").parent == .text)
        #expect(ThemeRole.text.parent == nil)
        #expect(ThemeRole("message").isKnown && ThemeRole("markdown.code").isKnown)
        #expect(!ThemeRole("message.usr").isKnown)
        #expect(Set(ThemeRole.all).count == ThemeRole.all.count)
    }

    @Test func inheritanceMergesFieldByField() {
        let parent = ThemeDefinition(name: "base", description: "Base", entries: [
            .listSelected: ThemeEntry(style: PartialStyle(foreground: .indexed(231), background: .indexed(24), bold: true), mono: PartialStyle(reverse: true)),
            .border: ThemeEntry(style: PartialStyle(foreground: .indexed(240))),
        ])
        let child = ThemeDefinition(name: "child", inherits: "base", entries: [
            .listSelected: ThemeEntry(style: PartialStyle(background: .indexed(153)), basic: PartialStyle(background: .indexed(4))),
        ])
        let merged = child.inheriting(from: parent)
        #expect(merged.name == "child" && merged.description == "Base" && merged.inherits == nil)
        #expect(merged.entries[.listSelected] == ThemeEntry(style: PartialStyle(foreground: .indexed(231), background: .indexed(153), bold: true),
                                                            basic: PartialStyle(background: .indexed(4)), mono: PartialStyle(reverse: true)))
        #expect(merged.entries[.border] == parent.entries[.border])
    }
}
