import FilePicking
import TerminalUI

extension ChatRenderer {
    /// Draws the file picker over a rendered frame: the renderer's `case .filePicker(let
    /// picker)` is `drawFilePicker(picker, on: &screen)`.
    public func drawFilePicker(_ picker: FilePicker, on screen: inout Screen) {
        FilePickerOverlay(picker: picker, theme: theme).draw(in: screen.bounds, on: &screen)
    }
}
