/* helpers.h: shared by the C tests. */
#ifndef RS_TESTS_HELPERS_H
#define RS_TESTS_HELPERS_H

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"

/* key[0..len), len <= 16, as two little-endian eights, zero padded: the
   form the word tables and rs__strset_add_short() take keys in. */
static inline void pack_eights(const char *key, size_t len, uint64_t w[2])
{
    w[0] = w[1] = 0;
    for (size_t i = 0; i < len; i++)
        w[i / 8] |= (uint64_t)(unsigned char)key[i] << (8 * (i % 8));
}

/* The rest of an open file, NUL-terminated; closes fp. */
static inline char *read_whole_file(FILE *fp, size_t *len)
{
    cr_assert_eq(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    cr_assert_geq(size, 0);
    cr_assert_eq(fseek(fp, 0, SEEK_SET), 0);
    char *buf = malloc((size_t)size + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    buf[size] = '\0';
    *len = (size_t)size;
    return buf;
}

/* An allocator hook that keeps count: the bytes live now, the most live at
   once, and the calls that allocated. */
typedef struct alloc_tally {
    size_t live, peak, calls;
} alloc_tally;

static inline void *alloc_tally_realloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    alloc_tally *t = ud;
    if (new_size == 0) {
        free(ptr);
        t->live -= old_size;
        return NULL;
    }
    void *p = realloc(ptr, new_size);
    if (p) {
        t->calls++;
        t->live += new_size - (ptr ? old_size : 0);
        if (t->live > t->peak)
            t->peak = t->live;
    }
    return p;
}

/* text analysed with the options o (NULL: the defaults), fed to an analyzer
   chunk bytes at a time. */
/* The same, each block handed to on_block (rs_analyzer_on_block()) unless it is NULL. */
static inline rs_report *analyze_in_chunks_handing(const char *text, size_t len, size_t chunk,
                                                   const rs_options *o, rs_block_fn on_block,
                                                   void *ud)
{
    rs_analyzer *a = NULL;
    cr_assert_eq(rs_analyzer_new(o, &a), RS_OK);
    if (on_block)
        cr_assert_eq(rs_analyzer_on_block(a, on_block, ud), RS_OK);
    for (size_t p = 0; p < len; p += chunk) {
        rs_status st = rs_analyzer_feed(a, text + p, len - p < chunk ? len - p : chunk);
        cr_assert_eq(st, RS_OK, "feed at %zu: %s", p, rs_strerror(st));
    }
    rs_report *r = NULL;
    rs_status st = rs_analyzer_finish(a, &r);
    cr_assert_eq(st, RS_OK, "finish: %s", rs_strerror(st));
    rs_analyzer_free(a);
    return r;
}

static inline rs_report *analyze_in_chunks(const char *text, size_t len, size_t chunk,
                                           const rs_options *o)
{
    return analyze_in_chunks_handing(text, len, chunk, o, NULL, NULL);
}

static inline rs_report *analyze_detail(const char *text)
{
    rs_options o;
    rs_options_init(&o);
    o.flags = RS_OPT_DETAIL;
    rs_report *r = NULL;
    rs_status st = rs_analyze(text, strlen(text), &o, &r);
    cr_assert_eq(st, RS_OK, "rs_analyze: %s", rs_strerror(st));
    return r;
}

/* The sentence's bytes with white-space runs collapsed, as the JSON shows. */
static inline char *sentence_text(const rs_report *r, size_t i)
{
    const rs_sentence *s = rs_report_sentence(r, i);
    const char *text = rs_report_text(r, NULL);
    char *out = malloc(s->end - s->start + 1);
    size_t o = 0;
    int space = 0;
    for (size_t p = s->start; p < s->end; p++) {
        unsigned char c = (unsigned char)text[p];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = 1;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return out;
}

/* Checks that text splits into exactly the NULL-terminated list expected. */
static inline void expect_sentences(const char *text, const char *const *expected)
{
    rs_report *r = analyze_detail(text);
    size_t n = 0;
    while (expected[n])
        n++;
    size_t got = rs_report_sentence_count(r);
    for (size_t i = 0; i < got && i < n; i++) {
        char *s = sentence_text(r, i);
        cr_expect_str_eq(s, expected[i], "in \"%s\": sentence %zu", text, i);
        free(s);
    }
    cr_expect_eq(got, n, "in \"%s\": %zu sentences, expected %zu", text, got, n);
    cr_expect_eq(rs_report_counts(r)->sentences, n);
    rs_report_free(r);
}

#define SENTENCES(...) ((const char *const[]){__VA_ARGS__, NULL})

#endif
