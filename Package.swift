// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "poe-tui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "poe-tui", targets: ["poe-tui"]),
        .executable(name: "poe-emulator", targets: ["poe-emulator"]),
        .library(name: "PoeAPI", targets: ["PoeAPI"]),
        .library(name: "PoeEmulator", targets: ["PoeEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libcurl, with typed wrappers for its variadic setopt/getinfo calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Any JSON value, integers kept apart from floats: bot parameters on the wire and on disk.
        .target(name: "JSONValues"),
        // The Poe client: the only importer of libcurl.
        .target(name: "PoeAPI", dependencies: ["CCurl", "JSONValues"]),
        // A local Poe API for tests, benchmarks and the offline demo.
        .target(
            name: "PoeEmulator",
            dependencies: [
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // config.toml: the user's settings, validated with file, line and key in every message.
        .target(name: "Settings", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        // ncursesw, with shims for what Swift cannot import (wide-char API switch, macros, globals).
        // No pkgConfig: SwiftPM would only warn that it drops ncursesw's -D flags; the headers
        // are on the default path (libncurses-dev, installed by `make deps`).
        .systemLibrary(name: "CNcursesw"),
        // Signal handlers and pipes that need C (_GNU_SOURCE, async-signal-safe code).
        .target(name: "CTerminalSignals"),
        // The only importer of ncurses: start and restore the terminal, read events, present frames.
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "CTerminalSignals", "TerminalUI"]),
        // A small program that shows what the terminal adapter sees and draws: for tmux tests.
        .executableTarget(name: "terminal-check", dependencies: ["CursesTerminal", "TerminalUI"]),
        // Pure: a screen of cells, grapheme widths, wrapping, themes, views. No I/O, no C.
        .target(name: "TerminalUI"),
        // Pure: the app's state, events, effects, the reducer and the keymap.
        .target(name: "ChatCore", dependencies: ["ChatStore", "TerminalUI", "FilePicking"]),
        // libcmark-gfm (GitHub-flavoured CommonMark) for rendering bot replies.
        .systemLibrary(name: "CCmark"),
        // Markdown to styled, wrapped terminal lines.
        .target(name: "MarkdownRendering", dependencies: ["CCmark", "TerminalUI"]),
        // The file picker: its state and keys (pure), folder listing, recursive search and previews
        // (file I/O, always off the render loop).
        .target(name: "FilePicking", dependencies: ["TerminalUI", "JSONValues"]),
        // Pure: the chat interface drawn from the app state into a screen of cells.
        .target(name: "ChatViews", dependencies: ["ChatCore", "TerminalUI", "MarkdownRendering", "FilePicking"]),
        // Conversations on disk: JSON files, atomic writes, an index, trash, search, export.
        .target(name: "ChatStore", dependencies: ["JSONValues"]),
        // Files bots send back: safe names, a free name in the downloads folder, download-and-save.
        .target(name: "BotFiles", dependencies: ["PoeAPI", "ChatStore"]),
        .executableTarget(
            name: "poe-emulator",
            dependencies: [
                "PoeEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "poe-tui",
            dependencies: [
                "PoeAPI",
                "PoeEmulator",
                "Settings",
                "ChatStore",
                "BotFiles",
                "FilePicking",
                "ChatCore",
                "ChatViews",
                "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test helper: saves a growing conversation in a tight loop until killed (crash-safety test).
        .executableTarget(name: "store-crash-writer", dependencies: ["ChatStore"]),
        // `make bench`: parser throughput and cancel latency (the end-to-end run is scripts/bench.sh).
        .executableTarget(name: "poe-bench", dependencies: ["PoeAPI", "PoeEmulator", "ChatStore", "MarkdownRendering", "TerminalUI", "ChatCore", "ChatViews", "FilePicking"]),
        .testTarget(name: "PoeAPITests", dependencies: ["PoeAPI", "PoeEmulator"]),
        .testTarget(name: "PoeEmulatorTests", dependencies: ["PoeEmulator"]),
        .testTarget(name: "ChatStoreTests", dependencies: ["ChatStore"]),
        .testTarget(name: "BotFilesTests", dependencies: ["BotFiles", "PoeAPI", "PoeEmulator", "ChatStore"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "ChatCoreTests", dependencies: ["ChatCore"]),
        .testTarget(name: "MarkdownRenderingTests", dependencies: ["MarkdownRendering", "TerminalUI"]),
        .testTarget(name: "ChatViewsTests", dependencies: ["ChatViews", "ChatCore", "TerminalUI", "FilePicking"]),
        .testTarget(name: "FilePickingTests", dependencies: ["FilePicking", "TerminalUI", "JSONValues"]),
        // Test support: starting tmux and other programs with clean signal state (posix_spawn).
        .target(name: "TmuxTesting", path: "Tests/TmuxTesting"),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "TerminalUI", "TmuxTesting"]),
        .testTarget(name: "CLITests", dependencies: ["PoeEmulator", "TmuxTesting"]),
        // The executable's own pieces that can be tested without running it (the file opener).
        .testTarget(name: "PoeTUITests", dependencies: ["poe-tui"]),
    ],
    swiftLanguageModes: [.v6]
)
