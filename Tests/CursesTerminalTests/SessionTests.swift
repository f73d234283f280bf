@testable import CursesTerminal
import Testing

@Suite struct SessionTests {
    @Test func waitsRoundUpToWholeMilliseconds() {
        #expect(Terminal.milliseconds(.zero) == 0)
        #expect(Terminal.milliseconds(.microseconds(1)) == 1)
        #expect(Terminal.milliseconds(.milliseconds(16)) == 16)
        #expect(Terminal.milliseconds(.seconds(-1)) == 0)
    }

    @Test func signalsExitWith128Plus() {
        #expect(TerminalError.terminated(signal: 15).exitStatus == 143)
        #expect(TerminalError.inputClosed.exitStatus == 1)
    }
}
