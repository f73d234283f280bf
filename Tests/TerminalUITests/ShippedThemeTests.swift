import Foundation
import Testing
@testable import TerminalUI

@Suite("Shipped themes")
struct ShippedThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    static let shipped = ["default", "light", "high-contrast"]

    @Test func theCompiledInDefaultIsDefaultJSON() throws {
        let file = try String(contentsOf: Self.themesFolder.appendingPathComponent("default.json"), encoding: .utf8)
        #expect(DefaultTheme.json + "\n" == file, "paste themes/default.json into DefaultTheme.swift")
    }

    @Test(arguments: shipped)
    func everyShippedThemeLoadsAndSetsOnlyKnownRoles(_ name: String) throws {
        let theme = try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder])
        #expect(theme.inherits == nil)
        #expect(theme.description?.isEmpty == false)
        #expect(theme.entries.keys.allSatisfy { $0.isKnown })
    }

    /// Text must stand out from what it is drawn on: a WCAG contrast ratio of at least 3 (7 for
    /// high-contrast), against the terminal's own colours where a role leaves them.
    @Test(arguments: shipped)
    func textIsReadableIn256Colours(_ name: String) throws {
        let theme = Theme(try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder]), colors: .colors256)
        let terminal = name == "light" ? Terminal.light : Terminal.dark
        let minimum = name == "high-contrast" ? 7.0 : 3.0
        for role in ThemeRole.all where !Self.decorative.contains(role) {
            let ratio = terminal.contrast(of: theme[role])
            #expect(ratio >= minimum, "\(name) \(role): contrast \(ratio)")
        }
    }

    /// On 8 colours nothing may vanish: no text in its background's colour, and none in the
    /// colour of the terminal's own background (black on dark themes, white on light).
    @Test(arguments: shipped)
    func nothingVanishesIn8Colours(_ name: String) throws {
        let theme = Theme(try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder]), colors: .colors8)
        let invisible: TerminalColor = name == "light" ? .indexed(7) : .indexed(0)
        for role in ThemeRole.all {
            let style = theme[role]
            if style.foreground != .terminalDefault { #expect(style.foreground != style.background, "\(name) \(role)") }
            if style.background == .terminalDefault { #expect(style.foreground != invisible, "\(name) \(role)") }
        }
    }

    /// The basic eight differ between terminals; judged with xterm's, text must still reach a
    /// contrast of 2.5, which rules out yellow or cyan on white and blue on black.
    @Test(arguments: shipped)
    func textIsReadableIn8Colours(_ name: String) throws {
        let theme = Theme(try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder]), colors: .colors8)
        let terminal = name == "light" ? Terminal.light : Terminal.dark
        for role in ThemeRole.all where !Self.decorative.contains(role) {
            let ratio = terminal.contrast(of: theme[role])
            #expect(ratio >= 2.5, "\(name) \(role): contrast \(ratio)")
        }
    }

    @Test(arguments: shipped)
    func selectionsShowWithoutColour(_ name: String) throws {
        let theme = Theme(try ThemeLoader.load(name: name, searchPaths: [Self.themesFolder]), colors: .noColor)
        for role in [ThemeRole.listSelected, .overlaySelected, .selection, .chipSelected, .newBelow, .statusBar] {
            #expect(theme[role].attributes.contains(.reverse), "\(name) \(role)")
        }
        #expect(theme[.text] == .plain)
    }

    /// Lines and bars, not text: they may be faint.
    static let decorative: Set<ThemeRole> = [.border, .scrollbar, .markdownRule, .markdownTableBorder]
}

/// A terminal's own colours and the xterm palette, to judge contrast as a user would see it.
struct Terminal {
    var foreground: (Double, Double, Double)
    var background: (Double, Double, Double)

    static let dark = Terminal(foreground: (208, 208, 208), background: (30, 30, 30))
    static let light = Terminal(foreground: (32, 32, 32), background: (255, 255, 255))

    func rgb(_ color: TerminalColor, isForeground: Bool) -> (Double, Double, Double) {
        guard case .indexed(let index) = color else { return isForeground ? foreground : background }
        let basic: [(Double, Double, Double)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                                                 (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 { let grey = Double(8 + 10 * (i - 232)); return (grey, grey, grey) }
        let levels: [Double] = [0, 95, 135, 175, 215, 255]
        return (levels[(i - 16) / 36], levels[(i - 16) / 6 % 6], levels[(i - 16) % 6])
    }

    func contrast(of style: Style) -> Double {
        var front = rgb(style.foreground, isForeground: true), back = rgb(style.background, isForeground: false)
        if style.attributes.contains(.reverse) { swap(&front, &back) }
        let (a, b) = (luminance(front), luminance(back))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    func luminance(_ rgb: (Double, Double, Double)) -> Double {
        func channel(_ value: Double) -> Double {
            let c = value / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }
}
