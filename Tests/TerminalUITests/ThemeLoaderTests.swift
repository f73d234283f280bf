import Foundation
import Testing
@testable import TerminalUI

@Suite("Loading themes")
struct ThemeLoaderTests {
    /// A fresh folder with the given theme files, removed after `body`.
    func withThemes(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("terminalui-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8) }
        try body(folder)
    }

    func loadError(_ name: String, _ paths: [URL]) -> ThemeError? {
        do {
            _ = try ThemeLoader.load(name: name, searchPaths: paths)
            return nil
        } catch {
            return error
        }
    }

    @Test func theDefaultIsCompiledIn() throws {
        let theme = try ThemeLoader.load(name: "default", searchPaths: [])
        #expect(theme == DefaultTheme.definition)
        #expect(Theme.builtInDefault(colors: .colors256)[.listSelected] == Theme(theme, colors: .colors256)[.listSelected])
    }

    @Test func theFirstFolderWins() throws {
        try withThemes(["calm": #"{"roles": {"border": {"fg": 1}}}"#]) { first in
            try withThemes(["calm": #"{"roles": {"border": {"fg": 2}}}"#]) { second in
                let theme = try ThemeLoader.load(name: "calm", searchPaths: [first, second])
                #expect(theme.entries[.border]?.style.foreground == .indexed(1))
            }
        }
    }

    @Test func aThemeInheritsAnotherByName() throws {
        try withThemes([
            "base": #"{"roles": {"border": {"fg": 240, "bold": true}, "title": {"italic": true}}}"#,
            "mine": #"{"inherits": "base", "roles": {"border": {"fg": 75}}}"#,
        ]) { folder in
            let theme = Theme(try ThemeLoader.load(name: "mine", searchPaths: [folder]), colors: .colors256)
            #expect(theme.name == "mine")
            #expect(theme[.border] == Style(foreground: .indexed(75), attributes: .bold))
            #expect(theme[.title].attributes == .italic)
        }
    }

    @Test func aThemeInheritingItsOwnNameTweaksTheNextOne() throws {
        try withThemes(["default": #"{"inherits": "default", "roles": {"border": {"fg": 1}}}"#]) { folder in
            let theme = try ThemeLoader.load(name: "default", searchPaths: [folder])
            #expect(theme.entries[.border]?.style.foreground == .indexed(1))
            #expect(theme.entries[.listSelected] == DefaultTheme.definition.entries[.listSelected])
        }
    }

    @Test func cyclesAreErrors() throws {
        try withThemes([
            "a": #"{"inherits": "b"}"#, "b": #"{"inherits": "c"}"#, "c": #"{"inherits": "a"}"#,
            "self": #"{"inherits": "self"}"#,
        ]) { folder in
            let failure = loadError("a", [folder])
            #expect(failure == .inheritanceCycle(["a", "b", "c", "a"]))
            #expect(failure?.description == "themes inherit in a circle: a → b → c → a.")
            #expect(loadError("self", [folder]) == .inheritanceCycle(["self", "self"]))
        }
    }

    @Test func missingThemesAndBadNamesAreErrors() throws {
        try withThemes(["orphan": #"{"inherits": "nowhere"}"#]) { folder in
            #expect(loadError("solar", [folder]) == .notFound(name: "solar", searched: [folder.path]))
            #expect(loadError("solar", [folder])?.description
                == "theme 'solar' not found (looked for solar.json in \(folder.path)); the shipped themes are default, light and high-contrast.")
            #expect(loadError("orphan", [folder]) == .notFound(name: "nowhere", searched: [folder.path]))
            #expect(loadError("../etc/passwd", [folder]) == .invalidName("../etc/passwd"))
            #expect(loadError(".hidden", [folder]) == .invalidName(".hidden"))
        }
    }

    @Test func errorsNameTheFileTheyAreIn() throws {
        try withThemes([
            "broken": "{\n  \"roles\": {\n    \"border\": { \"fg\": 75, }\n  }\n}",
            "child": #"{"inherits": "broken"}"#,
        ]) { folder in
            let path = folder.appendingPathComponent("broken.json").path
            #expect(loadError("broken", [folder]) == .syntax(file: path, line: 3, column: 27, message: "JSON allows no ',' before '}'"))
            #expect(loadError("child", [folder]) == .syntax(file: path, line: 3, column: 27, message: "JSON allows no ',' before '}'"))
        }
    }

    @Test func aFileGivenByPath() throws {
        try withThemes(["base": #"{"roles": {"title": {"bold": true}}}"#, "mine": #"{"inherits": "base"}"#]) { folder in
            let theme = try ThemeLoader.load(file: folder.appendingPathComponent("mine.json"), searchPaths: [folder])
            #expect(theme.name == "mine")
            #expect(theme.entries[.title]?.style.bold == true)
            let missing = folder.appendingPathComponent("none.json")
            #expect(throws: ThemeError.unreadable(file: missing.path, reason: "no such file")) { try ThemeLoader.load(file: missing, searchPaths: []) }
            #expect(throws: ThemeError.unreadable(file: folder.path, reason: "it is a folder")) { try ThemeLoader.load(file: folder, searchPaths: []) }
        }
    }
}
