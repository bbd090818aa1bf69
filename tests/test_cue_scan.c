/*
 * The cue phrase search against the plainest search there is: every phrase
 * of the index, written in any case, at every place of a block of every
 * length near the edges the search works in (the sixteen bytes it tests at
 * once, its copy's zeros past the end, the odd last place where a phrase of
 * four bytes may end the block), and spoilt in each byte (a letter's other
 * case must still match, any other byte's twin under the fold must not).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "cue_index_helper.h"
#include "doc/roles_text.h"

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* The sets of the phrases that text holds, ASCII case aside, one place at a time. */
static unsigned sets_in(const rs__cue_phrases *x, const char *text, size_t len)
{
    unsigned sets = 0;
    for (size_t id = 0; id < RS__CUE_PHRASES && x->text[id]; id++) {
        size_t n = x->len[id];
        for (size_t at = 0; at + n <= len; at++) {
            size_t k = 0;
            while (k < n && lower(text[at + k]) == x->text[id][k])
                k++;
            if (k == n) {
                sets |= x->set[id];
                break;
            }
        }
    }
    return sets;
}

/* The cues those sets give a short block of four words, one a number, with
   no digits, slashes, bars or brackets of its own (see rs__text_cues). */
static unsigned cues_of_sets(unsigned sets)
{
    unsigned cues = 0;
    if (sets & RS__CUE_SET_NAV)
        cues |= RS__CUE_NAV;
    if (sets & RS__CUE_SET_NOTICE)
        cues |= RS__CUE_NOTICE;
    if (sets & RS__CUE_SET_SITE)
        cues |= RS__CUE_SITE_WORDS;
    if (sets & RS__CUE_SET_FOOTER)
        cues |= RS__CUE_FOOTER;
    if (sets & RS__CUE_SET_COMMENTS)
        cues |= RS__CUE_COMMENTS;
    if (sets & RS__CUE_SET_AD)
        cues |= RS__CUE_AD;
    bool copyright = (sets & (RS__CUE_SET_COPYRIGHT_SIGN | RS__CUE_SET_COPYRIGHT_C)) != 0;
    if ((sets & RS__CUE_SET_CREDIT) || (copyright && !(sets & RS__CUE_SET_FOOTER)))
        cues |= RS__CUE_CREDIT;
    if (sets & RS__CUE_SET_AGO)
        cues |= RS__CUE_DATE;
    return cues;
}

enum {
    PHRASE_CUES = RS__CUE_NAV | RS__CUE_NOTICE | RS__CUE_SITE_WORDS | RS__CUE_FOOTER
                  | RS__CUE_COMMENTS | RS__CUE_AD | RS__CUE_CREDIT | RS__CUE_DATE
};

static unsigned phrase_cues(const rs__cue_index *index, const char *text, size_t len)
{
    /* four words, one of them a number: every set is searched for */
    rs__text_block b = {.words = 4, .alpha = 3, .numbers = 1};
    rs__text_cues(index, text, len, &b);
    return b.cues & PHRASE_CUES;
}

/* Bytes before the phrase and after it that are tried: both parities, on
   either side of the edges of sixteen. */
static const size_t before[] = {0, 1, 2, 3, 13, 14, 15, 16, 17, 29, 30, 31};
static const size_t after[] = {0, 1, 2, 3, 14, 15, 16, 17};
/* ...and for the many spoilt phrases */
static const size_t before_few[] = {0, 15};
static const size_t after_few[] = {0, 16};

typedef struct places {
    const size_t *before, *after;
    size_t nbefore, nafter;
} places;
static const places ALL = {before, after, sizeof before / sizeof before[0],
                           sizeof after / sizeof after[0]};
static const places FEW = {before_few, after_few, 2, 2};

/* The block: filler, the phrase as given, filler; checked against sets_in(). */
static void expect_as_plain_search(const rs__cue_index *index, const char *phrase, size_t n,
                                   places at, const char *what)
{
    char text[96];
    for (size_t i = 0; i < at.nbefore; i++)
        for (size_t j = 0; j < at.nafter; j++) {
            const size_t *before = at.before, *after = at.after;
            size_t len = before[i] + n + after[j];
            cr_assert_leq(len, sizeof text);
            /* 'x' and 'q' start no phrase and make none with a phrase's edge */
            for (size_t k = 0; k < len; k++)
                text[k] = k % 3 == 2 ? 'q' : 'x';
            memcpy(text + before[i], phrase, n);
            unsigned want = cues_of_sets(sets_in(index->phrases, text, len));
            unsigned got = phrase_cues(index, text, len);
            if (len >= 2 && text[len - 1] == ' ' && text[len - 2] == ')') {
                /* "(c) " ends the block: "(C)" reads as a name in brackets,
                   a credit whatever the phrases */
                want &= ~(unsigned)RS__CUE_CREDIT;
                got &= ~(unsigned)RS__CUE_CREDIT;
            }
            if (got != want)
                cr_expect_fail("%s \"%.*s\" at %zu of %zu bytes: cues %#x, the plain search %#x",
                               what, (int)n, phrase, before[i], len, got, want);
        }
}

Test(cue_scan, every_phrase_is_found_wherever_it_stands_in_any_case)
{
    rs__cue_index *index = new_index();
    const rs__cue_phrases *x = index->phrases;
    size_t phrases = 0;
    for (size_t id = 0; id < RS__CUE_PHRASES && x->text[id]; id++, phrases++) {
        char variant[32];
        size_t n = x->len[id];
        cr_assert_lt(n, sizeof variant);
        memcpy(variant, x->text[id], n);
        expect_as_plain_search(index, variant, n, ALL, "lower case");
        cr_expect(cues_of_sets(x->set[id]) & phrase_cues(index, variant, n), "\"%s\" alone",
                  x->text[id]);
        for (size_t k = 0; k < n; k++)
            if (variant[k] >= 'a' && variant[k] <= 'z')
                variant[k] = (char)(variant[k] - 32);
        expect_as_plain_search(index, variant, n, ALL, "upper case");
    }
    cr_expect_gt(phrases, 150u);
    rs__cue_index_release(index);
    free(index);
}

Test(cue_scan, a_phrase_spoilt_in_any_byte_counts_only_if_the_plain_search_says_so)
{
    rs__cue_index *index = new_index();
    const rs__cue_phrases *x = index->phrases;
    for (size_t id = 0; id < RS__CUE_PHRASES && x->text[id]; id++) {
        size_t n = x->len[id];
        for (size_t k = 0; k < n; k++) {
            char variant[32];
            memcpy(variant, x->text[id], n);
            /* a letter's capital must match; ':' and its twin 0x1A under
               the scan's fold (and the like) must not */
            variant[k] = (char)(variant[k] ^ 0x20);
            expect_as_plain_search(index, variant, n, FEW, "twin byte");
            variant[k] = '#';
            expect_as_plain_search(index, variant, n, FEW, "spoilt");
        }
    }
    rs__cue_index_release(index);
    free(index);
}

/* A feed entry's time may follow up to eight bytes of bullet, whatever
   the block's length: the check of its first bytes at once must agree. */
Test(cue_scan, a_time_opens_a_feed_entry_after_at_most_eight_bytes)
{
    rs__cue_index *index = new_index();
    for (size_t lead = 0; lead <= 10; lead++)
        for (size_t tail = 0; tail <= 9; tail++) {
            char text[32];
            size_t len = 0;
            for (; len < lead; len++)
                text[len] = len % 2 ? '-' : 'x';
            memcpy(text + len, "12:30", 5);
            len += 5;
            for (size_t k = 0; k < tail; k++)
                text[len++] = 'y';
            /* too many words for a dateline: only the opening time counts */
            rs__text_block b = {.words = 20, .alpha = 19, .numbers = 1};
            rs__text_cues(index, text, len, &b);
            cr_expect_eq((b.cues & RS__CUE_DATE) != 0, lead <= 8,
                         "%zu bytes before the time, %zu after", lead, tail);
        }
    rs__cue_index_release(index);
    free(index);
}

/* Every teaser ending counts at the block's end in any case, past blanks
   and closing marks, and not once the byte before its last is another. */
Test(cue_scan, teaser_endings_are_told_by_their_last_bytes)
{
    rs__cue_index *index = new_index();
    static const char *const leads[] = {"", "x", "Story. "};
    static const char *const tails[] = {"", " ", " \xc2\xbb", "\n"};
    for (size_t t = 0; t < RS__CUE_TEASERS; t++) {
        const rs__cue_ending *e = &rs__cue_teaser_endings[t];
        for (size_t l = 0; l < sizeof leads / sizeof leads[0]; l++)
            for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++)
                for (int spoil = 0; spoil < 2; spoil++)
                    for (int upper = 0; upper < 2; upper++) {
                        char text[64];
                        size_t len = strlen(leads[l]);
                        memcpy(text, leads[l], len);
                        for (size_t i = 0; i < e->len; i++) {
                            char c = e->text[i];
                            text[len++] = upper && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
                        }
                        if (spoil)
                            text[len - 2] = '#';
                        memcpy(text + len, tails[k], strlen(tails[k]));
                        len += strlen(tails[k]);
                        rs__text_block b = {.words = 3, .alpha = 3};
                        rs__text_cues(index, text, len, &b);
                        cr_expect_eq((b.cues & RS__CUE_TEASER) != 0, !spoil, "\"%.*s\"", (int)len,
                                     text);
                    }
    }
    rs__cue_index_release(index);
    free(index);
}

/* A numeric date counts wherever it stands in a short block, found past
   the words before it eight bytes at a time or one by one. */
Test(cue_scan, a_numeric_date_counts_at_any_place)
{
    rs__cue_index *index = new_index();
    for (size_t lead = 0; lead <= 20; lead++)
        for (size_t tail = 0; tail <= 9; tail++)
            for (int whole = 0; whole < 2; whole++) {
                char text[40];
                size_t len = 0;
                for (; len < lead; len++)
                    text[len] = len % 4 == 3 ? ' ' : 'x';
                memcpy(text + len, whole ? "05.04" : "05.0x", 5);
                len += 5;
                for (size_t k = 0; k < tail; k++)
                    text[len++] = k % 4 == 0 ? ' ' : 'y';
                rs__text_block b = {.words = 5, .alpha = 4, .numbers = 1};
                rs__text_cues(index, text, len, &b);
                cr_expect_eq((b.cues & RS__CUE_DATE) != 0, whole, "\"%.*s\"", (int)len, text);
            }
    rs__cue_index_release(index);
    free(index);
}

/* The search goes from digit to digit: a number before the date, in the
   same eight bytes or not, and a run of digits too long for a date's
   first part, each at every place. */
Test(cue_scan, a_numeric_date_is_told_from_the_numbers_around_it)
{
    rs__cue_index *index = new_index();
    static const struct {
        const char *text;
        bool date;
    } cases[] = {
        {"7 x 05.04", true},   {"7 05.04", true},    {"12 345 6:00", true}, {"12345.67", false},
        {"x1234.56", true},    {"1 2 3 4.5", false}, {"9/1", false},        {"9/11/01", true},
        {"no 1 no 2 no 33", false},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t lead = 0; lead <= 17; lead++) {
            char text[64];
            size_t len = 0;
            for (; len < lead; len++)
                text[len] = len % 4 == 3 ? ' ' : 'x';
            if (lead)
                text[len - 1] = ' '; /* the case's first number stands apart */
            memcpy(text + len, cases[c].text, strlen(cases[c].text));
            len += strlen(cases[c].text);
            rs__text_block b = {.words = 6, .alpha = 3, .numbers = 3};
            rs__text_cues(index, text, len, &b);
            cr_expect_eq((b.cues & RS__CUE_DATE) != 0, cases[c].date, "\"%.*s\"", (int)len, text);
        }
    rs__cue_index_release(index);
    free(index);
}

/* A caption's " / Source" counts wherever the slash falls against the
   scan's stretches of sixteen bytes, up to the block's last bytes: the
   survey of rare bytes that lets a block without a slash skip the search
   must see every byte. */
Test(cue_scan, a_source_after_a_slash_counts_wherever_the_slash_falls)
{
    rs__cue_index *index = new_index();
    static const char *const sources[] = {"X", "Xin", "Xin Jing Bao"};
    for (size_t lead = 20; lead <= 52; lead++)
        for (size_t s = 0; s < sizeof sources / sizeof sources[0]; s++) {
            char text[96];
            size_t len = 0;
            for (; len < lead; len++)
                text[len] = len % 5 == 4 ? ' ' : 'x';
            text[len++] = ' ';
            text[len++] = '/';
            text[len++] = ' ';
            memcpy(text + len, sources[s], strlen(sources[s]));
            len += strlen(sources[s]);
            rs__text_block b = {.words = 12, .alpha = 12};
            rs__text_cues(index, text, len, &b);
            cr_expect(b.cues & RS__CUE_CREDIT, "\"%.*s\"", (int)len, text);
            /* the same without the slash: no credit */
            text[lead + 1] = '-';
            b = (rs__text_block){.words = 12, .alpha = 12};
            rs__text_cues(index, text, len, &b);
            cr_expect(!(b.cues & RS__CUE_CREDIT), "\"%.*s\"", (int)len, text);
        }
    rs__cue_index_release(index);
    free(index);
}

/* Prose is full of function words: a phrase that has other words is not
   marked by the grams of its function words alone ("this" and "his " for
   "this site"), which would stop the scan on most paragraphs. */
Test(cue_scan, function_words_do_not_mark_a_phrase_with_other_words)
{
    rs__cue_index *index = new_index();
    const rs__cue_phrases *x = index->phrases;
    static const char *const phrases[] = {"this site", "you agree", "our site", "this website"};
    static const char *const common[] = {"this", "his ", "you ", "our "};
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        size_t id = 0;
        while (id < RS__CUE_PHRASES && x->text[id] && strcmp(x->text[id], phrases[i]) != 0)
            id++;
        cr_assert(id < RS__CUE_PHRASES && x->text[id], "\"%s\" is a phrase", phrases[i]);
        size_t marks = 0;
        for (size_t k = 0; k < RS__CUE_GRAMS; k++) {
            if (x->order[k] / RS__CUE_BEFORE_MAX != id || k >= x->start[RS__CUE_BUCKETS])
                continue;
            marks++;
            for (size_t c = 0; c < sizeof common / sizeof common[0]; c++)
                cr_expect_neq(x->order_gram[k], rs__cue_folded_gram(common[c]),
                              "\"%s\" is marked by \"%s\"", phrases[i], common[c]);
        }
        cr_expect_eq(marks, 2u, "\"%s\" has two marked grams", phrases[i]);
    }
    rs__cue_index_release(index);
    free(index);
}
