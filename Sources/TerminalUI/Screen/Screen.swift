/// One character position on the terminal.
///
/// A wide grapheme (CJK, most emoji) has width 2 and owns the cell to its right, which holds a
/// `continuation` cell; nothing may split the pair.
///
/// A cell is plain bits (see `PackedGrapheme`): frames are copied and compared as memory.
public struct Cell: Sendable, Hashable {
    private var packed: PackedGrapheme
    /// Columns the grapheme occupies: 1 or 2; 0 marks the right half of a wide grapheme.
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: Character = " ", width: UInt8 = 1, style: Style = .plain) {
        packed = PackedGrapheme(grapheme)
        self.width = width
        self.style = style
    }

    init(ascii byte: UInt8, style: Style) {
        packed = PackedGrapheme(ascii: byte)
        width = 1
        self.style = style
    }

    /// One grapheme cluster, already measured; a single space for blank cells.
    public var grapheme: Character {
        get { packed.character }
        set { packed = PackedGrapheme(newValue) }
    }

    /// The byte of a one-byte (ASCII) grapheme, nil for any other: for writers that have a
    /// faster way with those.
    public var asciiByte: UInt8? { packed.asciiByte }

    public static let blank = Cell()

    public var isContinuation: Bool { width == 0 }

    static func continuation(style: Style) -> Cell {
        var cell = Cell(ascii: 0x20, style: style)
        cell.width = 0
        return cell
    }
}

/// A frame: what the terminal should show, cell by cell. Views draw into it; the terminal
/// adapter compares it with the previous frame and writes only what changed.
public struct Screen: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be after drawing, if visible (the input box's caret).
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Fills a rectangle with blanks of `style`. A wide glyph cut by either edge loses its
    /// outside half too, as with `put`: no half glyph is left for the terminal to garble.
    public mutating func fill(_ rect: Rect, style: Style) {
        let clipped = rect.intersection(Rect(x: 0, y: 0, width: width, height: height))
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            clearPair(x: clipped.x, y: y)
            clearPair(x: clipped.maxX - 1, y: y)
            let blank = Cell(ascii: 0x20, style: style)
            for x in clipped.x..<clipped.maxX { self[x, y] = blank }
        }
    }

    /// Puts one measured grapheme at (x, y); a wide one that would not fit before `limit`
    /// (exclusive) is replaced by a blank, never split. Returns the columns used.
    @discardableResult
    public mutating func put(_ grapheme: Character, width columns: Int, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard y >= 0, y < height, x >= 0, x < end, columns > 0 else { return 0 }
        if columns == 2, x + 1 >= end {
            self[x, y] = Cell(" ", width: 1, style: style)
            return 1
        }
        clearPair(x: x, y: y)
        self[x, y] = Cell(grapheme, width: UInt8(columns), style: style)
        if columns == 2 {
            clearPair(x: x + 1, y: y)
            self[x + 1, y] = .continuation(style: style)
        }
        return columns
    }

    /// Makes this screen a copy of `other`, reusing this one's storage when it is the only
    /// owner and the sizes match: a renderer that builds each frame on the last one then
    /// allocates nothing per frame (a 160x48 frame is 184 KB, which glibc maps and unmaps).
    public mutating func overwrite(with other: Screen) {
        guard other.width == width, other.height == height else {
            self = other
            return
        }
        cursor = other.cursor
        cells.withUnsafeMutableBufferPointer { target in
            other.cells.withUnsafeBufferPointer { source in
                _ = target.update(fromContentsOf: source)
            }
        }
    }

    /// Puts a printable ASCII byte at (x, y), which must be on the screen.
    mutating func putASCII(_ byte: UInt8, x: Int, y: Int, style: Style) {
        clearPair(x: x, y: y)
        self[x, y] = Cell(ascii: byte, style: style)
    }

    /// Copies `width` cells of row `fromY` of `source`, a screen of the same size, to row `toY`
    /// from column `x`. A wide grapheme cut by either edge loses its outside half, as with
    /// `fill`.
    public mutating func copyRow(_ source: Screen, fromY: Int, toY: Int, x: Int, width count: Int) {
        let from = max(0, x), to = min(width, x + count)
        guard source.width == width, source.height == height, from < to,
              fromY >= 0, fromY < height, toY >= 0, toY < height else { return }
        clearPair(x: from, y: toY)
        clearPair(x: to - 1, y: toY)
        let source = source.cells[(fromY * width + from)..<(fromY * width + to)]
        cells.replaceSubrange((toY * width + from)..<(toY * width + to), with: source)
        if self[from, toY].isContinuation { self[from, toY] = Cell(" ", width: 1, style: self[from, toY].style) }
        if self[to - 1, toY].width == 2 { self[to - 1, toY] = Cell(" ", width: 1, style: self[to - 1, toY].style) }
    }

    /// Overwriting half of a wide grapheme blanks its other half, so no stray half remains.
    private mutating func clearPair(x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", width: 1, style: self[x - 1, y].style)
        } else if cell.width == 2, x + 1 < width {
            self[x + 1, y] = Cell(" ", width: 1, style: self[x + 1, y].style)
        }
    }

    /// The screen's text, one line per row, trailing blanks trimmed: for snapshot tests.
    public var text: String {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].grapheme) }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    public static func == (lhs: Screen, rhs: Screen) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }
}

/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        return Rect(x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
    }
}
