#ifndef PCMD_CNCURSESW_SHIM_H
#define PCMD_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Not visible through Swift's Glibc module.
int wcwidth(wchar_t c);
int wcswidth(const wchar_t *s, size_t n);

// Macros and globals Swift cannot import (or rejects as not concurrency-safe).
static inline WINDOW *pcmd_stdscr(void) { return stdscr; }
static inline int pcmd_lines(void) { return LINES; }
static inline int pcmd_cols(void) { return COLS; }
static inline int pcmd_colors(void) { return COLORS; }
static inline attr_t pcmd_a_bold(void) { return A_BOLD; }
static inline attr_t pcmd_a_reverse(void) { return A_REVERSE; }
static inline attr_t pcmd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pcmd_a_dim(void) { return A_DIM; }
static inline int pcmd_key_f(int n) { return KEY_F(n); }
static inline void pcmd_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline void pcmd_getyx(WINDOW *w, int *y, int *x) { getyx(w, *y, *x); }
// curses writes a frame through stdio; a full buffer makes it one write, not one per run.
static inline void pcmd_buffer_stdout(void) { setvbuf(stdout, NULL, _IOFBF, 1 << 16); }
static inline int pcmd_color_pairs(void) { return COLOR_PAIRS; }
static inline mmask_t pcmd_mouse_mask(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int pcmd_mouse_kind(mmask_t s) {
    if (s & BUTTON1_DOUBLE_CLICKED) return 2;
    if (s & (BUTTON1_CLICKED | BUTTON1_PRESSED)) return 1;
    if (s & BUTTON4_PRESSED) return 3;
    if (s & BUTTON5_PRESSED) return 4;
    return 0;
}
#endif
