// ncursesw for Swift. SwiftPM drops pkg-config's -D flags, so the wide-character API is
// switched on here, before curses.h (see shared native notes).
#ifndef POE_CNCURSESW_SHIM_H
#define POE_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <curses.h>
#endif
