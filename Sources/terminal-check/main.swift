// terminal-check: shows what the terminal adapter draws and what it reads. Used by the tmux
// end-to-end tests and by people checking a terminal: run it, type, paste, resize; Ctrl-Q quits.
//
// Environment, for tests:
//   TERMINAL_CHECK_DUMP=path  writes each presented frame's text to `path` (atomically)
//   TERMINAL_CHECK_TICK=ms    a background thread wakes the loop every `ms` and counts ticks
//   TERMINAL_CHECK_CRASHABLE  Ctrl-X crashes (fatalError), to test the emergency restore
#if canImport(Glibc)
import Glibc
#endif

exit(CheckSession().run())
