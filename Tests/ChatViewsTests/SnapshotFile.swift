import Foundation
import Testing

/// Compares text with a snapshot file checked in under `Tests/Snapshots/<test target>/`.
///
/// A mismatch fails with the first differing lines, unified-diff style, and writes the whole
/// actual text to `NAME.txt.actual` (ignored by git) for `diff -u`. A missing file fails too:
/// snapshots are written only when `SNAPSHOT_RECORD=1` is set, and a run that records fails,
/// so a recording run can never pass for a checking one.
enum SnapshotFile {
    static let recordVariable = "SNAPSHOT_RECORD"

    static func check(_ actual: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
        // Tests/Snapshots/<test target>/: outside the target's folder, which SwiftPM would
        // otherwise want to bundle as resources.
        let testFolder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        let folder = testFolder.deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(testFolder.lastPathComponent)
        let file = folder.appendingPathComponent("\(name).txt")
        let actualFile = folder.appendingPathComponent("\(name).txt.actual")
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if expected == actual {
            try? FileManager.default.removeItem(at: actualFile)
            return
        }
        if ProcessInfo.processInfo.environment[recordVariable] == "1" {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                try? FileManager.default.removeItem(at: actualFile)
                Issue.record("recorded \(file.path); review it, then run again without \(recordVariable)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
        guard let expected else {
            Issue.record("no snapshot \(file.path); record it with \(recordVariable)=1 swift test --filter ChatViewsTests, review it and check it in (the text is in \(actualFile.lastPathComponent))",
                         sourceLocation: sourceLocation)
            return
        }
        Issue.record("""
            snapshot \(name) differs; whole text in \(actualFile.path)
            \(firstDifference(expected: expected, actual: actual))
            accept with \(recordVariable)=1 when the change is meant
            """, sourceLocation: sourceLocation)
    }

    /// The first run of differing lines, with two lines of context before it.
    static func firstDifference(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        while start < old.count, start < new.count, old[start] == new[start] { start += 1 }
        // Where the two agree again, looking a few lines ahead; else show up to eight of each.
        var oldEnd = min(old.count, start + 8), newEnd = min(new.count, start + 8)
        search: for length in 1...8 {
            for oldSkip in 0...length {
                let newSkip = length - oldSkip
                let o = start + oldSkip, n = start + newSkip
                if o < old.count, n < new.count, old[o] == new[n] {
                    (oldEnd, newEnd) = (o, n)
                    break search
                }
            }
        }
        let context = max(0, start - 2)
        var lines = ["@@ -\(context + 1),\(oldEnd - context) +\(context + 1),\(newEnd - context) @@"]
        lines += old[context..<start].map { " " + $0 }
        lines += old[start..<oldEnd].map { "-" + $0 }
        lines += new[start..<newEnd].map { "+" + $0 }
        return lines.joined(separator: "\n")
    }
}
