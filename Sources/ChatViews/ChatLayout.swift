import ChatCore
import TerminalUI

/// Where each part of the interface goes at a given size.
///
/// The conversation list folds away below 80 columns; below 40x10 only a notice fits. The input
/// box grows with its text up to a third of the screen.
public struct ChatLayout: Sendable, Equatable {
    public static let minimumWidth = 40, minimumHeight = 10
    static let listWidth = 26

    public var list: Rect?
    public var messages: Rect
    public var input: Rect
    public var status: Rect
    public var tooSmall: Bool

    /// Columns the conversation list takes on a screen `width` wide: none below 80.
    static func listColumns(width: Int) -> Int {
        width >= 80 ? listWidth : 0
    }

    public init(width: Int, height: Int, inputLines: Int) {
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let left = Self.listColumns(width: width)
        list = left > 0 ? Rect(x: 0, y: 0, width: left, height: height - 1) : nil
        let inputHeight = min(max(3, inputLines + 2), max(3, height / 3))
        input = Rect(x: left, y: height - 1 - inputHeight, width: width - left, height: inputHeight)
        messages = Rect(x: left, y: 0, width: width - left, height: max(0, height - 1 - inputHeight))
    }
}
