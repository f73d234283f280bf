import Foundation
import Testing
@testable import FilePicking

@Suite("Folder listing and search")
struct FolderListingTests {
    @Test func listsAFolderWithHiddenEntriesFoldersFirst() throws {
        let temp = try TemporaryFolder()
        try temp.file("b.txt", "hello")
        try temp.file("A.md", "# title\n")
        try temp.file(".hidden", "x")
        try temp.folder("zeta")
        try temp.folder(".config")
        try temp.link("to-b", to: "b.txt")
        try temp.link("dangling", to: "nowhere")
        let entries = try FolderListing.read(folder: temp.path)
        #expect(entries.map(\.name) == [".config", "zeta", ".hidden", "A.md", "b.txt", "dangling", "to-b"])
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(byName["b.txt"]?.size == 5 && byName["b.txt"]?.kind == .file && byName["b.txt"]?.path == temp["b.txt"])
        #expect(byName["zeta"]?.isFolder == true)
        #expect(byName["to-b"]?.isSymlink == true && byName["to-b"]?.kind == .file && byName["to-b"]?.size == 5)
        #expect(byName["dangling"]?.kind == .special)
        #expect(byName[".hidden"]?.isHidden == true && byName["b.txt"]?.isHidden == false)
        #expect(abs((byName["b.txt"]?.modified.timeIntervalSinceNow ?? -1000)) < 600)
    }

    @Test func aMissingFolderOrAFileSaySo() throws {
        let temp = try TemporaryFolder()
        try temp.file("plain.txt", "x")
        #expect(throws: FolderError.notFound) { try FolderListing.read(folder: temp["missing"]) }
        #expect(throws: FolderError.notAFolder) { try FolderListing.read(folder: temp["plain.txt"]) }
        #expect(FolderError(errno: EACCES).description == "permission denied")
    }

    /// chmod 000 stops an ordinary user; root reads anyway. Each privilege is checked for what
    /// it really does.
    @Test func anUnreadableFolder() throws {
        let temp = try TemporaryFolder()
        try temp.file("locked/inside.txt", "secret")
        try temp.file("locked-file.txt", "secret")
        chmod(temp["locked"], 0o000)
        chmod(temp["locked-file.txt"], 0o000)
        let parent = Dictionary(uniqueKeysWithValues: try FolderListing.read(folder: temp.path).map { ($0.name, $0) })
        if permissionsAreIgnored {
            #expect(parent["locked"]?.readable == true)
            #expect(try FolderListing.read(folder: temp["locked"]).map(\.name) == ["inside.txt"])
            #expect(FilePreview.read(path: temp["locked-file.txt"]).lines == ["secret"])
        } else {
            #expect(parent["locked"]?.readable == false)
            #expect(parent["locked-file.txt"]?.readable == false)
            #expect(throws: FolderError.permissionDenied) { try FolderListing.read(folder: temp["locked"]) }
            #expect(FilePreview.read(path: temp["locked-file.txt"]).problem == .permissionDenied)
        }
    }

    @Test func aFolderComesAsNamesThenDetailsThenTheEnd() async throws {
        let temp = try TemporaryFolder()
        for index in 0..<201 { try temp.file("file\(index).txt", String(repeating: "x", count: index)) }
        try temp.folder("sub")
        try temp.link("link", to: "sub")
        var events: [ListingEvent] = []
        let request = ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: false)
        for await event in FolderListing.events(for: request) { events.append(event) }
        guard events.count == 4, case .entries(let names) = events[0], case .details(0, let first) = events[1],
              case .details(100, let second) = events[2], events[3] == .finished(.complete) else {
            Issue.record("unexpected events: \(events.map { "\($0)".prefix(40) })")
            return
        }
        // Names first, sorted, folders (and the link to one) on top; no sizes yet.
        #expect(names.count == 203)
        #expect(names.prefix(2).map(\.name) == ["link", "sub"])
        #expect(names.filter { $0.kind == .file }.allSatisfy { !$0.detailsKnown && $0.size == 0 })
        #expect(first.count == 100 && second.count == 103)
        #expect((first + second).allSatisfy { $0.detailsKnown })
        #expect((first + second).map(\.name) == names.map(\.name))
        #expect((first + second).first { $0.name == "file42.txt" }?.size == 42)

        // A picker fed these events holds what a one-step read gives.
        var picker = FilePicker(folder: temp.path, home: temp.path, rules: AttachmentRules(bot: "Echo"))
        for event in events { _ = picker.receive(event, for: picker.request) }
        #expect(picker.entries == (try FolderListing.read(folder: temp.path)))
        #expect(picker.status == .complete(.complete))

        var failure: ListingEvent?
        for await event in FolderListing.events(for: ListingRequest(id: 2, folder: temp["missing"], showHidden: false, recursive: true)) {
            failure = event
        }
        #expect(failure == .failed(.notFound))
    }

    @Test func aSearchIsBoundedInDepth() throws {
        let temp = try TemporaryFolder()
        try temp.file("1/2/3/4/5/6/deep.txt", "x")
        try temp.file("top.txt", "x")
        let request = ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true, maxDepth: 3)
        var names: [String] = []
        let end = FolderListing.search(request, isCancelled: { false }) { names += $0.map(\.name) }
        #expect(names == ["1", "top.txt", "1/2", "1/2/3"])
        #expect(try end.get() == ListingEnd(depthLimited: true))

        names = []
        let whole = FolderListing.search(ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true), isCancelled: { false }) { names += $0.map(\.name) }
        #expect(names.last == "1/2/3/4/5/6/deep.txt")
        #expect(try whole.get() == .complete)
    }

    @Test func aSearchIsBoundedInCountAndDeliversBatches() throws {
        let temp = try TemporaryFolder()
        for folder in 0..<10 {
            for index in 0..<30 { try temp.file("f\(folder)/file\(index).txt", "x") }
        }
        var batches: [[FileEntry]] = []
        let request = ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true, maxCount: 100)
        let end = FolderListing.search(request, batchSize: 25, isCancelled: { false }) { batches.append($0) }
        #expect(batches.joined().count == 100)
        #expect(batches.count > 1)
        #expect(try end.get() == ListingEnd(countLimited: true))
    }

    @Test func aSearchSkipsHiddenUnlessShown() throws {
        let temp = try TemporaryFolder()
        try temp.file(".git/objects/blob", "x")
        try temp.file("src/.env", "x")
        try temp.file("src/main.swift", "x")
        var names: [String] = []
        _ = FolderListing.search(ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true), isCancelled: { false }) { names += $0.map(\.name) }
        #expect(names == ["src", "src/main.swift"])
        names = []
        _ = FolderListing.search(ListingRequest(id: 1, folder: temp.path, showHidden: true, recursive: true), isCancelled: { false }) { names += $0.map(\.name) }
        #expect(Set(names) == [".git", "src", ".git/objects", ".git/objects/blob", "src/.env", "src/main.swift"])
    }

    @Test func aSearchNeverFollowsLinksNorLoops() throws {
        let temp = try TemporaryFolder()
        try temp.file("a/file.txt", "x")
        try temp.link("a/up", to: "..")
        try temp.link("a/self", to: ".")
        try temp.link("a/me", to: "me")  // a link to itself: stat fails with ELOOP
        var names: [String] = []
        let end = FolderListing.search(ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true), isCancelled: { false }) { names += $0.map(\.name) }
        #expect(Set(names) == ["a", "a/file.txt", "a/up", "a/self", "a/me"])
        #expect(names.count == 5)
        #expect(try end.get() == .complete)
    }

    @Test func aCancelledSearchStopsAtTheNextFolder() throws {
        let temp = try TemporaryFolder()
        for folder in 0..<20 { try temp.file("f\(folder)/x.txt", "x") }
        var delivered = 0
        var asked = 0
        let end = FolderListing.search(ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true), batchSize: 1,
                                       isCancelled: { asked += 1; return delivered > 0 }) { delivered += $0.count }
        #expect(try end.get() == nil)
        #expect(delivered == 20)  // the top folder's 20 entries, then no further folder read
        #expect(asked == 2)
    }

    @Test func endingTheStreamEarlyStopsTheSearch() async throws {
        let temp = try TemporaryFolder()
        for folder in 0..<20 {
            for index in 0..<30 { try temp.file("f\(folder)/file\(index).txt", "x") }
        }
        var seen = 0
        var finished = false
        for await event in FolderListing.events(for: ListingRequest(id: 1, folder: temp.path, showHidden: false, recursive: true)) {
            if case .entries(let batch) = event { seen += batch.count }
            if case .finished = event { finished = true }
            break
        }
        #expect(seen > 0 && !finished)
    }
}
