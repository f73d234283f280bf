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
        // Names and queries spread over the alphabet by fixed arithmetic: the same on every run.
        let alphabet = Array("abcdeé日._-/")
        let names = (0..<2_000).map { index in
            String((0..<(1 + index % 14)).map { position in alphabet[(index * 31 + position * 17 + index / 7 * position) % alphabet.count] })
        }
        var informative = 0
        for round in 0..<40 {
            let query = String((0..<(1 + round % 4)).map { position in alphabet[(round * 13 + position * 29 + round / 3) % alphabet.count] })
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
            if fresh.count > 1, fresh.count < 1_900 { informative += 1 }
        }
        // The queries must select something, and not everything, for the check to mean anything.
        #expect(informative >= 30)
    }

    @Test func positionsAreWhereTheBestMatchLies() {
        #expect(FuzzyMatch.positions(FuzzyQuery("doc"), in: Array("dir-of-cats/doc".utf8)) == [12, 13, 14])
        #expect(FuzzyMatch.positions(FuzzyQuery("xyz"), in: Array("abc".utf8)) == nil)
    }
}
