internal import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Which cells of a new frame differ from the frame before it, as runs within rows: all the
/// terminal adapter needs to write.
///
/// A wide grapheme and its continuation cell always travel together: if either half changed,
/// the run covers both, so the grapheme is rewritten whole and never half-drawn.
struct FrameDiff: Equatable {
    /// Cells `x ..< x + count` of row `y`.
    struct Run: Equatable {
        var y: Int
        var x: Int
        var count: Int
    }

    var runs: [Run]

    /// Every cell of `new` when there is no usable old frame (`nil`, or of another size).
    init(from old: Screen?, to new: Screen) {
        runs = []
        let width = new.width
        guard width > 0 else { return }
        guard let old, old.width == new.width, old.height == new.height else {
            runs = (0..<new.height).map { Run(y: $0, x: 0, count: width) }
            return
        }
        let oldCells = old.cells, newCells = new.cells
        var changed = [Bool](repeating: false, count: width)
        let rowBytes = width * MemoryLayout<Cell>.stride
        for y in 0..<new.height {
            let row = y * width ..< (y + 1) * width
            // Most rows of a frame are untouched: the same bytes are the same cells. (Rows whose
            // bytes differ, if only in padding, are compared cell by cell below.)
            let sameBytes = oldCells.withUnsafeBytes { old in
                newCells.withUnsafeBytes { new in memcmp(old.baseAddress! + y * rowBytes, new.baseAddress! + y * rowBytes, rowBytes) == 0 }
            }
            if sameBytes || oldCells[row] == newCells[row] { continue }
            for x in 0..<width {
                changed[x] = oldCells[row.lowerBound + x] != newCells[row.lowerBound + x]
            }
            for x in 0..<width where changed[x] {
                let cell = newCells[row.lowerBound + x]
                if cell.isContinuation, x > 0 { changed[x - 1] = true }
                if cell.width == 2, x + 1 < width { changed[x + 1] = true }
            }
            var x = 0
            while x < width {
                guard changed[x] else {
                    x += 1
                    continue
                }
                let start = x
                while x < width, changed[x] { x += 1 }
                runs.append(Run(y: y, x: start, count: x - start))
            }
        }
    }

    /// The number of cells to write.
    var cellCount: Int { runs.reduce(0) { $0 + $1.count } }
}
