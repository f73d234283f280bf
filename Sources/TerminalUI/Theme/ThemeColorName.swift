/// Colours as theme files write them: a name (`default`, `red`, `bright-blue`), an index into
/// the 256-colour palette, or `#rrggbb`, which becomes the nearest palette colour.
enum ThemeColorName {
    /// The sixteen names, in palette order.
    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
                        "bright-magenta", "bright-cyan", "bright-white"]

    /// The colour `text` names, or nil.
    static func color(named text: String) -> TerminalColor? {
        let name = text.lowercased()
        if name == "default" { return .terminalDefault }
        if let index = names.firstIndex(of: name) { return .indexed(UInt8(index)) }
        if name.hasPrefix("#"), name.count == 7, let rgb = UInt32(name.dropFirst(), radix: 16) {
            return .indexed(nearestIndex(red: Int(rgb >> 16), green: Int(rgb >> 8 & 0xFF), blue: Int(rgb & 0xFF)))
        }
        return nil
    }

    /// The palette colour nearest to an RGB value, among the 6×6×6 cube and the grey ramp
    /// (16-255). Indexes 0-15 are left out: terminals redefine them, so they are no target
    /// for an exact colour.
    static func nearestIndex(red: Int, green: Int, blue: Int) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ value: Int) -> Int {
            levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) }!
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cube = 16 + 36 * r + 6 * g + b
        let average = (red + green + blue) / 3
        let greyStep = max(0, min(23, (average - 3) / 10))
        let grey = 8 + 10 * greyStep
        func distance(_ candidate: (Int, Int, Int)) -> Int {
            let (dr, dg, db) = (candidate.0 - red, candidate.1 - green, candidate.2 - blue)
            return dr * dr + dg * dg + db * db
        }
        let cubeDistance = distance((levels[r], levels[g], levels[b]))
        return UInt8(distance((grey, grey, grey)) < cubeDistance ? 232 + greyStep : cube)
    }
}
