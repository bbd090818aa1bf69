/* The streaming analyzer: chunking, bad input, allocation, options. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "helpers.h"

static const char sample[] =
    "Storm Warning\n\n"
    "The storm reached the coast at 5 a.m. on Monday. Mr. Ortiz, the mayor, said: \"We are ready.\"\r\n"
    "Officials expect 1,200 people to leave; see https://example.org/storm. Café owners closed early…\n\n"
    "  • Roads closed\n  • Schools shut\n\n"
    "What Comes Next\n"
    "Forecasters at the U.S. weather service think the rain will ease. Nobody is sure! 天气很坏。\n"
    "Invalid \xC3 byte and \xF0\x9F\x98 truncated emoji, a stray \x80 too.\n";

/* Everything a report says, compared field by field (structs have padding). */
static void expect_same_counts(const rs_counts *a, const rs_counts *b)
{
    cr_assert_eq(memcmp(a, b, sizeof *a), 0); /* all uint64_t: no padding */
}

static void expect_same_scores(const rs_readability *a, const rs_readability *b)
{
    for (int i = 0; i < RS_SCORE__COUNT; i++) {
        cr_assert_eq(a->defined[i], b->defined[i]);
        cr_assert_eq(a->value[i], b->value[i]);
    }
}

static void expect_same_report(const rs_report *a, const rs_report *b)
{
    expect_same_counts(rs_report_counts(a), rs_report_counts(b));
    expect_same_scores(rs_report_readability(a), rs_report_readability(b));
    cr_assert_eq(rs_report_reading_time(a)->seconds, rs_report_reading_time(b)->seconds);
    cr_assert_eq(rs_report_reading_time(a)->minutes, rs_report_reading_time(b)->minutes);
    cr_assert_eq(rs_report_invalid_utf8(a), rs_report_invalid_utf8(b));
    cr_assert_eq(rs_report_block_count(a), rs_report_block_count(b));
    for (size_t i = 0; i < rs_report_block_count(a); i++) {
        const rs_block *x = rs_report_block(a, i), *y = rs_report_block(b, i);
        cr_assert(x->kind == y->kind && x->role == y->role && x->level == y->level
                  && x->start == y->start && x->end == y->end && x->words == y->words
                  && x->sentences == y->sentences && x->section == y->section, "block %zu", i);
    }
    cr_assert_eq(rs_report_section_count(a), rs_report_section_count(b));
    for (size_t i = 0; i < rs_report_section_count(a); i++) {
        const rs_section *x = rs_report_section(a, i), *y = rs_report_section(b, i);
        cr_assert(x->heading_block == y->heading_block && x->level == y->level
                  && x->start == y->start && x->end == y->end, "section %zu", i);
        expect_same_counts(&x->counts, &y->counts);
        expect_same_scores(&x->readability, &y->readability);
        cr_assert_eq(x->reading_time.seconds, y->reading_time.seconds);
    }
    cr_assert_eq(rs_report_sentence_count(a), rs_report_sentence_count(b));
    for (size_t i = 0; i < rs_report_sentence_count(a); i++) {
        const rs_sentence *x = rs_report_sentence(a, i), *y = rs_report_sentence(b, i);
        cr_assert(x->start == y->start && x->end == y->end && x->block == y->block
                  && x->first_word == y->first_word && x->words == y->words
                  && x->scored_words == y->scored_words && x->syllables == y->syllables,
                  "sentence %zu", i);
    }
    cr_assert_eq(rs_report_word_count(a), rs_report_word_count(b));
    for (size_t i = 0; i < rs_report_word_count(a); i++) {
        const rs_word *x = rs_report_word(a, i), *y = rs_report_word(b, i);
        cr_assert(x->start == y->start && x->end == y->end && x->kind == y->kind
                  && x->syllables == y->syllables, "word %zu", i);
    }
}

static rs_report *feed_in_chunks(const char *text, size_t len, const size_t *cuts, size_t ncuts)
{
    rs_options o;
    rs_options_init(&o);
    o.flags = RS_OPT_DETAIL;
    rs_analyzer *an;
    cr_assert_eq(rs_analyzer_new(&o, &an), RS_OK);
    size_t pos = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t next = i < ncuts ? cuts[i] : len;
        cr_assert_eq(rs_analyzer_feed(an, text + pos, next - pos), RS_OK);
        pos = next;
    }
    rs_report *r;
    cr_assert_eq(rs_analyzer_finish(an, &r), RS_OK);
    rs_analyzer_free(an);
    return r;
}

Test(analyzer, any_chunking_gives_the_same_report)
{
    size_t len = sizeof sample - 1;
    rs_report *whole = feed_in_chunks(sample, len, NULL, 0);
    /* every single split point: inside UTF-8 sequences, CRLF, words, sentences */
    for (size_t cut = 0; cut <= len; cut++) {
        rs_report *r = feed_in_chunks(sample, len, &cut, 1);
        expect_same_report(whole, r);
        rs_report_free(r);
    }
    /* byte by byte */
    size_t *cuts = malloc(len * sizeof *cuts);
    for (size_t i = 0; i < len; i++)
        cuts[i] = i;
    rs_report *bytewise = feed_in_chunks(sample, len, cuts, len);
    expect_same_report(whole, bytewise);
    rs_report_free(bytewise);
    /* random splits, reproducible */
    uint32_t seed = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = 0;
        for (size_t p = 0; p < len; p++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 7 == 0)
                cuts[n++] = p;
        }
        rs_report *r = feed_in_chunks(sample, len, cuts, n);
        expect_same_report(whole, r);
        rs_report_free(r);
    }
    free(cuts);
    rs_report_free(whole);
}

Test(analyzer, invalid_utf8_is_replaced_and_counted)
{
    rs_report *r = analyze_detail(sample);
    /* \xC3 alone, \xF0\x9F\x98 (one maximal subpart), \x80 */
    cr_expect_eq(rs_report_invalid_utf8(r), 3);
    rs_report_free(r);
    const char *kinds[] = {
        "overlong \xC0\xAF slash", "surrogate \xED\xA0\x80 half", "too big \xF4\x90\x80\x80 value",
        "truncated \xE2\x82", "stray \xBF byte", "lead \xFE\xFF bytes",
    };
    const uint64_t expected[] = {2, 3, 4, 1, 1, 2};
    const uint64_t words[] = {2, 2, 3, 1, 2, 2};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        rs_report *k = analyze_detail(kinds[i]);
        cr_expect_eq(rs_report_invalid_utf8(k), expected[i], "case %zu: %llu", i,
                     (unsigned long long)rs_report_invalid_utf8(k));
        cr_expect_eq(rs_report_counts(k)->words, words[i], "case %zu", i);
        rs_report_free(k);
    }
}

Test(analyzer, nul_bytes_mean_binary)
{
    rs_report *r = (rs_report *)1;
    cr_expect_eq(rs_analyze("text\0more", 9, NULL, &r), RS_ERR_BINARY);
    cr_expect_null(r);
    /* the NUL may arrive in a later chunk */
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    cr_expect_eq(rs_analyzer_feed(a, "plenty of ordinary text", 23), RS_OK);
    cr_expect_eq(rs_analyzer_feed(a, "x\0", 2), RS_ERR_BINARY);
    cr_expect_eq(rs_analyzer_feed(a, "more", 4), RS_ERR_BINARY, "errors are sticky");
    cr_expect_eq(rs_analyzer_finish(a, &r), RS_ERR_BINARY);
    rs_analyzer_free(a);
}

Test(analyzer, utf16_and_utf32_are_refused_clearly)
{
    rs_report *r;
    cr_expect_eq(rs_analyze("\xFF\xFEH\0i\0", 6, NULL, &r), RS_ERR_ENCODING);
    cr_expect_eq(rs_analyze("\xFE\xFF\0H\0i", 6, NULL, &r), RS_ERR_ENCODING);
    cr_expect_eq(rs_analyze("\0\0\xFE\xFF\0\0\0H", 8, NULL, &r), RS_ERR_ENCODING);
    /* no byte order mark, but plainly UTF-16LE */
    cr_expect_eq(rs_analyze("H\0e\0l\0l\0o\0", 10, NULL, &r), RS_ERR_ENCODING);
    cr_expect_str_eq(rs_strerror(RS_ERR_ENCODING), "UTF-16 or UTF-32 text; convert it to UTF-8 first");
}

Test(analyzer, utf8_bom_is_ignored)
{
    rs_report *a = analyze_detail("\xEF\xBB\xBFHello world.");
    rs_report *b = analyze_detail("Hello world.");
    cr_expect_eq(rs_report_counts(a)->words, 2);
    cr_expect_eq(rs_report_counts(a)->characters, rs_report_counts(b)->characters);
    cr_expect_eq(rs_report_block(a, 0)->start, 3, "offsets stay those of the input");
    rs_report_free(a);
    rs_report_free(b);
}

Test(analyzer, empty_input_gives_zero_counts_and_undefined_scores)
{
    const char *inputs[] = {"", "   \n\n\t\n", "!!! ... ---"};
    for (int k = 0; k < 3; k++) {
        rs_report *r = analyze_detail(inputs[k]);
        const rs_counts *c = rs_report_counts(r);
        cr_expect_eq(c->words, 0);
        cr_expect_eq(c->sentences, 0);
        cr_expect_eq(c->syllables, 0);
        const rs_readability *s = rs_report_readability(r);
        for (int i = 0; i < RS_SCORE__COUNT; i++) {
            cr_expect_not(s->defined[i], "input %d: %s should be null", k, rs_score_name(i));
            cr_expect(isfinite(s->value[i]));
        }
        cr_expect_eq(rs_report_reading_time(r)->seconds, 0);
        cr_expect_eq(rs_report_reading_time(r)->minutes, 0);
        rs_report_free(r);
    }
}

Test(analyzer, api_misuse_is_an_error_not_a_crash)
{
    rs_report *r;
    rs_analyzer *a;
    cr_expect_eq(rs_analyze(NULL, 5, NULL, &r), RS_ERR_ARG);
    cr_expect_eq(rs_analyze("x", 1, NULL, NULL), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_new(NULL, NULL), RS_ERR_ARG);
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    cr_expect_eq(rs_analyzer_feed(a, NULL, 0), RS_OK);
    cr_expect_eq(rs_analyzer_finish(a, &r), RS_OK);
    cr_expect_eq(rs_analyzer_feed(a, "x", 1), RS_ERR_STATE);
    rs_report *again;
    cr_expect_eq(rs_analyzer_finish(a, &again), RS_ERR_STATE);
    rs_analyzer_free(a);
    rs_report_free(r);
    rs_analyzer_free(NULL);
    rs_report_free(NULL);
    cr_expect_null(rs_report_block(NULL, 0));
    cr_expect_eq(rs_report_block_count(NULL), 0);
}

/* A room is lent once, for what it holds, and only to a working analyzer. */
Test(analyzer, room_misuse_is_an_error_not_a_crash)
{
    rs_analyzer *a;
    char *room = (char *)"not reset";
    cr_expect_eq(rs_analyzer_room(NULL, 4, &room), RS_ERR_ARG);
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    cr_expect_eq(rs_analyzer_room(a, 4, NULL), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_commit(NULL, 0), RS_ERR_ARG);
    cr_expect_eq(rs_analyzer_commit(a, 1), RS_ERR_ARG, "nothing lent");
    cr_assert_eq(rs_analyzer_room(a, 4, &room), RS_OK);
    memcpy(room, "Hi. ", 4);
    cr_expect_eq(rs_analyzer_commit(a, 5), RS_ERR_ARG, "more than lent");
    cr_expect_eq(rs_analyzer_commit(a, 4), RS_OK, "the refusal kept the loan");
    cr_expect_eq(rs_analyzer_commit(a, 1), RS_ERR_ARG, "a commit ends the loan");
    cr_assert_eq(rs_analyzer_room(a, 8, &room), RS_OK);
    cr_expect_eq(rs_analyzer_feed(a, "Yes.", 4), RS_OK);
    cr_expect_eq(rs_analyzer_commit(a, 1), RS_ERR_ARG, "a feed ends the loan");
    cr_assert_eq(rs_analyzer_room(a, 0, &room), RS_OK);
    cr_expect_not_null(room, "an empty room is a place all the same");
    cr_expect_eq(rs_analyzer_commit(a, 0), RS_OK);
    rs_report *r;
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->words, 2);
    cr_expect_eq(rs_analyzer_room(a, 4, &room), RS_ERR_STATE);
    cr_expect_null(room);
    cr_expect_eq(rs_analyzer_commit(a, 0), RS_ERR_STATE);
    rs_analyzer_free(a);
    rs_report_free(r);
}

/* A NUL byte written into a room is binary input, as fed. */
Test(analyzer, nul_in_a_room_means_binary)
{
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    static const char bytes[] = "Some text,\0and more of it after a NUL byte, for the UTF-16 guess.";
    char *room;
    cr_assert_eq(rs_analyzer_room(a, sizeof bytes, &room), RS_OK);
    memcpy(room, bytes, sizeof bytes);
    cr_expect_eq(rs_analyzer_commit(a, sizeof bytes), RS_ERR_BINARY);
    cr_expect_eq(rs_analyzer_room(a, 4, &room), RS_ERR_BINARY, "the error sticks");
    rs_analyzer_free(a);
}

Test(analyzer, unsupported_language)
{
    rs_options o;
    rs_options_init(&o);
    o.lang = "fr";
    rs_analyzer *a;
    cr_expect_eq(rs_analyzer_new(&o, &a), RS_ERR_LANG);
    cr_expect_str_eq(rs_strerror(RS_ERR_LANG), "unsupported language (supported: en)");
}

Test(analyzer, options_reach_the_report)
{
    rs_options o;
    rs_options_init(&o);
    cr_expect_float_eq(o.words_per_minute, 238.0, 1e-9);
    cr_expect_float_eq(o.cjk_chars_per_minute, 500.0, 1e-9);
    o.words_per_minute = 100;
    rs_report *r;
    /* 50 words at 100 wpm = 30 s */
    const char *fifty = "one two three four five six seven eight nine ten "
                        "one two three four five six seven eight nine ten "
                        "one two three four five six seven eight nine ten "
                        "one two three four five six seven eight nine ten "
                        "one two three four five six seven eight nine ten.";
    cr_assert_eq(rs_analyze(fifty, strlen(fifty), &o, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->words, 50);
    cr_expect_eq(rs_report_reading_time(r)->seconds, 30);
    cr_expect_eq(rs_report_reading_time(r)->minutes, 1);
    cr_expect_float_eq(rs_report_reading_time(r)->words_per_minute, 100.0, 1e-9);
    cr_expect_str_eq(rs_report_language(r), "en");
    cr_expect_eq(rs_report_sentence_count(r), 0, "no detail unless asked");
    rs_report_free(r);
}

/* An allocator that counts, and can be told to fail. */
typedef struct counting {
    size_t live_bytes, calls, fail_at;
} counting;

static void *counting_realloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    counting *c = ud;
    if (new_size == 0) {
        if (ptr)
            c->live_bytes -= old_size;
        free(ptr);
        return NULL;
    }
    if (++c->calls == c->fail_at)
        return NULL;
    void *p = realloc(ptr, new_size);
    if (p)
        c->live_bytes += new_size - (ptr ? old_size : 0);
    return p;
}

Test(analyzer, every_allocation_goes_through_the_hook_and_is_released)
{
    counting c = {0};
    rs_allocator alloc = {counting_realloc, &c};
    rs_options o;
    rs_options_init(&o);
    o.allocator = &alloc;
    o.flags = RS_OPT_DETAIL;
    rs_report *r;
    cr_assert_eq(rs_analyze(sample, sizeof sample - 1, &o, &r), RS_OK);
    cr_expect_gt(c.calls, 0);
    cr_expect_gt(c.live_bytes, 0);
    rs_report_free(r);
    cr_expect_eq(c.live_bytes, 0);
}

Test(analyzer, a_failing_allocator_gives_nomem_and_no_leak)
{
    counting probe = {0};
    rs_allocator alloc = {counting_realloc, &probe};
    rs_options o;
    rs_options_init(&o);
    o.allocator = &alloc;
    o.flags = RS_OPT_DETAIL;
    rs_report *r;
    cr_assert_eq(rs_analyze(sample, sizeof sample - 1, &o, &r), RS_OK);
    rs_report_free(r);
    size_t total = probe.calls;
    for (size_t k = 1; k <= total; k++) {
        counting c = {.fail_at = k};
        alloc.ud = &c;
        rs_status st = rs_analyze(sample, sizeof sample - 1, &o, &r);
        cr_expect_eq(st, RS_ERR_NOMEM, "failure at allocation %zu", k);
        cr_expect_null(r);
        cr_expect_eq(c.live_bytes, 0, "leak after failure at allocation %zu", k);
    }
}

Test(analyzer, pathological_shapes_finish)
{
    /* a 10 MB line, a million blank lines, a million one-word sentences, a 1 MB word */
    size_t n = 10u << 20;
    char *buf = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        buf[i] = "Abcde fghij. "[i % 13];
    rs_report *r;
    cr_assert_eq(rs_analyze(buf, n, NULL, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->sentences, n / 13 + (n % 13 > 0));
    rs_report_free(r);

    memset(buf, '\n', 1000000);
    memcpy(buf + 1000000, "End.", 4);
    cr_assert_eq(rs_analyze(buf, 1000004, NULL, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->words, 1);
    rs_report_free(r);

    for (size_t i = 0; i < 1000000; i++)
        memcpy(buf + 4 * i, "Yes.", 4);
    cr_assert_eq(rs_analyze(buf, 4000000, NULL, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->sentences, 1000000);
    rs_report_free(r);

    memset(buf, 'a', 1u << 20);
    cr_assert_eq(rs_analyze(buf, 1u << 20, NULL, &r), RS_OK);
    cr_expect_eq(rs_report_counts(r)->words, 1);
    cr_expect_eq(rs_report_counts(r)->long_words, 1);
    rs_report_free(r);
    free(buf);
}
