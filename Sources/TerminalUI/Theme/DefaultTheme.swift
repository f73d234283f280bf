/// The default theme, compiled in so the interface has colours when no theme file is installed.
///
/// - Important: `json` is `themes/default.json` verbatim; a test fails when they differ. After
///   editing the file, paste it between the delimiters below unchanged.
enum DefaultTheme {
    static let definition: ThemeDefinition = {
        do {
            return try ThemeDefinition.parse(json, name: "default", file: "(built-in default theme)")
        } catch {
            // A test parses this text on every run, so this cannot happen in a build that passed.
            preconditionFailure("the built-in default theme does not parse: \(error)")
        }
    }()

    static let json = #"""
{
  "description": "The default, for dark backgrounds: the terminal's own text colours, greys for what matters less, blue for focus and links.",
  "roles": {
    "text": {},
    "text.dim": { "fg": 245, "basic": { "fg": "default", "dim": true } },
    "text.accent": { "fg": 75, "basic": { "fg": "cyan" } },
    "border": { "fg": 240, "basic": { "fg": "default", "dim": true } },
    "border.focused": { "fg": 75, "basic": { "fg": "cyan", "dim": false }, "mono": { "bold": true } },
    "title": { "bold": true },
    "title.focused": { "fg": 75, "basic": { "fg": "cyan" } },

    "list.item": {},
    "list.detail": { "fg": 245, "basic": { "fg": "default", "dim": true } },
    "list.selected": { "fg": 231, "bg": 24, "bold": true, "basic": { "fg": "white", "bg": "blue" }, "mono": { "reverse": true } },
    "list.unread": { "fg": 214, "bold": true, "basic": { "fg": "yellow" } },

    "message": {},
    "message.user.name": { "fg": 114, "bold": true, "basic": { "fg": "green" } },
    "message.bot.name": { "fg": 141, "bold": true, "basic": { "fg": "magenta" } },
    "message.time": { "fg": 243, "basic": { "fg": "default", "dim": true } },
    "message.meta": { "fg": 243, "basic": { "fg": "default", "dim": true } },
    "message.attachment": { "fg": 179, "basic": { "fg": "yellow" } },
    "message.error": { "fg": 203, "basic": { "fg": "red" }, "mono": { "bold": true } },
    "message.stopped": { "fg": 179, "italic": true, "basic": { "fg": "yellow" } },

    "markdown.heading": { "fg": 75, "bold": true, "basic": { "fg": "cyan" } },
    "markdown.emphasis": { "italic": true },
    "markdown.strong": { "bold": true },
    "markdown.strikethrough": { "dim": true },
    "markdown.code": { "fg": 180, "basic": { "fg": "yellow" } },
    "markdown.code.block": { "fg": "default", "bg": 235, "basic": { "fg": "default", "bg": "default" } },
    "markdown.code.label": { "fg": 245, "italic": true, "basic": { "fg": "default", "dim": true } },
    "markdown.quote": { "fg": 245, "italic": true, "basic": { "fg": "default", "dim": true } },
    "markdown.link": { "fg": 75, "underline": true, "basic": { "fg": "cyan" } },
    "markdown.list.marker": { "fg": 75, "basic": { "fg": "cyan" } },
    "markdown.rule": { "fg": 240, "basic": { "fg": "default", "dim": true } },
    "markdown.table.border": { "fg": 240, "basic": { "fg": "default", "dim": true } },
    "markdown.table.header": { "bold": true },

    "input.text": {},
    "input.placeholder": { "fg": 243, "italic": true, "basic": { "fg": "default", "dim": true } },

    "status": { "fg": 252, "bg": 236, "basic": { "fg": "black", "bg": "white" }, "mono": { "reverse": true } },
    "status.key": { "fg": 75, "bold": true, "basic": { "fg": "blue" } },
    "status.warning": { "fg": 214, "bold": true, "basic": { "fg": "black" } },
    "status.error": { "fg": 210, "bold": true, "basic": { "fg": "red" } },

    "spinner": { "fg": 75, "basic": { "fg": "cyan" } },
    "new.below": { "fg": 231, "bg": 24, "bold": true, "basic": { "fg": "white", "bg": "blue" }, "mono": { "reverse": true } },
    "selection": { "fg": 231, "bg": 24, "basic": { "fg": "white", "bg": "blue" }, "mono": { "reverse": true } },
    "search.match": { "fg": 16, "bg": 179, "basic": { "fg": "black", "bg": "yellow" }, "mono": { "underline": true, "bold": true } },
    "scrollbar": { "fg": 238, "basic": { "fg": "default", "dim": true } },
    "scrollbar.thumb": { "fg": 246, "basic": { "fg": "white", "dim": false }, "mono": { "bold": true } },

    "overlay": { "bg": 235, "basic": { "bg": "default" } },
    "overlay.border": { "fg": 75, "basic": { "fg": "cyan" }, "mono": { "bold": true } },
    "overlay.title": { "bold": true },
    "overlay.selected": { "fg": 231, "bg": 24, "bold": true, "basic": { "fg": "white", "bg": "blue" }, "mono": { "reverse": true } },
    "overlay.disabled": { "fg": 243, "basic": { "fg": "default", "dim": true }, "mono": { "dim": true } },

    "chip": { "fg": 117, "bg": 236, "basic": { "fg": "cyan", "bg": "default" } },
    "chip.selected": { "fg": 16, "bg": 117, "bold": true, "basic": { "fg": "black", "bg": "cyan" }, "mono": { "reverse": true } }
  }
}
"""#
}
