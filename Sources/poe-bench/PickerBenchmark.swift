import ChatCore
import ChatViews
import FilePicking
import Foundation
import TerminalUI

/// The file picker on a folder of 10,000 files (issue 5): listing plus the first frame, each
/// filter keystroke with its frame, memory growth; and a search below a tree of the same size.
/// Frames are the whole app at 160x48 with the picker over it, drawn into a `Screen` (no
/// terminal), as `ScreenBenchmark` does. Wall times depend on what else runs (the machine has
/// two cores and is shared); CPU times do not.
enum PickerBenchmark {
    static let fileCount = 10_000

    static func run() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("poe-bench-picker-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let flat = root + "/flat", tree = root + "/tree"
        try makeFiles(in: flat) { _ in "" }
        try makeFiles(in: tree) { "dir\($0 % 100)/\($0 / 100 % 10)/" }

        let renderer = ChatRenderer(theme: Theme.builtInDefault(colors: .colors256))
        let state = AppState(width: 160, height: 48, defaultBot: "Claude-Haiku")
        let rules = AttachmentRules(bot: "Claude-Haiku", inputs: ["text", "image"], uploadLimit: 50_000_000)
        func frame(_ picker: FilePicker) {
            var screen = renderer.render(state)
            renderer.drawFilePicker(picker, on: &screen)
        }
        frame(FilePicker(folder: flat, home: root, rules: rules))  // warm the renderer
        /// Opens the picker on `folder` as the app would; returns it with the milliseconds to
        /// the first frame with entries and to the end of the listing.
        func open(_ folder: String, recursive: Bool = false) async -> (FilePicker, first: Double, all: Double, cpu: Double) {
            let start = ContinuousClock.now
            let cpuStart = cpuMilliseconds()
            var picker = FilePicker(folder: folder, home: root, rules: rules, recursive: recursive)
            picker.pageRows = FilePicker.pageRows(screenHeight: state.height)
            var first: Double?
            for await event in FolderListing.events(for: picker.request) {
                _ = picker.receive(event, for: picker.request)
                if first == nil, case .entries = event {
                    frame(picker)
                    first = milliseconds(since: start)
                }
            }
            frame(picker)
            return (picker, first ?? 0, milliseconds(since: start), cpuMilliseconds() - cpuStart)
        }

        // Memory first, before other pickers leave freed memory behind.
        let before = residentBytes()
        var (picker, _, _, _) = await open(flat)
        for character in "report" { _ = picker.handle(KeyPress(.character(character))) }
        for _ in 0..<6 { _ = picker.handle(KeyPress(.backspace)) }
        frame(picker)
        print(String(format: "picker-memory: resident growth with the picker open on %d files, filtered and drawn: %.1f MB",
                     picker.entries.count, Double(residentBytes() - before) / 1e6))

        var firsts: [Double] = [], alls: [Double] = [], cpus: [Double] = []
        for _ in 0..<9 {
            let (opened, first, all, cpu) = await open(flat)
            picker = opened
            firsts.append(first)
            alls.append(all)
            cpus.append(cpu)
        }
        print(String(format: "picker-open: %d files, first frame (names) median %.1f ms, max %.1f ms; all sizes read median %.1f ms; CPU for all of it median %.1f ms",
                     picker.entries.count, median(firsts), firsts.max() ?? 0, median(alls), median(cpus)))

        var narrowing: [Double] = [], widening: [Double] = []
        let typingCPU = cpuMilliseconds()
        for _ in 0..<5 {
            for character in "report" {
                let start = ContinuousClock.now
                _ = picker.handle(KeyPress(.character(character)))
                frame(picker)
                narrowing.append(milliseconds(since: start))
            }
            for _ in 0..<6 {
                let start = ContinuousClock.now
                _ = picker.handle(KeyPress(.backspace))
                frame(picker)
                widening.append(milliseconds(since: start))
            }
        }
        let cpuPerKey = (cpuMilliseconds() - typingCPU) / Double(narrowing.count + widening.count)
        print(String(format: "picker-keystroke: typing \"report\" (the filter grows) median %.2f ms, max %.2f ms; Backspace (all entries again) median %.2f ms, max %.2f ms; CPU %.2f ms a key",
                     median(narrowing), narrowing.max() ?? 0, median(widening), widening.max() ?? 0, cpuPerKey))

        var searchFirsts: [Double] = [], searchAlls: [Double] = []
        var found = 0
        for _ in 0..<5 {
            let (search, first, all, _) = await open(tree, recursive: true)
            found = search.entries.count
            searchFirsts.append(first)
            searchAlls.append(all)
        }
        print(String(format: "picker-search: %d entries below 1,100 folders, first batch on screen median %.1f ms, whole search median %.1f ms",
                     found, median(searchFirsts), median(searchAlls)))
    }

    /// 10,000 small files with names like a real folder's: dates, camera numbers, words, CJK.
    private static func makeFiles(in folder: String, subfolder: (Int) -> String) throws {
        let words = ["report", "notes", "IMG", "draft", "invoice", "photo", "meeting", "日本語", "scan", "backup"]
        let extensions = ["pdf", "md", "jpg", "txt", "png", "mp3", "docx", "json"]
        for index in 0..<fileCount {
            let name = "\(words[index % words.count])_\(2020 + index % 7)-\(String(format: "%05d", index)).\(extensions[index % extensions.count])"
            let path = folder + "/" + subfolder(index) + name
            if index < 1_000 || index % 100 == 0 {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
            try Data("file \(index)\n".utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// User and system time of the whole process (every thread), in milliseconds: what the
    /// work costs whatever else the machine is doing.
    private static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    /// VmRSS from /proc/self/status, in bytes (0 where there is no /proc).
    private static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }
}
