/*
 * fuzz_json: whatever the input, rs_report_write_json writes valid JSON
 * (checked by the strict validator in json_check.c), in pretty and compact
 * form, with and without detail, and the two forms say the same thing.  A
 * writer that refuses part way makes it stop with RS_ERR_STATE.
 *
 * The first input bytes (up to 24) are also used as the
 * "source" string, so file names with any bytes get escaped too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"
#include "fuzz_util.h"
#include "json_check.h"

typedef struct sink {
    char *buf;
    size_t len, cap;
    size_t stop_after; /* refuse once this many bytes came; SIZE_MAX: never */
    bool refused;
} sink;

static int sink_write(void *ud, const char *bytes, size_t len)
{
    sink *s = ud;
    FUZZ_CHECK(!s->refused, "the writer was called again after it refused");
    FUZZ_CHECK(len > 0, "an empty write");
    if (s->len + len > s->stop_after) {
        s->refused = true;
        return 1;
    }
    if (s->len + len > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + len)
            cap *= 2;
        char *grown = realloc(s->buf, cap);
        FUZZ_CHECK(grown != NULL, "out of memory");
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, bytes, len);
    s->len += len;
    return 0;
}

/* The JSON without the white space outside strings. */
static size_t squeeze(const char *in, size_t len, char *out)
{
    size_t o = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (in_string) {
            out[o++] = c;
            if (c == '\\' && i + 1 < len)
                out[o++] = in[++i];
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
            out[o++] = c;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out[o++] = c;
        }
    }
    return o;
}

static sink write_checked(const rs_report *r, const char *source, unsigned flags)
{
    sink s = {.stop_after = SIZE_MAX};
    rs_status st = rs_report_write_json(r, source, flags, sink_write, &s);
    FUZZ_CHECK(st == RS_OK, "write_json(flags %u): %s", flags, rs_strerror(st));
    json_check_result v = json_check(s.buf, s.len, 16);
    if (!v.ok) {
        size_t from = v.offset > 40 ? v.offset - 40 : 0;
        size_t to = v.offset + 40 < s.len ? v.offset + 40 : s.len;
        FUZZ_CHECK(v.ok, "invalid JSON (flags %u): %s at %zu: ...%.*s...", flags, v.message,
                   v.offset, (int)(to - from), s.buf + from);
    }
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    char source[25];
    size_t sl = 0;
    while (sl < size && sl < 24 && data[sl] != 0) {
        source[sl] = (char)data[sl];
        sl++;
    }
    source[sl] = '\0';

    for (int detail = 0; detail <= 1; detail++) {
        rs_options o;
        rs_options_init(&o);
        o.format = RS_FORMAT_TEXT;
        o.flags = detail ? RS_OPT_DETAIL : 0;
        rs_report *r = NULL;
        if (rs_analyze((const char *)data, size, &o, &r) != RS_OK)
            return 0;
        unsigned base = detail ? RS_JSON_DETAIL : 0;
        const char *src = sl % 3 == 0 ? NULL : source;
        sink compact = write_checked(r, src, base);
        sink pretty = write_checked(r, src, base | RS_JSON_PRETTY);
        /* Pretty printing only adds white space between tokens. */
        char *squeezed = malloc(pretty.len + 1);
        FUZZ_CHECK(squeezed != NULL, "out of memory");
        size_t n = squeeze(pretty.buf, pretty.len, squeezed);
        FUZZ_CHECK(n == compact.len && memcmp(squeezed, compact.buf, n) == 0,
                   "pretty and compact JSON differ beyond white space");
        free(squeezed);
        /* Detail asked of a report without it adds nothing. */
        if (!detail) {
            sink asked = write_checked(r, src, RS_JSON_DETAIL);
            FUZZ_CHECK(asked.len == compact.len && memcmp(asked.buf, compact.buf, asked.len) == 0,
                       "RS_JSON_DETAIL without RS_OPT_DETAIL changed the output");
            free(asked.buf);
        }
        /* A writer that gives up: the writer must stop and say so. */
        if (compact.len > 0) {
            sink stop = {.stop_after = (size % compact.len)};
            rs_status st = rs_report_write_json(r, src, base, sink_write, &stop);
            FUZZ_CHECK(st == RS_ERR_STATE, "a refusing writer gave %s", rs_strerror(st));
            FUZZ_CHECK(stop.refused && stop.len <= stop.stop_after
                           && memcmp(stop.buf ? stop.buf : "", compact.buf, stop.len) == 0,
                       "the output before the refusal differs");
            free(stop.buf);
        }
        free(compact.buf);
        free(pretty.buf);
        rs_report_free(r);
    }
    return 0;
}
