public import TerminalUI

extension Terminal {
    /// Shows `screen`: writes only the cells that differ from the last frame presented (all of
    /// them after a resize or `repaintAll()`) and places or hides the cursor, in one write.
    ///
    /// A frame of another size than the terminal is clipped (or leaves the rest blank): the
    /// app may not have seen the `.resize` yet.
    public func present(_ screen: Screen) {
        guard let device, window != nil, var writer = frameWriter else { return }
        frameWriter = nil  // the only copy while it changes: its style table grows in place
        let terminalSize = size
        if terminalSize != presentedSize {
            presentedSize = terminalSize
            lastFrame = nil  // after a resize the terminal may hold anything: redraw all
        }
        // A frame of another size is drawn whole, over a cleared screen: nothing old may remain.
        let previous = lastFrame.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
        output.removeAll(keepingCapacity: true)
        writer.write(screen, over: previous, size: terminalSize, into: &output)
        frameWriter = writer
        device.write(output)
        lastFrame = screen
    }

    /// Makes the next `present` repaint the whole terminal (for Ctrl-L, or after another
    /// program wrote to it).
    public func repaintAll() {
        lastFrame = nil
        frameWriter?.forgetTerminalState()
    }
}
