// Signal handling and a wake pipe for the terminal adapter: the parts that must be C
// (async-signal-safe handlers, pipe2 under _GNU_SOURCE, sigaction chaining).
//
// One terminal session per process: the state is global because signal handlers can reach
// nothing else. Every function but the handlers' own work is called from the thread that owns
// the terminal; `termsig_wake` may be called from any thread.
#ifndef POE_CTERMINALSIGNALS_H
#define POE_CTERMINALSIGNALS_H

#include <stddef.h>

/// Creates the non-blocking, close-on-exec wake pipe (once). Returns 0 or an errno value.
int termsig_open_pipe(void);
/// The pipe's read end for poll(), or -1 before `termsig_open_pipe`.
int termsig_wake_fd(void);
/// Writes one byte to the pipe: async-signal-safe and thread-safe; a full pipe is fine.
void termsig_wake(void);
/// Empties the pipe after poll() reported it readable.
void termsig_drain_pipe(void);

/// Remembers the current dispositions of the signals this module handles, so that
/// `termsig_restore` can put them back. Call before initscr/newterm (which installs its own).
void termsig_save_original(void);
/// Installs the handlers: SIGWINCH chains to whatever handler is current (ncurses') and wakes
/// the loop; SIGTERM, SIGHUP, SIGINT record the signal and wake the loop (a second one while
/// the first is still unhandled restores the terminal and exits at once); SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE, SIGABRT restore the terminal and then let the previous handler run.
void termsig_install(void);
/// Puts back the dispositions saved by `termsig_save_original`.
void termsig_restore(void);

/// The termination signal received since the last call (SIGTERM, SIGHUP, SIGINT), or 0.
/// It stays armed for the emergency exit until `termsig_clear_pending`.
int termsig_pending_signal(void);
/// Forgets a pending termination signal (after the terminal was restored in order).
void termsig_clear_pending(void);
/// 1 if SIGWINCH arrived since the last call, else 0.
int termsig_take_resize(void);

/// Saves the terminal modes of `tty_fd` for the emergency restore. Call before curses
/// changes them (before newterm).
void termsig_save_tty_modes(int tty_fd);
/// Arms the emergency restore: on a crash or a repeated termination signal, `bytes` (at most
/// 512, copied; the terminfo strings that leave curses mode) are written to the saved terminal
/// and its saved modes put back with tcsetattr. Needs `termsig_save_tty_modes` first.
void termsig_arm_emergency_restore(const char *bytes, size_t length);
/// Disables the emergency restore (after an orderly stop).
void termsig_clear_emergency_restore(void);

/// The terminal's size from the kernel (TIOCGWINSZ; ioctl is variadic, so Swift cannot call
/// it). Returns 0, or an errno value.
int termsig_window_size(int tty_fd, int *rows, int *columns);

#endif
