internal import TerminalUI

/// Turns a frame into the bytes that bring the terminal from the frame before it to this one:
/// a cursor movement per changed run of cells, a style sequence where the style changes, the
/// graphemes, and the cursor left at the caret. Pure: the terminal adapter writes the bytes.
///
/// What reaches the terminal is only ever these sequences and printable text: control
/// characters in a cell are drawn as U+FFFD (see `CellGlyph`).
struct FrameWriter {
    let sequences: TerminalSequences
    let palette: TerminalPalette
    /// The style the terminal draws with now; nil when unknown (before the first frame).
    private var current: Style?
    private var cursorShown: Bool?
    /// Where the cursor was left at the end of the last frame, if shown.
    private var cursorPlaced: (x: Int, y: Int)?
    /// The sequence that sets each style used so far.
    private var styleBytes: [Style: [UInt8]] = [:]

    /// How many characters a cell carries at most (curses' `CCHARW_MAX`, which tmux also
    /// roughly keeps): a base and four combining marks.
    static let maxScalarsPerCell = 5

    init(sequences: TerminalSequences, palette: TerminalPalette) {
        self.sequences = sequences
        self.palette = palette
    }

    /// Appends to `bytes` what turns `previous` into `screen` on a terminal of `size`; with no
    /// previous frame (start, resize, repaint), the screen is cleared and drawn whole. A frame
    /// of another size than the terminal is clipped.
    mutating func write(_ screen: Screen, over previous: Screen?, size: (width: Int, height: Int), into bytes: inout [UInt8]) {
        let diff = FrameDiff(from: previous, to: screen)
        let cursor = screen.cursor.flatMap { $0.x >= 0 && $0.y >= 0 && $0.x < size.width && $0.y < size.height ? $0 : nil }
        let drawing = previous == nil || !diff.runs.isEmpty
        if drawing, cursorShown != false {
            bytes += sequences.hideCursor  // no cursor dashing across the screen while drawing
            cursorShown = false
        }
        if previous == nil {
            // Whatever the terminal shows now (a resize, another program) goes, in plain colours.
            bytes += sequences.resetAttributes
            bytes += sequences.defaultColors
            current = .plain
            bytes += sequences.clearScreen
        }
        for run in diff.runs where run.y < size.height && run.x < size.width {
            draw(run, of: screen, size: size, into: &bytes)
        }
        if let cursor {
            if drawing || cursorPlaced.map({ $0 != cursor }) ?? true {
                sequences.moveCursor(&bytes, cursor.y, cursor.x)
            }
            if cursorShown != true {
                bytes += sequences.showCursor
                cursorShown = true
            }
        } else if cursorShown != false {
            bytes += sequences.hideCursor
            cursorShown = false
        }
        cursorPlaced = cursor
    }

    /// Forgets what the terminal shows and how it draws, after something else wrote to it.
    mutating func forgetTerminalState() {
        current = nil
        cursorShown = nil
        cursorPlaced = nil
    }

    private mutating func draw(_ run: FrameDiff.Run, of screen: Screen, size: (width: Int, height: Int), into bytes: inout [UInt8]) {
        let end = min(run.x + run.count, size.width)
        let row = run.y * screen.width
        let isLastRow = run.y == size.height - 1
        sequences.moveCursor(&bytes, run.y, run.x)
        var x = run.x
        while x < end {
            let cell = screen.cells[row + x]
            if cell.style != current { setStyle(cell.style, into: &bytes) }
            if cell.isContinuation {
                // Drawn with its wide grapheme; an orphan (a malformed frame) becomes a blank.
                if x == 0 || screen.cells[row + x - 1].width != 2 { bytes.append(0x20) }
                x += 1
                continue
            }
            let isWide = cell.width == 2 && x + 1 < screen.width && screen.cells[row + x + 1].isContinuation
            let columns = isWide && x + 1 < size.width ? 2 : 1
            if isLastRow, x + columns == size.width, sequences.lastCellScrolls { break }
            if let ascii = cell.asciiByte, ascii >= 0x20, ascii < 0x7F, columns == 1 {
                bytes.append(ascii)
            } else {
                let glyph = CellGlyph(cell.grapheme, columns: columns, maxScalars: Self.maxScalarsPerCell, widthOf: GlyphWidth.cursesWidth)
                for unit in glyph.units {
                    for scalar in unit { UTF8.encode(scalar) { bytes.append($0) } }
                }
            }
            x += isWide ? 2 : 1
        }
    }

    private mutating func setStyle(_ style: Style, into bytes: inout [UInt8]) {
        current = style
        if let known = styleBytes[style] {
            bytes += known
            return
        }
        // From scratch each time: attributes off, colours back to the terminal's, then this
        // style's. `sgr0` alone leaves colours on a few terminals, hence `op`.
        var sequence = sequences.resetAttributes + sequences.defaultColors
        let attributes: [(TextAttributes, [UInt8])] = [
            (.bold, sequences.bold), (.dim, sequences.dim), (.italic, sequences.italic),
            (.underline, sequences.underline), (.reverse, sequences.reverse),
        ]
        for (attribute, on) in attributes where style.attributes.contains(attribute) { sequence += on }
        if palette.colorCount > 0 {
            let foreground = palette.number(for: style.foreground, foreground: true)
            let background = palette.number(for: style.background, foreground: false)
            if foreground >= 0 { sequences.foreground(&sequence, foreground) }
            if background >= 0 { sequences.background(&sequence, background) }
        }
        styleBytes[style] = sequence
        bytes += sequence
    }
}
