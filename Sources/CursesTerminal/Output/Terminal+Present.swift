internal import CNcursesw
public import TerminalUI

extension Terminal {
    /// Shows `screen`: writes only the cells that differ from the last frame presented (all of
    /// them after a resize or `repaintAll()`), places or hides the cursor, and refreshes once.
    ///
    /// A frame of another size than the terminal is clipped (or leaves the rest blank): the
    /// app may not have seen the `.resize` yet.
    public func present(_ screen: Screen) {
        guard let window else { return }
        let terminalSize = size
        if terminalSize != presentedSize {
            presentedSize = terminalSize
            lastFrame = nil
            clearok(window, true)  // after a resize the terminal may hold anything: redraw all
        }
        // A frame of another size is drawn whole, over a cleared window: nothing old may remain.
        let previous = lastFrame.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
        if !draw(FrameDiff(from: previous, to: screen), of: screen, in: window, fullFrame: previous == nil, allowPairReset: true) {
            // Out of colour pairs: start the numbering again and repaint everything with it.
            reset_color_pairs()
            pairs.reset()
            styleCache = [:]
            _ = draw(FrameDiff(from: nil, to: screen), of: screen, in: window, fullFrame: true, allowPairReset: false)
        }
        placeCursor(screen.cursor, in: window)
        wnoutrefresh(window)
        doupdate()
        lastFrame = screen
    }

    /// Makes the next `present` repaint the whole terminal (for Ctrl-L, or after another
    /// program wrote to it).
    public func repaintAll() {
        guard let window else { return }
        lastFrame = nil
        clearok(window, true)
    }

    /// Writes the diff's cells; false if the colour pairs ran out (only when a reset is allowed).
    private func draw(_ diff: FrameDiff, of screen: Screen, in window: UnsafeMutablePointer<WINDOW>, fullFrame: Bool, allowPairReset: Bool) -> Bool {
        if fullFrame { werase(window) }
        let (width, height) = size
        for run in diff.runs where run.y < height {
            for x in run.x ..< min(run.x + run.count, width) {
                let cell = screen[x, run.y]
                guard let look = look(of: cell.style, allowFailure: allowPairReset) else { return false }
                if cell.isContinuation {
                    // Drawn with its wide grapheme; an orphan (a malformed frame) becomes a blank.
                    if x == 0 || screen[x - 1, run.y].width != 2 { put([" "], at: x, run.y, look, in: window) }
                    continue
                }
                let isWide = cell.width == 2 && x + 1 < screen.width && screen[x + 1, run.y].isContinuation
                let columns = isWide && x + 1 < width ? 2 : 1
                let glyph = CellGlyph(cell.grapheme, columns: columns, maxScalars: Int(ncw_cchar_max()), widthOf: GlyphWidth.cursesWidth)
                var column = x
                for (unit, unitWidth) in zip(glyph.units, glyph.widths) {
                    put(unit, at: column, run.y, look, in: window)
                    column += unitWidth
                }
            }
        }
        return true
    }

    private func put(_ scalars: [Unicode.Scalar], at x: Int, _ y: Int, _ look: (attributes: attr_t, pair: Int32), in window: UnsafeMutablePointer<WINDOW>) {
        var characters = scalars.map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var cell = cchar_t()
        var pair = look.pair
        // The pair goes through the extended-pair argument: the short one stops at 32767.
        _ = setcchar(&cell, characters, look.attributes, 0, &pair)
        // At the bottom-right corner curses reports ERR (it cannot advance) but draws the cell.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    /// A style's attributes and colour pair, allocating the pair on first use. Nil when the
    /// pairs ran out and `allowFailure`; without it, pair 0 stands in.
    private func look(of style: Style, allowFailure: Bool) -> (attributes: attr_t, pair: Int32)? {
        if let cached = styleCache[style] { return cached }
        var attributes: attr_t = 0
        if style.attributes.contains(.bold) { attributes |= ncw_attr_bold() }
        if style.attributes.contains(.dim) { attributes |= ncw_attr_dim() }
        if style.attributes.contains(.italic) { attributes |= ncw_attr_italic() }
        if style.attributes.contains(.underline) { attributes |= ncw_attr_underline() }
        if style.attributes.contains(.reverse) { attributes |= ncw_attr_reverse() }
        let colors = pairs.colors(for: style)
        var number: Int32 = 0
        if let pair = pairs.pair(for: colors) {
            if pair.isNew { init_extended_pair(pair.number, colors.foreground, colors.background) }
            number = pair.number
        } else if allowFailure {
            return nil
        }
        styleCache[style] = (attributes, number)
        return (attributes, number)
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, in window: UnsafeMutablePointer<WINDOW>) {
        let (width, height) = size
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            if cursorVisible != true {
                curs_set(1)
                cursorVisible = true
            }
            leaveok(window, false)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            if cursorVisible != false {
                curs_set(0)
                cursorVisible = false
            }
            leaveok(window, true)  // no cursor: curses need not move it back after drawing
        }
    }
}
