/* output.h: buffered standard output and the program's diagnostics. */
#ifndef READSTAT_CLI_OUTPUT_H
#define READSTAT_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* Restores the default SIGPIPE action: a reader that goes away (`| head`)
 * ends the program quietly, as it does for other filters. */
void out_init(void);

void out_write(const char *bytes, size_t len);
void out_puts(const char *s);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes n spaces. */
void out_pad(size_t n);

/* Sends the buffer to stdout; false once a write has failed. */
bool out_flush(void);
/* False after a write error (already reported on stderr, once). */
bool out_ok(void);

/*
 * -o FILE: the output goes to a temporary file beside FILE, which
 * out_close_file(true) syncs and renames over FILE, so that a reader never
 * sees a half-written report.  out_close_file(false), a failed write, or a
 * SIGINT/SIGTERM/SIGHUP removes the temporary file instead.  Both print
 * their errors; they return false on failure.
 */
bool out_open_file(const char *path);
bool out_close_file(bool keep);
/* Removes the temporary file of -o, for a run that is about to die; only
   async-signal-safe calls. */
void out_discard_file(void);

/* An rs_write_fn that appends to this buffer (ud unused). */
int out_write_cb(void *ud, const char *bytes, size_t len);

/* "readstat: <message>" on stderr, after flushing stdout so that the two
 * streams stay in order on a terminal. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
