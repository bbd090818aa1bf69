/*
 * fuzz_markup.h: one body for the Markdown and HTML targets.  The parsers
 * (md4c, libxml2) and our front-ends over them must not crash, leak or go
 * wrong on any bytes: the report is the same however the input is
 * chunked, every figure is finite, and the JSON form is strict JSON.
 * FUZZ_FORMAT picks the front-end.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "json_check.h"
#include "readstat.h"

typedef struct sink {
    char *buf;
    size_t len, cap;
} sink;

static int collect(void *ud, const char *bytes, size_t len)
{
    sink *s = ud;
    if (s->len + len > s->cap) {
        s->cap = (s->len + len) * 2 + 64;
        s->buf = realloc(s->buf, s->cap);
        FUZZ_CHECK(s->buf != NULL, "out of memory");
    }
    memcpy(s->buf + s->len, bytes, len);
    s->len += len;
    return 0;
}

static rs_status analyze_chunked(const uint8_t *data, size_t size, size_t chunk,
                                 const rs_options *o, rs_report **out)
{
    rs_analyzer *a;
    rs_status st = rs_analyzer_new(o, &a);
    FUZZ_CHECK(st == RS_OK, "new: %s", rs_strerror(st));
    for (size_t p = 0; p < size && st == RS_OK; p += chunk)
        st = rs_analyzer_feed(a, (const char *)data + p, size - p < chunk ? size - p : chunk);
    if (st == RS_OK)
        st = rs_analyzer_finish(a, out);
    rs_analyzer_free(a);
    return st;
}

static void check_figures(const rs_report *r)
{
    const rs_readability *scores[] = {rs_report_readability(r), rs_report_page_readability(r)};
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < RS_SCORE__COUNT; i++)
            FUZZ_CHECK(isfinite(scores[k]->value[i]), "score %d not finite", i);
    const rs_counts *c = rs_report_counts(r), *page = rs_report_page_counts(r);
    FUZZ_CHECK(c->words <= page->words, "main words %llu > page %llu",
               (unsigned long long)c->words, (unsigned long long)page->words);
    for (size_t i = 0, n = rs_report_block_count(r); i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        FUZZ_CHECK(b->start <= b->end, "block %zu span", i);
        FUZZ_CHECK((unsigned)b->kind < RS_BLOCK__COUNT && (unsigned)b->role < RS_ROLE__COUNT,
                   "block %zu kind or role", i);
        size_t len;
        const char *text = rs_report_block_text(r, i, &len);
        FUZZ_CHECK(text != NULL || len == 0, "block %zu text", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    /* The first byte picks the chunk size; the rest is the document. */
    size_t chunk = 1 + data[0] % 97;
    data++;
    size--;
    rs_options o;
    rs_options_init(&o);
    o.format = FUZZ_FORMAT;
    o.flags = RS_OPT_DETAIL;
    rs_report *whole = NULL, *chunked = NULL;
    rs_status st1 = rs_analyze((const char *)data, size, &o, &whole);
    rs_status st2 = analyze_chunked(data, size, chunk, &o, &chunked);
    FUZZ_CHECK(st1 == st2, "one buffer: %s, chunks of %zu: %s", rs_strerror(st1), chunk,
               rs_strerror(st2));
    if (st1 != RS_OK) {
        FUZZ_CHECK(st1 == RS_ERR_BINARY || st1 == RS_ERR_ENCODING, "unexpected %s",
                   rs_strerror(st1));
        return 0;
    }
    FUZZ_CHECK(rs_report_format(whole) == FUZZ_FORMAT, "format");
    FUZZ_CHECK(memcmp(rs_report_page_counts(whole), rs_report_page_counts(chunked),
                      sizeof(rs_counts)) == 0, "chunking changes the page counts");
    FUZZ_CHECK(memcmp(rs_report_counts(whole), rs_report_counts(chunked), sizeof(rs_counts)) == 0,
               "chunking changes the main counts");
    FUZZ_CHECK(rs_report_block_count(whole) == rs_report_block_count(chunked),
               "chunking changes the blocks");
    FUZZ_CHECK(rs_report_sentence_count(whole) == rs_report_sentence_count(chunked),
               "chunking changes the sentences");
    check_figures(whole);

    sink s = {0};
    FUZZ_CHECK(rs_report_write_json(whole, "fuzz", RS_JSON_DETAIL, collect, &s) == RS_OK, "json");
    json_check_result v = json_check(s.buf, s.len, 16);
    FUZZ_CHECK(v.ok, "invalid JSON at %zu: %s", v.offset, v.message);
    free(s.buf);
    rs_report_free(whole);
    rs_report_free(chunked);
    return 0;
}
