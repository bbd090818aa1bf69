/*
 * The tokenizer's wide path (plain words found 64 bytes at a time) makes
 * the same tokens and counts as the tokenizer without it (tokenizer_narrow.c),
 * on generated text: prose with every shape the wide path must leave to
 * the rules after it, at every alignment, near the end of the text with
 * and without readable bytes after it, and with little room left in the
 * token vector.
 */
#include "helpers.h"

#include "core/alloc.h"
#include "text/tokenizer.h"

rs_status narrow_tokenize_readable(const rs_allocator *alloc, const char *text, size_t start,
                                   size_t end, size_t readable_end, rs__token_vec *out,
                                   rs__text_stats *stats);

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t next_random(void)
{
    /* xorshift64*: fixed seed, so that a failure repeats */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 32);
}

static size_t below(size_t n)
{
    return next_random() % n;
}

/* What may follow a word: mostly one blank, as in prose. */
static const char *const separators[] = {
    " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", ", ", ", ", ". ", "; ",
    "! ", "? ", ") ", ": ", "  ", "\t", "\n", "\n\n", " \n", ".\n", ",\n", ".", ",", "",
    "'", "-", "--", "\xE2\x80\x99", "\xE2\x80\x94", " \xE2\x80\x9C", "\xE2\x80\x9D ", "\" ",
    " (", " \"", ".\" ", ",\" ", "\xC2\xA0", "\x01 ", " \x7F", "\xFF ", ". \xC3\xA9", "...",
    "'s ", "\xE2\x80\x99s ", "n't ", "-known ", "@", "_", "/", ":/", " - ",
};

/* Words, and what is not a plain word. */
static const char *const others[] = {
    "I", "A", "a", "U.S.", "e.g.", "Ph.D.", "www", "WWW", "www.example.com", "Www",
    "example.com", "mail@example.org", "http://example.com/a?b", "https://x.io", "ftp://f.de",
    "1,000", "3.14", "12", "2024", "1st", "9-year-old", "COVID-19", "McDonald", "iPhone", "NASA",
    "caf\xC3\xA9", "na\xC3\xAFve", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
    "\xE4\xB8\xAD\xE6\x96\x87",
    "#tag", "@user", "x86", "h", "f", "http", "ftp", "ok:", "http:", "w.w.w", "a.b.c",
};

static void add(char *buf, size_t *len, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n < cap) {
        memcpy(buf + *len, s, n);
        *len += n;
    }
}

/* A word of ASCII letters: lower case, capitalized or long. */
static void add_word(char *buf, size_t *len, size_t cap)
{
    char w[96];
    size_t n = 1 + below(below(8) ? 9 : 80);
    for (size_t i = 0; i < n; i++)
        w[i] = (char)('a' + below(26));
    unsigned shape = (unsigned)below(16);
    if (shape < 3)
        w[0] = (char)(w[0] - 32);
    else if (shape == 3)
        w[0] = (char)('0' + below(10));
    else if (shape == 4)
        w[below(n)] = (char)('A' + below(26));
    w[n] = '\0';
    add(buf, len, cap, w);
}

/* Generated text of at most cap - 1 bytes; prose most of the time. */
static size_t generate(char *buf, size_t cap)
{
    size_t len = 0, target = 1 + below(cap - 1);
    unsigned plain = (unsigned)below(4); /* how plain: 0 any mix, 3 almost only words */
    while (len < target) {
        if (below(8) < 2 + 2 * plain || below(4))
            add_word(buf, &len, cap);
        else
            add(buf, &len, cap, others[below(sizeof others / sizeof others[0])]);
        if (below(4) < plain)
            add(buf, &len, cap, " ");
        else
            add(buf, &len, cap, separators[below(sizeof separators / sizeof separators[0])]);
    }
    return len;
}

static void expect_same_tokens(const char *text, size_t start, size_t end, size_t readable_end,
                               size_t room, const char *what)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec vec[2] = {{0}, {0}};
    rs__text_stats stats[2] = {{0}, {0}};
    /* tokens already there, and room for `room` more before the vector
       grows: the fast loop stops at that room, and goes on after growing */
    size_t before = 3;
    for (int k = 0; k < 2; k++) {
        vec[k].cap = before + room;
        vec[k].items = rs__alloc(&a, vec[k].cap * sizeof *vec[k].items);
        cr_assert_not_null(vec[k].items);
        memset(vec[k].items, 0, vec[k].cap * sizeof *vec[k].items);
        vec[k].count = before;
    }
    cr_assert_eq(rs__tokenize_readable(&a, text, start, end, readable_end, &vec[0], &stats[0]),
                 RS_OK);
    cr_assert_eq(narrow_tokenize_readable(&a, text, start, end, readable_end, &vec[1], &stats[1]),
                 RS_OK);
    cr_assert_eq(vec[0].count, vec[1].count, "%s: %zu tokens, %zu without the wide path", what,
                 vec[0].count, vec[1].count);
    for (size_t i = 0; i < vec[0].count; i++) {
        const rs__token *x = &vec[0].items[i], *y = &vec[1].items[i];
        cr_assert(x->start == y->start && x->end == y->end && x->cp == y->cp
                      && x->letters == y->letters && x->digits == y->digits
                      && x->flags == y->flags && x->type == y->type && x->kind == y->kind,
                  "%s: token %zu [%zu, %zu) \"%.*s\" differs from [%zu, %zu) \"%.*s\" "
                  "(flags %x, %x)",
                  what, i, x->start, x->end, (int)(x->end - x->start), text + x->start, y->start,
                  y->end, (int)(y->end - y->start), text + y->start, x->flags, y->flags);
    }
    cr_assert_eq(stats[0].characters, stats[1].characters, "%s", what);
    cr_assert_eq(stats[0].newlines, stats[1].newlines, "%s", what);
    cr_assert_eq(stats[0].invalid_utf8, stats[1].invalid_utf8, "%s", what);
    for (int k = 0; k < 2; k++)
        rs__free(&a, vec[k].items, vec[k].cap * sizeof *vec[k].items);
}

/* The text at an offset from a fresh allocation of exactly its bytes, so
   that a read past readable_end is one past the allocation. */
static void check_text(const char *src, size_t len, size_t offset, size_t start, size_t end,
                       bool readable_after, size_t room)
{
    char *buf = malloc(offset + len);
    cr_assert_not_null(buf);
    memcpy(buf + offset, src, len);
    char what[160];
    snprintf(what, sizeof what, "len %zu, offset %zu, [%zu, %zu), readable %s, room %zu", len,
             offset, start, end, readable_after ? "to the end" : "none", room);
    size_t readable_end = readable_after ? offset + len : offset + end;
    expect_same_tokens(buf, offset + start, offset + end, readable_end, room, what);
    free(buf);
}

Test(tokenizer_wide, generated_text_tokenizes_as_without_the_wide_path)
{
    enum { CAP = 700, TEXTS = 3000 };
    char *text = malloc(CAP);
    cr_assert_not_null(text);
    for (int n = 0; n < TEXTS; n++) {
        size_t len = generate(text, CAP);
        /* the whole text, and one that ends before the last bytes, with
           and without them readable; at every alignment in turn */
        size_t start = below(4) ? 0 : below(len);
        size_t end = below(2) ? len : start + below(len - start + 1);
        size_t room = below(3) ? 100000 : 1 + below(40);
        check_text(text, len, (size_t)n % 16, start, end, below(2), room);
        check_text(text, len, (size_t)n % 16, start, end, true, 100000);
    }
    free(text);
}

Test(tokenizer_wide, long_prose_and_long_words)
{
    /* runs of words far longer than a block, words up to and past its
       64 bytes, and every end of the text near the last word */
    enum { CAP = 20000 };
    char *text = malloc(CAP);
    cr_assert_not_null(text);
    size_t len = 0;
    while (len + 200 < CAP) {
        add_word(text, &len, CAP);
        if (below(40) == 0) {
            size_t n = 55 + below(20);
            for (size_t i = 0; i < n; i++)
                text[len++] = 'x';
        }
        size_t separator = below(sizeof separators / sizeof separators[0]);
        add(text, &len, CAP, below(10) ? " " : separators[separator]);
    }
    check_text(text, len, 0, 0, len, false, 100000);
    check_text(text, len, 5, 0, len, true, 7);
    for (size_t cut = 1; cut < 100; cut++) {
        check_text(text, len, cut % 16, 0, len - cut, false, 100000);
        check_text(text, len, cut % 16, 0, len - cut, true, 100000);
    }
    free(text);
}
