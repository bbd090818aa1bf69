/*
 * fuzz_text: the plain-text front-end through rs_analyze, with detail, and
 * the report's internal consistency: main blocks add up to the document and
 * all blocks to the page, nested sections to their blocks and top-level
 * sections to the document, sentences sit inside their blocks and words
 * inside their sentences, offsets only grow, scores are finite and defined
 * only when their counts allow.  Detail must not change any count, nor
 * RS_OPT_ALL the page's.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"
#include "fuzz_util.h"

#define FOR_EACH_COUNT(X)                                                              \
    X(characters) X(letters) X(digits) X(words) X(sentences) X(syllables) X(paragraphs) \
    X(monosyllables) X(polysyllables) X(complex_words) X(long_words) X(difficult_words) \
    X(cjk_chars) X(images) X(unscored_words)

static void check_scores(const rs_readability *r, const rs_counts *c, const char *what)
{
    for (int i = 0; i < RS_SCORE__COUNT; i++) {
        FUZZ_CHECK(isfinite(r->value[i]), "%s score %d not finite", what, i);
        if (!r->defined[i])
            FUZZ_CHECK(r->value[i] == 0.0, "%s undefined score %d is %g", what, i, r->value[i]);
        if (c->words == 0)
            FUZZ_CHECK(!r->defined[i], "%s score %d defined without words", what, i);
    }
    if (c->sentences == 0)
        FUZZ_CHECK(!r->defined[RS_SCORE_FLESCH_READING_EASE] && !r->defined[RS_SCORE_SMOG]
                       && !r->defined[RS_SCORE_LIX],
                   "%s sentence scores defined without sentences", what);
}

static void check_counts(const rs_counts *c, const char *what)
{
    FUZZ_CHECK(c->unscored_words <= c->words, "%s unscored > words", what);
    FUZZ_CHECK(c->cjk_chars <= c->unscored_words, "%s cjk > unscored", what);
    FUZZ_CHECK(c->sentences <= c->words, "%s a sentence without a word", what);
    FUZZ_CHECK(c->monosyllables + c->polysyllables <= c->words - c->unscored_words,
               "%s syllable classes exceed scored words", what);
    FUZZ_CHECK(c->complex_words <= c->polysyllables, "%s complex > polysyllables", what);
    FUZZ_CHECK(c->unfamiliar_words <= c->words, "%s unfamiliar > words", what);
    FUZZ_CHECK(c->difficult_words <= c->words, "%s difficult > words", what);
    FUZZ_CHECK(c->long_words <= c->words, "%s long > words", what);
    FUZZ_CHECK(c->letters + c->digits <= c->characters, "%s letters+digits > characters",
               what);
}

static void check_time(const rs_reading_time *t, const rs_counts *c, const char *what)
{
    FUZZ_CHECK(isfinite(t->words_per_minute) && t->words_per_minute > 0, "%s wpm", what);
    FUZZ_CHECK(t->minutes == t->seconds / 60 + (t->seconds % 60 != 0), "%s minutes", what);
    if (c->words == 0 && c->images == 0)
        FUZZ_CHECK(t->seconds == 0, "%s time without words", what);
}

static void add_all(rs_counts *into, const rs_counts *c)
{
#define ADD(f) into->f += c->f;
    FOR_EACH_COUNT(ADD)
#undef ADD
}

/* Every count but unfamiliar_words (unique words do not add up). */
static void same_sums(const rs_counts *sum, const rs_counts *c, const char *what)
{
#define SAME(f) FUZZ_CHECK(sum->f == c->f, "%s: " #f " sums to %llu, reported %llu", what, \
                           (unsigned long long)sum->f, (unsigned long long)c->f);
    FOR_EACH_COUNT(SAME)
#undef SAME
}

static void check_blocks(const rs_report *r, size_t len, bool all)
{
    size_t nb = rs_report_block_count(r), ns = rs_report_section_count(r);
    rs_counts main_sum = {0}, page_sum = {0};
    size_t prev_end = 0;
    const char *text = rs_report_text(r, NULL);
    for (size_t i = 0; i < nb; i++) {
        const rs_block *b = rs_report_block(r, i);
        FUZZ_CHECK(b->start < b->end && b->end <= len, "block %zu [%zu,%zu) of %zu", i,
                   b->start, b->end, len);
        FUZZ_CHECK(b->start >= prev_end, "block %zu overlaps the one before", i);
        FUZZ_CHECK((unsigned)b->kind < RS_BLOCK__COUNT && (unsigned)b->role < RS_ROLE__COUNT,
                   "block %zu kind/role", i);
        FUZZ_CHECK(b->section < ns, "block %zu section %zu of %zu", i, b->section, ns);
        FUZZ_CHECK(i == 0 || b->section >= rs_report_block(r, i - 1)->section,
                   "block %zu section goes back", i);
        FUZZ_CHECK((b->kind == RS_BLOCK_HEADING) == (b->level > 0), "block %zu level", i);
        FUZZ_CHECK(b->words == b->counts.words && b->sentences == b->counts.sentences,
                   "block %zu words/sentences differ from its counts", i);
        /* A paragraph of symbols alone ("?") is no paragraph to read. */
        FUZZ_CHECK(b->counts.paragraphs == (b->kind == RS_BLOCK_PARAGRAPH && b->sentences > 0),
                   "block %zu paragraphs", i);
        check_counts(&b->counts, "block");
        /* Plain text: the block's text is its source bytes. */
        size_t tlen;
        const char *bt = rs_report_block_text(r, i, &tlen);
        FUZZ_CHECK(bt && tlen == b->end - b->start && memcmp(bt, text + b->start, tlen) == 0,
                   "block %zu text is not its source", i);
        const rs_section *s = rs_report_section(r, b->section);
        FUZZ_CHECK(b->start >= s->start && b->end <= s->end, "block %zu outside its section", i);
        add_all(&page_sum, &b->counts);
        if (rs_report_block_is_main(r, i, all))
            add_all(&main_sum, &b->counts);
        FUZZ_CHECK(all || rs_report_block_is_main(r, i, true), "block %zu: all must be main", i);
        prev_end = b->end;
    }
    same_sums(&main_sum, rs_report_counts(r), "main blocks vs document");
    same_sums(&page_sum, rs_report_page_counts(r), "all blocks vs page");
    if (all)
        FUZZ_CHECK(memcmp(rs_report_counts(r), rs_report_page_counts(r), sizeof(rs_counts)) == 0,
                   "with RS_OPT_ALL the main figures are the page's");
    FUZZ_CHECK(nb == 0 || ns > 0, "blocks without a section");
}

/* Sections nest: each covers its own main blocks and its subsections'. */
static void check_sections(const rs_report *r, size_t len, bool all)
{
    size_t nb = rs_report_block_count(r), ns = rs_report_section_count(r);
    rs_counts *sums = calloc(ns ? ns : 1, sizeof *sums);
    FUZZ_CHECK(sums != NULL, "out of memory");
    for (size_t i = 0; i < nb; i++) {
        const rs_block *b = rs_report_block(r, i);
        if (!rs_report_block_is_main(r, i, all))
            continue;
        size_t depth = 0;
        for (size_t s = b->section; s != RS_NONE; s = rs_report_section(r, s)->parent) {
            FUZZ_CHECK(++depth <= ns, "section parents loop");
            add_all(&sums[s], &b->counts);
        }
    }
    rs_counts top = {0};
    for (size_t i = 0; i < ns; i++) {
        const rs_section *s = rs_report_section(r, i);
        FUZZ_CHECK(s->start <= s->end && s->end <= len, "section %zu span", i);
        if (s->parent != RS_NONE) {
            FUZZ_CHECK(s->parent < i, "section %zu parent %zu comes later", i, s->parent);
            const rs_section *p = rs_report_section(r, s->parent);
            FUZZ_CHECK(p->level < s->level && p->level > 0, "section %zu level %d under %d", i,
                       s->level, p->level);
            FUZZ_CHECK(s->start >= p->start && s->end <= p->end, "section %zu outside parent", i);
            FUZZ_CHECK(s->counts.unfamiliar_words <= p->counts.unfamiliar_words,
                       "section %zu has more unique words than its parent", i);
        } else {
            add_all(&top, &s->counts);
            FUZZ_CHECK(s->counts.unfamiliar_words <= rs_report_counts(r)->unfamiliar_words,
                       "section %zu has more unique words than the document", i);
        }
        if (s->heading_block != RS_NONE) {
            FUZZ_CHECK(s->heading_block < nb, "section %zu heading index", i);
            const rs_block *h = rs_report_block(r, s->heading_block);
            FUZZ_CHECK(h->kind == RS_BLOCK_HEADING && h->section == i && h->start == s->start,
                       "section %zu heading block", i);
            FUZZ_CHECK(s->level == h->level, "section %zu level", i);
        } else {
            FUZZ_CHECK(i == 0 && s->level == 0 && s->parent == RS_NONE,
                       "only the first section may lack a heading");
        }
        same_sums(&sums[i], &s->counts, "section blocks vs section");
        check_counts(&s->counts, "section");
        check_scores(&s->readability, &s->counts, "section");
        check_time(&s->reading_time, &s->counts, "section");
    }
    same_sums(&top, rs_report_counts(r), "top-level sections vs document");
    free(sums);
}

static void check_detail(const rs_report *r)
{
    const rs_counts *page = rs_report_page_counts(r);
    size_t nb = rs_report_block_count(r);
    size_t nsent = rs_report_sentence_count(r), nw = rs_report_word_count(r);
    FUZZ_CHECK(nsent == page->sentences, "detail sentences %zu != %llu", nsent,
               (unsigned long long)page->sentences);
    FUZZ_CHECK(nw == page->words, "detail words %zu != %llu", nw,
               (unsigned long long)page->words);
    size_t next_word = 0, prev_sentence_end = 0;
    uint64_t syllables = 0, scored = 0;
    for (size_t i = 0; i < nsent; i++) {
        const rs_sentence *s = rs_report_sentence(r, i);
        FUZZ_CHECK(s->block < nb, "sentence %zu block", i);
        const rs_block *b = rs_report_block(r, s->block);
        FUZZ_CHECK(s->start < s->end && s->start >= b->start && s->end <= b->end,
                   "sentence %zu [%zu,%zu) outside block [%zu,%zu)", i, s->start, s->end,
                   b->start, b->end);
        FUZZ_CHECK(s->start >= prev_sentence_end, "sentence %zu overlaps", i);
        FUZZ_CHECK(i == 0 || s->block >= rs_report_sentence(r, i - 1)->block,
                   "sentence %zu block order", i);
        FUZZ_CHECK(s->words > 0, "sentence %zu has no word", i);
        FUZZ_CHECK(s->first_word == next_word, "sentence %zu first word %zu, expected %zu", i,
                   s->first_word, next_word);
        FUZZ_CHECK(s->scored_words <= s->words, "sentence %zu scored > words", i);
        uint64_t word_syllables = 0, word_scored = 0;
        for (size_t k = s->first_word; k < s->first_word + s->words; k++) {
            const rs_word *w = rs_report_word(r, k);
            FUZZ_CHECK(w != NULL, "sentence %zu word %zu missing", i, k);
            FUZZ_CHECK(w->start < w->end && w->start >= s->start && w->end <= s->end,
                       "word %zu [%zu,%zu) outside sentence [%zu,%zu)", k, w->start, w->end,
                       s->start, s->end);
            FUZZ_CHECK((unsigned)w->kind < RS_WORD__COUNT, "word %zu kind", k);
            word_syllables += w->syllables;
            word_scored += w->syllables > 0;
        }
        FUZZ_CHECK(word_syllables == s->syllables, "sentence %zu syllables", i);
        FUZZ_CHECK(word_scored <= s->scored_words, "sentence %zu scored words", i);
        next_word += s->words;
        prev_sentence_end = s->end;
        syllables += s->syllables;
        scored += s->scored_words;
    }
    FUZZ_CHECK(next_word == nw, "words outside sentences");
    FUZZ_CHECK(syllables == page->syllables, "sentence syllables != page");
    FUZZ_CHECK(scored == page->words - page->unscored_words, "scored words != page");
    size_t prev_word_end = 0;
    for (size_t k = 0; k < nw; k++) {
        const rs_word *w = rs_report_word(r, k);
        FUZZ_CHECK(w->start >= prev_word_end, "word %zu overlaps the one before", k);
        prev_word_end = w->end;
    }
}

static void check_report(const rs_report *r, const uint8_t *text, size_t len, bool all)
{
    size_t tlen;
    const char *t = rs_report_text(r, &tlen);
    FUZZ_CHECK(tlen == len && memcmp(t, text, len) == 0, "report text is not the input");
    FUZZ_CHECK(rs_report_format(r) == RS_FORMAT_TEXT, "format %d", (int)rs_report_format(r));
    const rs_counts *c = rs_report_counts(r), *page = rs_report_page_counts(r);
    check_counts(c, "document");
    check_counts(page, "page");
    check_scores(rs_report_readability(r), c, "document");
    check_scores(rs_report_page_readability(r), page, "page");
    check_time(rs_report_reading_time(r), c, "document");
    check_time(rs_report_page_reading_time(r), page, "page");
    check_blocks(r, len, all);
    check_sections(r, len, all);
    check_detail(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    o.flags = RS_OPT_DETAIL;
    rs_report *r = NULL;
    rs_status st = rs_analyze((const char *)data, size, &o, &r);
    if (st != RS_OK) {
        FUZZ_CHECK(st == RS_ERR_BINARY || st == RS_ERR_ENCODING, "unexpected %s",
                   rs_strerror(st));
        FUZZ_CHECK(r == NULL, "a report with an error");
        FUZZ_CHECK(memchr(data, 0, size) != NULL
                       || (size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE)
                                         || (data[0] == 0xFE && data[1] == 0xFF))),
                   "error %s without a NUL or a BOM", rs_strerror(st));
        return 0;
    }
    FUZZ_CHECK(memchr(data, 0, size) == NULL, "NUL bytes accepted");
    check_report(r, data, size, false);

    /* Without detail: the same counts, no sentence or word lists. */
    o.flags = 0;
    rs_report *plain = NULL;
    st = rs_analyze((const char *)data, size, &o, &plain);
    FUZZ_CHECK(st == RS_OK, "without detail: %s", rs_strerror(st));
    FUZZ_CHECK(memcmp(rs_report_counts(plain), rs_report_counts(r), sizeof(rs_counts)) == 0,
               "detail changes the counts");
    FUZZ_CHECK(rs_report_block_count(plain) == rs_report_block_count(r), "detail changes blocks");
    FUZZ_CHECK(rs_report_sentence_count(plain) == 0 && rs_report_word_count(plain) == 0,
               "detail kept without RS_OPT_DETAIL");
    rs_report_free(plain);

    /* Everything counted: the same blocks, and the page figures become the main ones. */
    o.flags = RS_OPT_DETAIL | RS_OPT_ALL;
    rs_report *all = NULL;
    st = rs_analyze((const char *)data, size, &o, &all);
    FUZZ_CHECK(st == RS_OK, "with RS_OPT_ALL: %s", rs_strerror(st));
    FUZZ_CHECK(memcmp(rs_report_page_counts(all), rs_report_page_counts(r), sizeof(rs_counts)) == 0,
               "RS_OPT_ALL changes the page counts");
    check_report(all, data, size, true);
    rs_report_free(all);
    rs_report_free(r);
    return 0;
}
