// Async-signal-safe handlers for the terminal adapter. Handlers only set flags, write to the
// wake pipe, and in emergencies call write/tcsetattr/_exit, all async-signal-safe.
#define _GNU_SOURCE
#include "CTerminalSignals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int wake_pipe[2] = {-1, -1};

static const int termination_signals[] = {SIGTERM, SIGHUP, SIGINT};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
enum { TERMINATION_COUNT = 3, CRASH_COUNT = 5 };

// Dispositions before curses started (restored by termsig_restore).
static struct sigaction original_winch, original_tstp;
static struct sigaction original_termination[TERMINATION_COUNT];
static struct sigaction original_crash[CRASH_COUNT];
static int saved = 0;
// The SIGWINCH handler that was current when ours went in (ncurses' own): we chain to it.
static struct sigaction chained_winch;

// Lock-free atomics: safe in handlers, and visible to the loop on another thread.
static atomic_int pending_signal = 0;
static atomic_int resize_seen = 0;

// Emergency restore: written by the owning thread before handlers are installed.
static char emergency_bytes[512];
static size_t emergency_length = 0;
static int emergency_fd = -1;
static struct termios emergency_modes;
static atomic_int emergency_armed = 0;

int termsig_open_pipe(void) {
    if (wake_pipe[0] >= 0) return 0;
    if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        wake_pipe[0] = wake_pipe[1] = -1;
        return errno;
    }
    return 0;
}

int termsig_wake_fd(void) { return wake_pipe[0]; }

void termsig_wake(void) {
    int saved_errno = errno;  // handlers must not change errno under the interrupted code
    if (wake_pipe[1] >= 0) {
        char byte = 1;
        ssize_t ignored = write(wake_pipe[1], &byte, 1);  // EAGAIN: the loop is woken anyway
        (void)ignored;
    }
    errno = saved_errno;
}

void termsig_drain_pipe(void) {
    char buffer[64];
    while (wake_pipe[0] >= 0 && read(wake_pipe[0], buffer, sizeof buffer) > 0) {}
}

static void emergency_restore(void) {
    if (!atomic_exchange(&emergency_armed, 0) || emergency_fd < 0) return;
    ssize_t ignored = write(emergency_fd, emergency_bytes, emergency_length);
    (void)ignored;
    tcsetattr(emergency_fd, TCSANOW, &emergency_modes);
}

static void call_previous(const struct sigaction *previous, int signal, siginfo_t *info, void *context) {
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) previous->sa_sigaction(signal, info, context);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler) {
        previous->sa_handler(signal);
    }
}

static void on_winch(int signal, siginfo_t *info, void *context) {
    int saved_errno = errno;
    call_previous(&chained_winch, signal, info, context);
    atomic_store(&resize_seen, 1);
    termsig_wake();
    errno = saved_errno;
}

static void on_termination(int signal, siginfo_t *info, void *context) {
    (void)info;
    (void)context;
    if (atomic_load(&pending_signal) != 0) {
        // The loop did not react to the first one: give the terminal back and leave now.
        emergency_restore();
        _exit(128 + signal);
    }
    atomic_store(&pending_signal, signal);
    termsig_wake();
}

static void on_crash(int signal, siginfo_t *info, void *context) {
    (void)context;
    emergency_restore();
    // Hand the signal to whoever had it before (the Swift backtracer, or the default action).
    for (int i = 0; i < CRASH_COUNT; i++) {
        if (crash_signals[i] == signal) sigaction(signal, &original_crash[i], NULL);
    }
    // A fault (si_code > 0) re-executes the instruction on return and reaches that handler
    // with the real context. A sent signal (kill, abort()'s tgkill) is raised again: it stays
    // blocked until this handler returns, then goes there.
    if (info == NULL || info->si_code <= 0) raise(signal);
}

void termsig_save_original(void) {
    if (saved) return;
    sigaction(SIGWINCH, NULL, &original_winch);
    sigaction(SIGTSTP, NULL, &original_tstp);
    for (int i = 0; i < TERMINATION_COUNT; i++) sigaction(termination_signals[i], NULL, &original_termination[i]);
    for (int i = 0; i < CRASH_COUNT; i++) sigaction(crash_signals[i], NULL, &original_crash[i]);
    saved = 1;
}

static void install(int signal, void (*handler)(int, siginfo_t *, void *), struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(signal, &action, previous);
}

void termsig_install(void) {
    atomic_store(&pending_signal, 0);
    atomic_store(&resize_seen, 0);
    install(SIGWINCH, on_winch, &chained_winch);
    for (int i = 0; i < TERMINATION_COUNT; i++) install(termination_signals[i], on_termination, NULL);
    for (int i = 0; i < CRASH_COUNT; i++) install(crash_signals[i], on_crash, NULL);
}

void termsig_restore(void) {
    if (!saved) return;
    sigaction(SIGWINCH, &original_winch, NULL);
    sigaction(SIGTSTP, &original_tstp, NULL);
    for (int i = 0; i < TERMINATION_COUNT; i++) sigaction(termination_signals[i], &original_termination[i], NULL);
    for (int i = 0; i < CRASH_COUNT; i++) sigaction(crash_signals[i], &original_crash[i], NULL);
    saved = 0;
}

int termsig_pending_signal(void) { return atomic_load(&pending_signal); }

void termsig_clear_pending(void) { atomic_store(&pending_signal, 0); }

int termsig_take_resize(void) { return atomic_exchange(&resize_seen, 0); }

void termsig_save_tty_modes(int tty_fd) {
    atomic_store(&emergency_armed, 0);
    emergency_fd = -1;
    if (tty_fd >= 0 && tcgetattr(tty_fd, &emergency_modes) == 0) emergency_fd = tty_fd;
}

void termsig_arm_emergency_restore(const char *bytes, size_t length) {
    if (emergency_fd < 0) return;
    if (length > sizeof emergency_bytes) length = sizeof emergency_bytes;
    memcpy(emergency_bytes, bytes, length);
    emergency_length = length;
    atomic_store(&emergency_armed, 1);
}

void termsig_clear_emergency_restore(void) { atomic_store(&emergency_armed, 0); }

int termsig_window_size(int tty_fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(tty_fd, TIOCGWINSZ, &size) != 0) return errno;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}
