/* strbuf.h: a growable byte buffer with JSON helpers.  Output that is built
 * off the main thread (batch workers, server requests) goes here, because
 * output.c's stdout buffer is shared and must only be touched by one
 * thread. */
#ifndef READSTAT_CLI_STRBUF_H
#define READSTAT_CLI_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *bytes;   /* not NUL-terminated unless sb_cstr() was called */
    size_t len, cap;
    bool failed;   /* an allocation failed: the contents are incomplete */
} strbuf;

void sb_free(strbuf *b);
void sb_write(strbuf *b, const char *bytes, size_t len);
void sb_puts(strbuf *b, const char *s);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminates and returns the contents ("" when empty or failed). */
const char *sb_cstr(strbuf *b);
/* An rs_write_fn appending to the strbuf in ud. */
int sb_write_cb(void *ud, const char *bytes, size_t len);

/* A JSON string.  Invalid UTF-8 becomes \ufffd so that the result stays
 * valid JSON whatever bytes a file name or a rule message holds; the
 * escapes are the same as cli_json_string's, so that both writers agree
 * byte for byte. */
void sb_json_string(strbuf *b, const char *s);
void sb_json_string_n(strbuf *b, const char *s, size_t len);
/* A finite number as "%.10g" (as the rules' JSON writes scores); 0 for
 * NaN or infinity, which JSON cannot hold. */
void sb_json_number(strbuf *b, double v);

#endif
