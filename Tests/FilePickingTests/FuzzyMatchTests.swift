import Testing
@testable import FilePicking

@Suite("Fuzzy filter")
struct FuzzyMatchTests {
    func score(_ query: String, _ name: String) -> Int? {
        FuzzyMatch.score(FuzzyQuery(query), in: Array(name.lowercased().utf8))
    }

    func ranked(_ query: String, _ names: [String]) -> [String] {
        var listing = FilteredListing()
        listing.append(names.map { FileEntry(name: $0, in: "/x", kind: .file) })
        listing.setFilter(query)
        return (0..<listing.count).map { listing[$0].name }
    }

    @Test func lettersMustAppearInOrderIgnoringCase() {
        #expect(score("rpt", "Report.PDF") != nil)
        #expect(score("RPT", "report.pdf") != nil)
        #expect(score("tpr", "report.pdf") == nil)
        #expect(score("reportx", "report") == nil)
        #expect(score("", "anything") == 0)
    }

    @Test func aQueryCharacterMatchesOnlyAWholeCharacter() {
        #expect(score("é", "café") != nil)
        #expect(score("é", "cafe") == nil)
        // é is C3 A9; Ã© (C3 83 C2 A9) holds both bytes, but in other characters.
        #expect(score("é", "Ã©") == nil)
        #expect(score("日本", "日記と本.txt") != nil)
        #expect(score("本日", "日記と本.txt") == nil)
    }

    @Test func betterMatchesComeFirst() {
        // Whole name, then a run at the start, then word starts, then scattered letters.
        #expect(ranked("doc", ["my-doc.txt", "d-o-c.txt", "dir-of-cats", "doc", "documents"]) == ["doc", "documents", "my-doc.txt", "d-o-c.txt", "dir-of-cats"])
        // In a search's paths, a match in the file's own name beats one spread over folders.
        #expect(ranked("main", ["m/a/i/n.txt", "src/main.swift", "domain/x.txt"]).first == "src/main.swift")
        // Ties keep the shorter name, then the listing's order.
        #expect(ranked("a", ["ba", "ca", "a-long-name", "ab"]) == ["ab", "a-long-name", "ba", "ca"])
    }

    @Test func aLaterStartCanScoreBetter() {
        // The first "d" leads nowhere good; the second starts a run.
        #expect(score("doc", "dir-of-cats/doc")! > score("doc", "dir-of-cats/dxoxc")!)
    }

    /// Narrowing from the previous matches must give exactly what a fresh filter gives, for
    /// every prefix of every query, including after entries arrive mid-way.
    @Test func narrowingAgreesWithFilteringAfresh() {
        var generator = SplitMix(seed: 7)
        let alphabet = Array("abcdeé日._-/")
        let names = (0..<2_000).map { _ in String((0..<generator.next(in: 1...14)).map { _ in alphabet[generator.next(in: 0...alphabet.count - 1)] }) }
        for _ in 0..<40 {
            let query = String((0..<generator.next(in: 1...4)).map { _ in alphabet[generator.next(in: 0...alphabet.count - 1)] })
            var typed = FilteredListing()
            typed.append(names[..<1_000].map { FileEntry(name: $0, in: "/x", kind: .file) })
            for length in 1...query.count {
                typed.setFilter(String(query.prefix(length)))
                if length == 1 { typed.append(names[1_000...].map { FileEntry(name: $0, in: "/x", kind: .file) }) }
            }
            var fresh = FilteredListing()
            fresh.append(names.map { FileEntry(name: $0, in: "/x", kind: .file) })
            fresh.setFilter(query)
            #expect(typed.visible == fresh.visible, "query \(query)")
        }
    }

    @Test func positionsAreWhereTheBestMatchLies() {
        #expect(FuzzyMatch.positions(FuzzyQuery("doc"), in: Array("dir-of-cats/doc".utf8)) == [12, 13, 14])
        #expect(FuzzyMatch.positions(FuzzyQuery("xyz"), in: Array("abc".utf8)) == nil)
    }
}

/// A small deterministic generator, so the property test is the same on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
