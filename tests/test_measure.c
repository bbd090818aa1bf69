/* Measuring words: the shortcuts of the word loop count as the rules do. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "doc/roles_text.h"
#include "helpers.h"
#include "readstat.h"

static void expect_same_words(const rs__text_words *a, const rs__text_words *b, size_t n)
{
    cr_expect_eq(a->alpha, b->alpha, "after %zu words", n);
    cr_expect_eq(a->capitalised, b->capitalised, "after %zu words", n);
    cr_expect_eq(a->capitalised_inner, b->capitalised_inner, "after %zu words", n);
    cr_expect_eq(a->key, b->key, "after %zu words", n);
    cr_expect_eq(a->keyed, b->keyed, "after %zu words", n);
    cr_expect_eq(a->month, b->month, "after %zu words", n);
    cr_expect_eq(a->by_name, b->by_name, "after %zu words", n);
    cr_expect_eq(a->after_by, b->after_by, "after %zu words", n);
    cr_expect_eq(a->widget, b->widget, "after %zu words", n);
    for (int lang = 0; lang < RS__TEXT_LANGS; lang++)
        cr_expect_eq(a->stop[lang], b->stop[lang], "after %zu words: language %d", n, lang);
}

/* Adds word i of a made-up run: capitals, bylines, months, languages and
   widget words come and go. */
static void word_at(size_t i, rs__token *t, unsigned *lex, uint64_t *fold_hash)
{
    *t = (rs__token){.type = RS_TOK_WORD,
                     .flags = (uint16_t)(i % 3 == 0 ? RS_TF_UPPER_FIRST : RS_TF_LOWER_FIRST)};
    *lex = (unsigned)((i * 2654435761u) >> 7) & RS__WORD_LEX_ALL;
    if (i % 5)
        *lex &= ~(unsigned)(RS__WORD_MONTH | RS__WORD_BYLINE);
    *fold_hash = (uint64_t)i * 0x9E3779B97F4A7C15ull + 1;
}

/* Adds a word the cache answered to w through the batch b, as the word
   loop in measure.c does: in the batch while it has room, a block's
   opening words through rs__text_words_batch_add_opening(), any other
   word straight to w. */
static void add_as_the_loop_does(rs__text_words_batch *b, rs__text_words *w, const rs__token *t,
                                 unsigned lex, uint64_t fold_hash)
{
    if (rs__text_words_batch_room(b)) {
        rs__text_words_batch_add(b, t->flags, lex, fold_hash);
    } else if (b->taken_room == 0 && w->alpha <= 2) {
        rs__text_words_batch_add_opening(b, w, t->flags, lex, fold_hash);
    } else {
        rs__text_words_batch_put(b, w);
        rs__text_words_add_known(w, t, lex, fold_hash);
        rs__text_words_batch_take(b, w);
    }
}

Test(measure, a_batch_adds_words_as_add_known_does)
{
    /* past the opening words, and well past the 255 words the stop counts'
       bytes hold, taken and put back now and then as measuring does */
    rs__text_words one, batched;
    rs__text_words_init(&one);
    rs__text_words_init(&batched);
    rs__text_words_batch b;
    rs__text_words_batch_take(&b, &batched);
    for (size_t i = 0; i < 1000; i++) {
        rs__token t;
        unsigned lex;
        uint64_t fold_hash;
        word_at(i, &t, &lex, &fold_hash);
        rs__text_words_add_known(&one, &t, lex, fold_hash);
        add_as_the_loop_does(&b, &batched, &t, lex, fold_hash);
        if (i % 97 == 0) { /* a word the cache did not answer comes between */
            rs__text_words_batch_put(&b, &batched);
            rs__text_words_batch_take(&b, &batched);
        }
        if (i % 50 == 49) {
            rs__text_words copy = batched;
            rs__text_words_batch_put(&b, &copy);
            rs__text_words_flush(&copy);
            rs__text_words reference = one;
            rs__text_words_flush(&reference);
            expect_same_words(&reference, &copy, i + 1);
        }
    }
    rs__text_words_batch_put(&b, &batched);
    rs__text_words_flush(&batched);
    rs__text_words_flush(&one);
    expect_same_words(&one, &batched, 1000);
}

/* The long-word count of text, where each word is measured the first time
   (the rules) and again (the cache). */
static uint64_t long_words(const char *text)
{
    rs_report *r = analyze_detail(text);
    uint64_t n = rs_report_counts(r)->long_words;
    rs_report_free(r);
    return n;
}

Test(measure, cached_words_are_long_as_their_letters_say)
{
    /* seven letters, six letters and a digit, six and a hyphen, capitals */
    cr_expect_eq(long_words("Seventy seventy seventy. Seventy!"), 4);
    cr_expect_eq(long_words("sixsix1 sixsix1 sixsix1 sixsix1"), 0);
    cr_expect_eq(long_words("six-six six-six six-six. Six-six"), 0);
    cr_expect_eq(long_words("ELEPHANT elephant Elephant eLEPHANT elephants"), 5);
    cr_expect_eq(long_words("sixsix sixsix sixsix sixsixs sixsixs"), 2);
}

Test(measure, sentence_initial_capitals_and_hyphens_count_as_the_rules_say)
{
    /* "Zyxwvut" is no familiar word: a proper noun inside a sentence, but
       unfamiliar at its start; the same word cached or not */
#define ONCE "Zyxwvut zyxwvut. Zyxwvut Zyxwvut zyxwvut. zyxwvut-qrs zyxwvut-qrs. "
    rs_report *r = analyze_detail(ONCE);
    const rs_counts *c = rs_report_counts(r);
    rs_report *again = analyze_detail(ONCE ONCE);
#undef ONCE
    const rs_counts *d = rs_report_counts(again);
    cr_expect_eq(d->difficult_words, 2 * c->difficult_words);
    cr_expect_eq(d->complex_words, 2 * c->complex_words);
    cr_expect_eq(d->long_words, 2 * c->long_words);
    cr_expect_eq(d->syllables, 2 * c->syllables);
    cr_expect_eq(d->unfamiliar_words, c->unfamiliar_words);
    rs_report_free(again);
    rs_report_free(r);
}

Test(measure, cached_numbers_count_as_the_rules_say)
{
    /* the second and later occurrences come from the cache: the same
       syllables each time, no word-list tests, never long */
    rs_report *r = analyze_detail("In 1990 there were 1990 boats. 1990 boats, 1,000,000 oars and "
                                  "1,000,000 more; 12345678 12345678.");
    size_t n = rs_report_word_count(r);
    unsigned syllables_1990 = 0, seen_1990 = 0, seen_million = 0, syllables_million = 0;
    const char *text = rs_report_text(r, NULL);
    for (size_t i = 0; i < n; i++) {
        const rs_word *w = rs_report_word(r, i);
        if (w->kind != RS_WORD_NUMBER)
            continue;
        size_t len = w->end - w->start;
        if (len == 4 && memcmp(text + w->start, "1990", 4) == 0) {
            if (seen_1990++)
                cr_expect_eq(w->syllables, syllables_1990);
            syllables_1990 = w->syllables;
        } else if (len == 9 && memcmp(text + w->start, "1,000,000", 9) == 0) {
            if (seen_million++)
                cr_expect_eq(w->syllables, syllables_million);
            syllables_million = w->syllables;
        }
    }
    cr_expect_eq(seen_1990, 3);
    cr_expect_eq(seen_million, 2);
    cr_expect_gt(syllables_1990, 1);
    cr_expect_eq(rs_report_counts(r)->long_words, 0);
    rs_report_free(r);
}

Test(measure, a_batch_adds_opening_words_as_add_known_does)
{
    /* a block's opening words, as the word loop adds them: a batch taken
       without room, each word through rs__text_words_batch_add_opening();
       every pattern of capitals and bylines among the first three, and
       two words after them */
    for (unsigned pattern = 0; pattern < 64; pattern++) {
        rs__text_words one, batched;
        rs__text_words_init(&one);
        rs__text_words_init(&batched);
        rs__text_words_batch b;
        rs__text_words_batch_take(&b, &batched);
        for (size_t i = 0; i < 5; i++) {
            bool capital = i < 3 ? (pattern >> i) & 1 : i == 4;
            bool byline = i < 3 && (pattern >> (3 + i)) & 1;
            rs__token t = {.type = RS_TOK_WORD,
                           .flags = capital ? RS_TF_UPPER_FIRST : RS_TF_LOWER_FIRST};
            unsigned lex = (byline ? RS__WORD_BYLINE : 0) | (i == 1 ? RS__WORD_MONTH : 0);
            uint64_t fold_hash = (uint64_t)(i + 1) * 0x9E3779B97F4A7C15ull;
            rs__text_words_add_known(&one, &t, lex, fold_hash);
            add_as_the_loop_does(&b, &batched, &t, lex, fold_hash);
            rs__text_words copy = batched;
            rs__text_words_batch_put(&b, &copy);
            expect_same_words(&one, &copy, i + 1);
        }
    }
}

/* The unfamiliar words of each block of text (as plain text, with and
   without detail), and of the whole. */
static void expect_unfamiliar(const char *text, unsigned flags, const uint64_t *per_block,
                              size_t nblocks, uint64_t total)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    o.flags |= flags;
    rs_report *r = NULL;
    cr_assert_eq(rs_analyze(text, strlen(text), &o, &r), RS_OK);
    cr_assert_eq(rs_report_block_count(r), nblocks);
    for (size_t i = 0; i < nblocks; i++)
        cr_expect_eq(rs_report_block(r, i)->counts.unfamiliar_words, per_block[i],
                     "block %zu, flags %u", i, flags);
    cr_expect_eq(rs_report_counts(r)->unfamiliar_words, total, "flags %u", flags);
    rs_report_free(r);
}

Test(measure, unfamiliar_words_count_once_a_block)
{
    /* made-up words are unfamiliar; their repeats come from the cache with
       their ids, and a block counts each word once however it came */
    const char *text = "Zyxwvut qrstuv zyxwvut qrstuv zyxwvut the qrstuv.\n\n"
                       "Qrstuv blorpt zyxwvut. Blorpt blorpt the end.\n\n"
                       "The end of it.\n";
    const uint64_t per_block[] = {2, 3, 0};
    expect_unfamiliar(text, 0, per_block, 3, 3);
    expect_unfamiliar(text, RS_OPT_DETAIL, per_block, 3, 3);
}
