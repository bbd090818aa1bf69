/*
 * fuzz_feed: the streaming analyzer must not care how the input is cut.
 *
 * The first input byte picks the chunking (byte by byte, or random chunks
 * up to 2^k bytes from a generator seeded with that byte and the length);
 * the rest is the text.  The report from the chunked feed must equal the
 * one-shot report in every field, and a failure must be the same failure;
 * so must a streaming analyzer's report of the text lent to it
 * (lent_like_fed).  The blocks that rs_analyzer_on_block() hands over are
 * the whole analysis's, streamed too when the text fits one window.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"
#include "fuzz_util.h"

static void same_counts(const rs_counts *a, const rs_counts *b, const char *what)
{
    /* rs_counts is all uint64_t: no padding, so memcmp compares fields. */
    FUZZ_CHECK(memcmp(a, b, sizeof *a) == 0, "%s counts differ", what);
}

static void same_scores(const rs_readability *a, const rs_readability *b, const char *what)
{
    for (int i = 0; i < RS_SCORE__COUNT; i++) {
        FUZZ_CHECK(a->defined[i] == b->defined[i], "%s score %d defined", what, i);
        FUZZ_CHECK(a->value[i] == b->value[i], "%s score %d: %g vs %g", what, i, a->value[i],
                   b->value[i]);
    }
}

static void same_time(const rs_reading_time *a, const rs_reading_time *b, const char *what)
{
    FUZZ_CHECK(a->seconds == b->seconds && a->minutes == b->minutes
                   && a->words_per_minute == b->words_per_minute,
               "%s reading time differs", what);
}

static void same_report(const rs_report *a, const rs_report *b)
{
    size_t la, lb;
    const char *ta = rs_report_text(a, &la), *tb = rs_report_text(b, &lb);
    FUZZ_CHECK(la == lb && memcmp(ta, tb, la) == 0, "text differs");
    same_counts(rs_report_counts(a), rs_report_counts(b), "document");
    same_scores(rs_report_readability(a), rs_report_readability(b), "document");
    same_time(rs_report_reading_time(a), rs_report_reading_time(b), "document");
    same_counts(rs_report_page_counts(a), rs_report_page_counts(b), "page");
    same_scores(rs_report_page_readability(a), rs_report_page_readability(b), "page");
    same_time(rs_report_page_reading_time(a), rs_report_page_reading_time(b), "page");
    FUZZ_CHECK(rs_report_invalid_utf8(a) == rs_report_invalid_utf8(b), "invalid_utf8");
    FUZZ_CHECK(rs_report_format(a) == rs_report_format(b), "format");
    size_t nm = rs_report_meta_count(a);
    FUZZ_CHECK(nm == rs_report_meta_count(b), "meta count");
    for (size_t i = 0; i < nm; i++) {
        const char *ka, *va, *kb, *vb;
        FUZZ_CHECK(rs_report_meta_at(a, i, &ka, &va) && rs_report_meta_at(b, i, &kb, &vb),
                   "meta %zu missing", i);
        FUZZ_CHECK(strcmp(ka, kb) == 0 && strcmp(va, vb) == 0, "meta %zu differs", i);
    }

    size_t nb = rs_report_block_count(a);
    FUZZ_CHECK(nb == rs_report_block_count(b), "block count %zu vs %zu", nb,
               rs_report_block_count(b));
    for (size_t i = 0; i < nb; i++) {
        const rs_block *x = rs_report_block(a, i), *y = rs_report_block(b, i);
        FUZZ_CHECK(x->kind == y->kind && x->role == y->role && x->level == y->level
                       && x->start == y->start && x->end == y->end && x->words == y->words
                       && x->sentences == y->sentences && x->section == y->section,
                   "block %zu differs: [%zu,%zu) vs [%zu,%zu)", i, x->start, x->end, y->start,
                   y->end);
        same_counts(&x->counts, &y->counts, "block");
        size_t xl, yl;
        const char *xt = rs_report_block_text(a, i, &xl), *yt = rs_report_block_text(b, i, &yl);
        FUZZ_CHECK(xl == yl && (xl == 0 || memcmp(xt, yt, xl) == 0), "block %zu text differs", i);
    }
    size_t ns = rs_report_section_count(a);
    FUZZ_CHECK(ns == rs_report_section_count(b), "section count");
    for (size_t i = 0; i < ns; i++) {
        const rs_section *x = rs_report_section(a, i), *y = rs_report_section(b, i);
        FUZZ_CHECK(x->heading_block == y->heading_block && x->level == y->level
                       && x->parent == y->parent && x->boilerplate == y->boilerplate
                       && x->start == y->start && x->end == y->end,
                   "section %zu differs", i);
        same_counts(&x->counts, &y->counts, "section");
        same_scores(&x->readability, &y->readability, "section");
        same_time(&x->reading_time, &y->reading_time, "section");
    }
    size_t nsent = rs_report_sentence_count(a);
    FUZZ_CHECK(nsent == rs_report_sentence_count(b), "sentence count");
    for (size_t i = 0; i < nsent; i++) {
        const rs_sentence *x = rs_report_sentence(a, i), *y = rs_report_sentence(b, i);
        FUZZ_CHECK(x->start == y->start && x->end == y->end && x->block == y->block
                       && x->first_word == y->first_word && x->words == y->words
                       && x->scored_words == y->scored_words && x->syllables == y->syllables,
                   "sentence %zu differs", i);
    }
    size_t nw = rs_report_word_count(a);
    FUZZ_CHECK(nw == rs_report_word_count(b), "word count");
    for (size_t i = 0; i < nw; i++) {
        const rs_word *x = rs_report_word(a, i), *y = rs_report_word(b, i);
        FUZZ_CHECK(x->start == y->start && x->end == y->end && x->kind == y->kind
                       && x->syllables == y->syllables,
                   "word %zu differs", i);
    }
}

/*
 * rs_analyzer_on_block()'s views: every block once, in order, each as the
 * report `want` holds it (NULL: only the order is checked).
 */
typedef struct views_seen {
    const rs_report *want;
    bool all;
    size_t next;
} views_seen;

static void check_view(void *ud, const rs_block_view *v)
{
    views_seen *s = ud;
    FUZZ_CHECK(v->index == s->next, "block %zu handed over as %zu", s->next, v->index);
    FUZZ_CHECK(v->block != NULL && (v->text != NULL || v->len == 0), "view %zu is empty",
               v->index);
    FUZZ_CHECK(v->index > 0 || !v->continues, "the first view goes on from none");
    s->next++;
    if (!s->want)
        return;
    const rs_block *w = rs_report_block(s->want, v->index);
    FUZZ_CHECK(w != NULL, "view %zu past the report's blocks", v->index);
    const rs_block *b = v->block;
    FUZZ_CHECK(w->kind == b->kind && w->role == b->role && w->start == b->start
                   && w->end == b->end && w->words == b->words && w->section == b->section,
               "view %zu differs from the block: [%zu,%zu) vs [%zu,%zu)", v->index, b->start,
               b->end, w->start, w->end);
    size_t wl;
    const char *wt = rs_report_block_text(s->want, v->index, &wl);
    FUZZ_CHECK(wl == v->len && (wl == 0 || memcmp(wt, v->text, wl) == 0),
               "view %zu's text differs", v->index);
    FUZZ_CHECK(v->main == rs_report_block_is_main(s->want, v->index, s->all),
               "view %zu: main differs", v->index);
}

/* Feeds text in chunks chosen by mode, its views checked against want
   (NULL: none is); returns the first failure, if any. */
static rs_status feed_chunked(const rs_options *o, const uint8_t *text, size_t len,
                              uint8_t mode, const rs_report *want, rs_report **out)
{
    rs_analyzer *a;
    rs_status st = rs_analyzer_new(o, &a);
    FUZZ_CHECK(st == RS_OK, "rs_analyzer_new: %s", rs_strerror(st));
    views_seen seen = {want, (o->flags & RS_OPT_ALL) != 0, 0};
    st = rs_analyzer_on_block(a, check_view, &seen);
    FUZZ_CHECK(st == RS_OK, "rs_analyzer_on_block: %s", rs_strerror(st));
    uint32_t state = 0x9E3779B9u ^ mode ^ (uint32_t)len * 2654435761u;
    if (state == 0)
        state = 1; /* xorshift would stay at 0 forever */
    size_t max_chunk = mode == 0 ? 1 : (size_t)1 << (mode % 13);
    size_t pos = 0;
    while (st == RS_OK && pos < len) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        size_t n = mode == 0 ? 1 : state % (max_chunk + 1); /* empty chunks too */
        if (n > len - pos)
            n = len - pos;
        st = rs_analyzer_feed(a, (const char *)text + pos, n);
        pos += n;
    }
    if (st == RS_OK)
        st = rs_analyzer_finish(a, out);
    else
        FUZZ_CHECK(rs_analyzer_feed(a, "x", 1) == st, "a failed analyzer must stay failed");
    if (st == RS_OK && want)
        FUZZ_CHECK(seen.next == rs_report_block_count(want), "%zu views of %zu blocks",
                   seen.next, rs_report_block_count(want));
    rs_analyzer_free(a);
    return st;
}

/*
 * The same input lent whole to a streaming analyzer (rs_analyzer_lend())
 * and committed in steps that mode picks, in the format it picks, gives
 * the report of the input fed.  The loan is an exact-size copy, so that a
 * read past the input's end is the sanitizer's to catch: a fed input has
 * room after it, a mapped file may not.
 */
static void lent_like_fed(const uint8_t *text, size_t len, uint8_t mode)
{
    static const rs_format formats[] = {RS_FORMAT_TEXT, RS_FORMAT_MARKDOWN, RS_FORMAT_HTML};
    rs_options o;
    rs_options_init(&o);
    o.format = formats[mode % 3];
    o.flags = RS_OPT_STREAM;
    char *input = malloc(len ? len : 1);
    FUZZ_CHECK(input != NULL, "out of memory");
    if (len)
        memcpy(input, text, len);
    /* within one window, streaming hands over the whole analysis's blocks */
    rs_options whole_o = o;
    whole_o.flags = 0;
    rs_report *whole = NULL;
    rs_analyze((const char *)text, len, &whole_o, &whole);
    bool one_window = whole && rs_report_block_count(whole) < 1024 && len < 256 * 1024;
    views_seen seen = {one_window ? whole : NULL, false, 0};
    rs_analyzer *a;
    rs_status st = rs_analyzer_new(&o, &a);
    FUZZ_CHECK(st == RS_OK, "rs_analyzer_new: %s", rs_strerror(st));
    st = rs_analyzer_on_block(a, check_view, &seen);
    FUZZ_CHECK(st == RS_OK, "rs_analyzer_on_block: %s", rs_strerror(st));
    st = rs_analyzer_lend(a, input, len);
    size_t step = (size_t)1 << (mode % 13);
    for (size_t p = 0; st == RS_OK && p < len; p += step)
        st = rs_analyzer_commit(a, len - p < step ? len - p : step);
    rs_report *lent = NULL, *fed = NULL;
    if (st == RS_OK)
        st = rs_analyzer_finish(a, &lent);
    if (st == RS_OK && seen.want)
        FUZZ_CHECK(seen.next == rs_report_block_count(whole), "%zu views of %zu blocks",
                   seen.next, rs_report_block_count(whole));
    rs_analyzer_free(a);
    rs_report_free(whole);
    free(input);
    rs_status st_fed = rs_analyze((const char *)text, len, &o, &fed);
    FUZZ_CHECK(st == st_fed, "lent: %s, fed: %s", rs_strerror(st), rs_strerror(st_fed));
    if (lent && fed)
        same_report(lent, fed);
    rs_report_free(lent);
    rs_report_free(fed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_INPUT)
        return 0;
    uint8_t mode = data[0];
    const uint8_t *text = data + 1;
    size_t len = size - 1;

    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    o.flags = RS_OPT_DETAIL;
    rs_report *whole = NULL, *chunked = NULL;
    rs_status st_whole = rs_analyze((const char *)text, len, &o, &whole);
    rs_status st_chunked = feed_chunked(&o, text, len, mode, whole, &chunked);
    FUZZ_CHECK(st_whole == st_chunked, "one-shot: %s, chunked (mode %u): %s",
               rs_strerror(st_whole), mode, rs_strerror(st_chunked));
    FUZZ_CHECK((st_whole == RS_OK) == (whole != NULL), "report iff RS_OK");
    if (whole && chunked)
        same_report(whole, chunked);
    rs_report_free(whole);
    rs_report_free(chunked);
    lent_like_fed(text, len, mode);
    return 0;
}
