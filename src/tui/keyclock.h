/* The console's own share of a key's time, for the console benchmark
 * (bench/run-console): with MYNADESK_KEYCLOCK naming a file, each key
 * appends one line, the milliseconds from the key's arrival to the screen
 * it brought handed to the terminal. The bench's own clock runs around
 * tmux as well; this one tells the two apart. Nothing else is written:
 * not the key, not the screen. */
#ifndef MYNA_TUI_KEYCLOCK_H
#define MYNA_TUI_KEYCLOCK_H

/* Opens the file named by MYNADESK_KEYCLOCK, if any. */
void keyclock_open(void);
/* A key arrived. */
void keyclock_start(void);
/* The screen is drawn: writes the line when a key started the clock. */
void keyclock_stop(void);
void keyclock_close(void);

#endif
