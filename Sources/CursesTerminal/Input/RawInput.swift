internal import TerminalUI

/// One item read from curses, before decoding: what `wget_wch` returned, or an event the reader
/// already built (mouse, resize) that must keep its place among the keys.
enum RawInput: Sendable, Equatable {
    /// A character (`wget_wch` returned OK): printable text, or a control code such as U+001B.
    case scalar(Unicode.Scalar)
    /// A key code (`wget_wch` returned KEY_CODE_YES): KEY_UP, KEY_F(1), a code from `define_key`.
    case keyCode(Int32)
    /// Decoded by the reader; passed through in order.
    case event(TerminalEvent)
}
