import Foundation
import Synchronization
import Testing

@testable import ChatStore

/// A store root in a fresh temporary folder, removed when the fixture goes away.
final class StoreFixture: Sendable {
    let root: URL
    let clock = ManualClock()
    let writes = WriteCounter()

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("chatstore-tests-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("poe-tui", isDirectory: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    /// Short delays, the manual clock, and a count of atomic writes.
    var options: StoreOptions {
        var options = StoreOptions(saveDelay: 0.05, recordingInterval: 0.05, clock: { [clock] in clock.now })
        options.faultInjection = { [writes] stage, path in try writes.record(stage, path) }
        return options
    }

    func open(_ options: StoreOptions? = nil) throws -> ConversationStore {
        try ConversationStore(root: root, options: options ?? self.options)
    }

    var layout: StoreLayout { StoreLayout(root: root) }

    func path(_ relative: String) -> String { "\(layout.root)/\(relative)" }

    func conversationPath(_ id: String) -> String { layout.conversation(id) }

    func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    func text(_ relative: String) throws -> String {
        String(decoding: try data(relative), as: UTF8.self)
    }

    func write(_ text: String, to relative: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path(relative) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    func names(in relative: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(relative)).sorted()
    }

    /// The JSON object in a file, as a tree.
    func json(_ relative: String) throws -> [String: StoredJSON] {
        try #require(try JSONDecoder().decode(StoredJSON.self, from: data(relative)).objectValue)
    }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_795_728_300))  // 2026-11-26T21:25:00Z

    var now: Date { current.withLock { $0 } }

    func advance(by interval: TimeInterval) {
        current.withLock { $0 += interval }
    }
}

/// Counts atomic writes per file, and can fail the next write of a file before its rename.
final class WriteCounter: Sendable {
    private struct State {
        var counts: [String: Int] = [:]
        var failing: Set<String> = []
    }

    private let state = Mutex(State())

    struct InjectedCrash: Error {}

    func record(_ stage: FileSystem.WriteStage, _ path: String) throws {
        let fail = state.withLock { state -> Bool in
            state.counts[path, default: 0] += 1
            return state.failing.contains(path)
        }
        if fail { throw InjectedCrash() }
    }

    func count(_ path: String) -> Int { state.withLock { $0.counts[path] ?? 0 } }

    func failWrites(to path: String, _ failing: Bool = true) {
        state.withLock { state in
            if failing { state.failing.insert(path) } else { state.failing.remove(path) }
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes (for the recorder's timed writes).
func eventually(timeout: TimeInterval = 10, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}

extension ChatMessage {
    static func user(_ content: String, at date: Date, id: String? = nil) -> ChatMessage {
        ChatMessage(id: id ?? StoreID.newMessageID(at: date), role: .user, content: content, createdAt: date)
    }
}
