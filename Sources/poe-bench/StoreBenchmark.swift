import ChatStore
import Foundation

/// The conversation store at the size the store issue names: 1,000 conversations of 50
/// messages of about 400 characters, plus one of 500 messages for the save-after-token case.
enum StoreBenchmark {
    static let vocabulary = ["the", "stream", "reply", "bot", "token", "markdown", "terminal", "poe", "swift", "curses",
                             "conversation", "points", "upload", "picker", "emoji", "日本語", "quickly", "because", "while", "render"]

    /// Deterministic text of about `length` characters.
    static func text(seed: Int, length: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        var words: [String] = []
        var count = 0
        while count < length {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let word = vocabulary[Int(state >> 33) % vocabulary.count]
            words.append(word)
            count += word.count + 1
        }
        return words.joined(separator: " ")
    }

    /// Builds the store at `root` (which must not exist yet).
    static func generate(root: URL) throws {
        let store = try ConversationStore(root: root)
        for index in 0..<1_000 {
            var conversation = try store.create(bot: index % 3 == 0 ? "Claude-Sonnet-4.5" : "GPT-5", title: "Conversation \(index): " + text(seed: index, length: 30))
            for message in 0..<50 {
                conversation.append(ChatMessage(role: message % 2 == 0 ? .user : .bot, bot: message % 2 == 0 ? nil : conversation.bot,
                                                content: text(seed: index * 100 + message, length: 400)))
            }
            try store.saveNow(conversation)
        }
        var long = try store.create(bot: "GPT-5", title: "A long conversation")
        for message in 0..<500 {
            long.append(ChatMessage(role: message % 2 == 0 ? .user : .bot, content: text(seed: 900_000 + message, length: 400)))
        }
        try store.saveNow(long)
    }

    /// Wall time and this process's CPU time (all threads) of `body`, in milliseconds. The CPU
    /// time is the steadier number on a busy machine; the wall time includes waiting for the disk.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    static func measure(_ body: () throws -> Void) rethrows -> Timing {
        func cpuNow() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
        }
        let cpuStart = cpuNow()
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        let cpu = cpuNow() - cpuStart
        return Timing(wall: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15, cpu: cpu)
    }

    static func run(root: URL) throws {
        var opens: [Timing] = []
        var store: ConversationStore!
        for _ in 0..<5 {
            // The last run's store is let go first: a store still open in this process made each
            // open wait out its 50 ms patience for the exclusive lock, as a second poe-tui does.
            store = nil
            opens.append(try measure { store = try ConversationStore(root: root) })
        }
        let summaries = store.list()
        print(String(format: "store-open: %d conversations, median %.1f ms, cpu %.1f ms (index only)", summaries.count,
                     median(opens.map(\.wall)), median(opens.map(\.cpu))))

        let some = summaries[summaries.count / 2].id
        let loads = try (0..<20).map { _ in try measure { _ = try store.load(some) } }
        print(String(format: "store-load: one 50-message conversation, median %.2f ms, cpu %.2f ms", median(loads.map(\.wall)),
                     median(loads.map(\.cpu))))

        let longID = try require(summaries.first { $0.title == "A long conversation" }?.id)
        var long = try store.load(longID)
        var reply = ChatMessage(role: .bot, content: "", status: .streaming)
        long.append(reply)
        // A new message changes the list, so index.json is rewritten as well.
        let appended = try measure { long = try store.saveNow(long) }
        print(String(format: "store-save-new: a new message, with index.json rewritten, %.2f ms, cpu %.2f ms", appended.wall,
                     appended.cpu))
        let saves = try (0..<50).map { token -> Timing in
            reply.content += "token\(token) "
            long.update(reply)
            return try measure { long = try store.saveNow(long) }
        }
        // The reply is finished, so the next run's store does not find it streaming (and rewrite it).
        reply.status = .complete
        long.update(reply)
        long = try store.saveNow(long)
        print(String(format: "store-save: a streamed token into a %d-message conversation, median %.2f ms, max %.2f ms, cpu %.2f ms",
                     long.messages.count, median(saves.map(\.wall)), saves.map(\.wall).max() ?? 0, median(saves.map(\.cpu))))

        // A draft edit comes before the messages in the file, so the whole file is encoded again.
        let drafts = try (0..<20).map { number -> Timing in
            long.draft = "draft \(number)"
            return try measure { long = try store.saveNow(long) }
        }
        print(String(format: "store-save-draft: the same conversation, whole file encoded, median %.2f ms, cpu %.2f ms",
                     median(drafts.map(\.wall)), median(drafts.map(\.cpu))))

        let lists = (0..<20).map { _ in measure { _ = store.list() } }
        print(String(format: "store-list: median %.2f ms", median(lists.map(\.wall))))

        var hits = 0
        let searches = (0..<5).map { _ in measure { hits = store.search("quickly because", limit: 1_000_000).count } }
        print(String(format: "store-search: every conversation, %d hits, median %.0f ms, cpu %.0f ms", hits,
                     median(searches.map(\.wall)), median(searches.map(\.cpu))))

        // Last, as it rewrites index.json: opening without an index reads every conversation file.
        store = nil
        try FileManager.default.removeItem(at: root.appendingPathComponent("index.json"))
        let rebuild = try measure { store = try ConversationStore(root: root) }
        print(String(format: "store-rebuild: index deleted, every file read, %.0f ms, cpu %.0f ms", rebuild.wall, rebuild.cpu))
    }
}

/// `#require` for a plain executable.
func require<T>(_ value: T?, _ message: String = "missing value") throws -> T {
    guard let value else { throw BenchmarkError(message: message) }
    return value
}

struct BenchmarkError: Error { let message: String }
