// ncursesw for Swift. SwiftPM drops pkg-config's -D flags, so the wide-character API is
// switched on here, before curses.h (see shared native notes). The static inline functions
// below cover what Swift cannot import: macros and the globals Swift 6 rejects.
#ifndef POE_CNCURSESW_SHIM_H
#define POE_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <wchar.h>

// Hidden by glibc's feature macros (which SwiftPM drops); ncurses measures cells with it.
extern int wcwidth(wchar_t c);

// Attribute bits are NCURSES_BITS() macros.
static inline attr_t ncw_attr_bold(void) { return A_BOLD; }
static inline attr_t ncw_attr_dim(void) { return A_DIM; }
static inline attr_t ncw_attr_italic(void) { return A_ITALIC; }
static inline attr_t ncw_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t ncw_attr_reverse(void) { return A_REVERSE; }

// KEY_F(n) is a macro.
static inline int ncw_key_f(int n) { return KEY_F(n); }

// Mouse masks are macros.
static inline mmask_t ncw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ncw_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t ncw_button5_pressed(void) { return BUTTON5_PRESSED; }

// COLORS and COLOR_PAIRS are mutable globals, which Swift 6 rejects.
static inline int ncw_colors(void) { return COLORS; }
static inline int ncw_color_pairs(void) { return COLOR_PAIRS; }

// stdscr is a mutable global, which Swift 6 rejects: the current screen's main window.
static inline WINDOW *ncw_stdscr(void) { return stdscr; }

// tigetstr reports "absent" as NULL and "not a string capability" as (char *)-1.
static inline const char *ncw_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return value == (char *)-1 ? NULL : value;
}

// tiparm is variadic, which Swift cannot call: one and two integer parameters cover every
// capability the frame writer uses (cup, setaf, setab).
static inline const char *ncw_tiparm1(const char *capability, int first) { return tiparm(capability, first); }
static inline const char *ncw_tiparm2(const char *capability, int first, int second) { return tiparm(capability, first, second); }

// CCHARW_MAX is a macro: how many wchar_t one cell holds (a base and its combining marks).
static inline int ncw_cchar_max(void) { return CCHARW_MAX; }

#endif
