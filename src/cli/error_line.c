/* error_line.c: the library's JSON writer needs a report, which a failed
 * input does not have, hence this small escaper of its own. */
#include "error_line.h"

#include "output.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* A file name may hold any bytes: invalid UTF-8 becomes \ufffd so that the
 * line stays valid JSON. */
static void print_json_string(const char *s)
{
    size_t len = strlen(s), i = 0;
    out_puts("\"");
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            out_puts("\\ufffd");
            i++;
            continue;
        }
        if (cp == '"' || cp == '\\') {
            char esc[2] = {'\\', (char)cp};
            out_write(esc, 2);
        } else if (cp < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
            out_puts(esc);
        } else {
            out_write(s + i, (size_t)n);
        }
        i += (size_t)n;
    }
    out_puts("\"");
}

void print_error_line(const char *source, const char *message)
{
    out_puts("{\"source\":");
    print_json_string(source);
    out_puts(",\"error\":");
    print_json_string(message);
    out_puts("}\n");
}
