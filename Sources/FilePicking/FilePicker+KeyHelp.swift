/// The picker's keys as the help overlay and docs/keys.md list them. They are fixed (the keys
/// of fzf, nnn and ranger that people bring with them), so they are listed here, next to the
/// handler in `FilePicker+Keys.swift` (PickerKeyTests checks what each does).
extension FilePicker {
    public static let keyHelp: [(keys: String, summary: String)] = [
        ("type", "Filter the folder's entries (fuzzy)"),
        ("up, down, pgup, pgdn", "Move"),
        ("right", "Enter the folder"),
        ("left, backspace", "Up a folder (backspace with an empty filter)"),
        ("~", "Home folder (with an empty filter)"),
        (".", "Show or hide hidden files (with an empty filter)"),
        ("ctrl-r", "Search the folders below too (bounded), or just this one"),
        ("tab, space", "Mark or unmark a file (shift-tab moves up)"),
        ("enter", "Attach the marked files, or the highlighted one; enter a folder"),
        ("ctrl-u", "Clear the filter"),
        ("esc", "Close without changes"),
    ]
}
