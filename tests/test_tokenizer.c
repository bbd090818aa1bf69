/* Word rules: what is one word, what is several, what is none. */
#include "helpers.h"

#include "core/alloc.h"
#include "text/tokenizer.h"

static void expect_words(const char *text, const char *const *expected)
{
    rs_report *r = analyze_detail(text);
    const char *src = rs_report_text(r, NULL);
    size_t n = 0;
    while (expected[n])
        n++;
    size_t got = rs_report_word_count(r);
    for (size_t i = 0; i < got && i < n; i++) {
        const rs_word *w = rs_report_word(r, i);
        char *s = strndup(src + w->start, w->end - w->start);
        cr_expect_str_eq(s, expected[i], "in \"%s\": word %zu", text, i);
        free(s);
    }
    cr_expect_eq(got, n, "in \"%s\": %zu words, expected %zu", text, got, n);
    /* the page figures: a line like "© 2024" is a footer, not content */
    cr_expect_eq(rs_report_page_counts(r)->words, n);
    rs_report_free(r);
}

static rs_word_kind kind_of_only_word(const char *text)
{
    rs_report *r = analyze_detail(text);
    cr_assert_eq(rs_report_word_count(r), 1, "\"%s\" should be one word", text);
    rs_word_kind k = rs_report_word(r, 0)->kind;
    rs_report_free(r);
    return k;
}

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

Test(tokenizer, letters_marks_digits)
{
    expect_words("The quick brown fox", WORDS("The", "quick", "brown", "fox"));
    expect_words("naïve café résumé", WORDS("naïve", "café", "résumé"));
    /* e + combining acute: one word, the mark belongs to the letter */
    expect_words("cafe\xCC\x81 au lait", WORDS("cafe\xCC\x81", "au", "lait"));
    expect_words("Москва и Київ", WORDS("Москва", "и", "Київ"));
}

Test(tokenizer, inner_apostrophes)
{
    expect_words("don't China’s O’Neill", WORDS("don't", "China’s", "O’Neill"));
    expect_words("'quoted' words", WORDS("quoted", "words"));
    expect_words("the students' books", WORDS("the", "students", "books"));
}

Test(tokenizer, hyphenated_compounds)
{
    expect_words("a well-known state-of-the-art tool", WORDS("a", "well-known", "state-of-the-art", "tool"));
    expect_words("COVID-19 and 9-year-old", WORDS("COVID-19", "and", "9-year-old"));
    expect_words("pages 10–20 — done", WORDS("pages", "10", "20", "done"));
    expect_words("end- of line", WORDS("end", "of", "line"));
}

Test(tokenizer, numbers)
{
    expect_words("1,000 people paid 3.14 on the 16th", WORDS("1,000", "people", "paid", "3.14", "on", "the", "16th"));
    expect_words("$4.50 and 10%", WORDS("4.50", "and", "10"));
    cr_expect_eq(kind_of_only_word("1,000"), RS_WORD_NUMBER);
    cr_expect_eq(kind_of_only_word("16th"), RS_WORD_NUMBER);
    cr_expect_eq(kind_of_only_word("mp3"), RS_WORD_PLAIN);
}

Test(tokenizer, links_addresses_handles_tags)
{
    expect_words("see https://example.org/a?b=1&c=2 now",
                 WORDS("see", "https://example.org/a?b=1&c=2", "now"));
    expect_words("mail jo.doe+news@example.co.uk today", WORDS("mail", "jo.doe+news@example.co.uk", "today"));
    expect_words("ping @jo_smith about #ReadingTime", WORDS("ping", "@jo_smith", "about", "#ReadingTime"));
    expect_words("(www.example.com)", WORDS("www.example.com"));
    cr_expect_eq(kind_of_only_word("https://example.org"), RS_WORD_URL);
    cr_expect_eq(kind_of_only_word("jo@example.org"), RS_WORD_EMAIL);
    cr_expect_eq(kind_of_only_word("@jo"), RS_WORD_HANDLE);
    cr_expect_eq(kind_of_only_word("#news"), RS_WORD_HASHTAG);
    cr_expect_eq(kind_of_only_word("example.com"), RS_WORD_URL);
    /* "#1" is a number sign, not a tag */
    cr_expect_eq(kind_of_only_word("#1"), RS_WORD_NUMBER);
}

Test(tokenizer, links_have_no_syllables)
{
    rs_report *r = analyze_detail("Read https://example.org today.");
    const rs_counts *c = rs_report_counts(r);
    cr_expect_eq(c->words, 3);
    cr_expect_eq(c->unscored_words, 1);
    cr_expect_eq(rs_report_word(r, 1)->syllables, 0);
    rs_report_free(r);
}

Test(tokenizer, unicode_spaces_separate_words)
{
    /* NBSP, thin space, ideographic space, zero-width space */
    expect_words("one\xC2\xA0two\xE2\x80\x89three\xE3\x80\x80" "four\xE2\x80\x8B" "five",
                 WORDS("one", "two", "three", "four", "five"));
}

Test(tokenizer, cjk_characters_are_word_equivalents)
{
    rs_report *r = analyze_detail("東京タワーに行く and 서울");
    const rs_counts *c = rs_report_counts(r);
    /* 東 京 タ ワ ー に 行 く = 8, "and" = 1, 서 울 = 2 */
    cr_expect_eq(c->words, 11);
    cr_expect_eq(c->cjk_chars, 10);
    cr_expect_eq(c->unscored_words, 10);
    rs_report_free(r);
}

Test(tokenizer, emoji_and_symbols_are_not_words)
{
    expect_words("great 👍 job ✓ → ok 👩‍💻", WORDS("great", "job", "ok"));
    expect_words("© 2024 ™ & § *", WORDS("2024"));
}

Test(tokenizer, dotted_abbreviations_are_one_word)
{
    expect_words("the U.S. and e.g. Ph.D.", WORDS("the", "U.S.", "and", "e.g.", "Ph.D."));
}

Test(tokenizer, dotted_abbreviations_beside_links_and_addresses)
{
    expect_words("at 2 p.m., the U.S.A. and Ph.D. holders (i.e. all) met",
                 WORDS("at", "2", "p.m.", "the", "U.S.A.", "and", "Ph.D.", "holders", "i.e.",
                       "all", "met"));
    expect_words("e.g.5 and A.b.c. end", WORDS("e.g.", "5", "and", "A.b.c.", "end"));
    /* two two-letter segments may be a host name; a period then a
       local-part byte may be an address */
    cr_expect_eq(kind_of_only_word("ab.io."), RS_WORD_URL);
    cr_expect_eq(kind_of_only_word("a.b.-x@y.com"), RS_WORD_EMAIL);
}

Test(tokenizer, words_end_where_no_link_can_begin)
{
    /* a colon opens a link only after http, https or ftp and "//" */
    expect_words("see: http: and ftp: here", WORDS("see", "http", "and", "ftp", "here"));
    /* a hyphenated first label can still start a host name */
    expect_words("a well-known.com site and a well-known site",
                 WORDS("a", "well-known.com", "site", "and", "a", "well-known", "site"));
    expect_words("snake_case, 50% and x_y@example.org",
                 WORDS("snake", "case", "50", "and", "x_y@example.org"));
    cr_expect_eq(kind_of_only_word("x_y@example.org"), RS_WORD_EMAIL);
    cr_expect_eq(kind_of_only_word("well-known.com"), RS_WORD_URL);
}

Test(tokenizer, curly_apostrophes_and_dashes_after_words)
{
    expect_words("students’ books don’t end—start word… ok",
                 WORDS("students", "books", "don’t", "end", "start", "word", "ok"));
}

Test(tokenizer, dotted_chains_longer_than_eight_segments_split)
{
    expect_words("ab.ab.ab.ab.ab.ab.ab.ab.", WORDS("ab.ab.ab.ab.ab.ab.ab.ab."));
    /* from the first "ab" the chain is too long; from the second it fits */
    expect_words("ab.ab.ab.ab.ab.ab.ab.ab.ab.", WORDS("ab", "ab.ab.ab.ab.ab.ab.ab.ab."));
}

Test(tokenizer, repeated_host_names_with_short_first_labels)
{
    /* "x" is too short a first label: each unit is two plain words */
    enum { UNITS = 20000 };
    static const char unit[] = "x.com/";
    char *text = malloc(UNITS * (sizeof unit - 1) + 1);
    cr_assert_not_null(text);
    for (size_t i = 0; i < UNITS; i++)
        memcpy(text + i * (sizeof unit - 1), unit, sizeof unit - 1);
    text[UNITS * (sizeof unit - 1)] = '\0';
    rs_report *r = analyze_detail(text);
    cr_expect_eq(rs_report_counts(r)->words, 2 * UNITS);
    rs_report_free(r);
    free(text);
    expect_words("xy.com/xy.com/ y", WORDS("xy.com/xy.com/", "y"));
}

Test(tokenizer, letters_and_characters)
{
    rs_report *r = analyze_detail("Don't stop, 42 times!");
    const rs_counts *c = rs_report_counts(r);
    /* letters: Dont(4) stop(4) times(5) = 13; digits 2;
       characters: every non-space code point: D o n ' t s t o p , 4 2 t i m e s ! = 18 */
    cr_expect_eq(c->letters, 13);
    cr_expect_eq(c->digits, 2);
    cr_expect_eq(c->characters, 18);
    rs_report_free(r);
}

Test(tokenizer, case_and_normalisation_do_not_change_lookups)
{
    /* "Cafe\u0301" (decomposed) and "café" (composed) are the same unique word. */
    rs_report *r = analyze_detail("zyx café and zyx cafe\xCC\x81 and ZYX CAFÉ.");
    cr_expect_eq(rs_report_counts(r)->unfamiliar_words, 2);
    rs_report_free(r);
}

/* The tokens of text by the internal tokenizer, appended to v. */
static void tokenize_into(const char *text, rs__token_vec *v, rs__text_stats *stats)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    cr_assert_eq(rs__tokenize(&a, text, 0, strlen(text), v, stats), RS_OK);
}

static void free_tokens(rs__token_vec *v)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__free(&a, v->items, v->cap * sizeof *v->items);
}

Test(tokenizer, marks_the_splitter_reads_are_flagged)
{
    const char *text = "One, two (three). Four! Five? Six\xE2\x80\xA6 \xE2\x80\xA2 seven; "
                       "eight: nine - ten\xE2\x80\x99s [e.g.] \xE3\x80\x82";
    rs__token_vec v = {0};
    rs__text_stats stats = {0};
    tokenize_into(text, &v, &stats);
    size_t flagged = 0;
    for (size_t i = 0; i < v.count; i++) {
        const rs__token *t = &v.items[i];
        bool splits = t->type == RS_TOK_PUNCT
                      && (t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == ')'
                          || t->cp == 0x2026 || t->cp == 0x2022 || t->cp == 0x3002);
        cr_expect_eq((t->flags & RS_TF_SPLITS) != 0, splits, "token %zu (U+%04X, type %d)", i,
                     (unsigned)t->cp, t->type);
        flagged += splits;
    }
    cr_expect_eq(flagged, 7);
    free_tokens(&v);
}

Test(tokenizer, the_same_tokens_however_little_room_is_left)
{
    /* plain words, capitals, long words, numbers, joiners, links and
       non-ASCII, ending in a word with no blank after it */
    const char *text = "The quick, brown fox (aged 12) jumps over www.example.com and "
                       "counterrevolutionaries: don't re-enter 3.14 \xE2\x80\x9Cnow\xE2\x80\x9D "
                       "e.g. HTML\n\n  I said a.\tEnd";
    rs__token_vec whole = {0};
    rs__text_stats whole_stats = {0};
    tokenize_into(text, &whole, &whole_stats);
    rs_allocator a = rs__allocator_or_default(NULL);
    for (size_t room = 1; room <= whole.count + 1; room++) {
        /* a vector already holding tokens, with room for only so many more */
        enum { HELD = 3 };
        rs__token_vec v = {0};
        cr_assert_eq(rs__grow(&a, (void **)&v.items, &v.cap, HELD + room, sizeof *v.items), RS_OK);
        v.count = v.cap - room;
        for (size_t i = 0; i < v.count; i++)
            v.items[i] = (rs__token){.type = RS_TOK_OTHER};
        size_t held = v.count;
        rs__text_stats stats = {0};
        tokenize_into(text, &v, &stats);
        cr_assert_eq(v.count - held, whole.count, "room %zu", room);
        for (size_t i = 0; i < whole.count; i++) {
            const rs__token *x = &whole.items[i], *y = &v.items[held + i];
            cr_expect(x->start == y->start && x->end == y->end && x->cp == y->cp
                          && x->letters == y->letters && x->digits == y->digits
                          && x->flags == y->flags && x->type == y->type && x->kind == y->kind,
                      "room %zu: token %zu differs", room, i);
        }
        cr_expect_eq(stats.characters, whole_stats.characters, "room %zu", room);
        free_tokens(&v);
    }
    free_tokens(&whole);
}

/* What one word token of a text should hold. */
typedef struct expected_word {
    const char *word;
    uint32_t letters, digits;
    unsigned flags;
    uint8_t kind;
} expected_word;

/*
 * Tokenizes text and checks its word tokens, in order, against want[0..n):
 * their bytes, letters, digits, kind and flags (the flags outside
 * ignored_flags exactly).  Returns the characters the tokenizer counted.
 */
static uint64_t expect_word_tokens(const char *text, const expected_word *want, size_t n,
                                   unsigned ignored_flags)
{
    rs__token_vec v = {0};
    rs__text_stats stats = {0};
    tokenize_into(text, &v, &stats);
    size_t words = 0;
    for (size_t i = 0; i < v.count; i++) {
        const rs__token *t = &v.items[i];
        if (t->type != RS_TOK_WORD)
            continue;
        cr_assert_lt(words, n);
        const expected_word *w = &want[words];
        size_t len = strlen(w->word);
        cr_expect(t->end - t->start == len && memcmp(text + t->start, w->word, len) == 0,
                  "word %zu", words);
        cr_expect_eq(t->letters, w->letters, "%s", w->word);
        cr_expect_eq(t->digits, w->digits, "%s", w->word);
        cr_expect_eq(t->kind, w->kind, "%s", w->word);
        cr_expect_eq(t->flags & ~ignored_flags, w->flags, "%s", w->word);
        words++;
    }
    cr_expect_eq(words, n);
    free_tokens(&v);
    return stats.characters;
}

Test(tokenizer, dotted_abbreviation_tokens)
{
    const char *text = "U.S. Ph.D. p.m. e.g.\n";
    enum { DOTTED = RS_TF_DOTTED | RS_TF_ASCII };
    static const expected_word want[] = {
        {"U.S.", 2, 0, RS_TF_UPPER_FIRST | RS_TF_ALL_UPPER | DOTTED, RS_WORD_PLAIN},
        {"Ph.D.", 3, 0, RS_TF_UPPER_FIRST | DOTTED, RS_WORD_PLAIN},
        {"p.m.", 2, 0, RS_TF_LOWER_FIRST | DOTTED, RS_WORD_PLAIN},
        {"e.g.", 2, 0, RS_TF_LOWER_FIRST | DOTTED, RS_WORD_PLAIN},
    };
    uint64_t characters = expect_word_tokens(text, want, sizeof want / sizeof want[0], 0);
    cr_expect_eq(characters, strlen(text) - 4); /* the blanks and the line break */
}

Test(tokenizer, decimals_curly_apostrophes_and_periods_before_quotes)
{
    expect_words("Mary\xE2\x80\x99s 18.4 miles, 3.5% and \xE2\x80\x9C" "again.\xE2\x80\x9D "
                 "rock\xE2\x80\x99n\xE2\x80\x99roll 1.5/2",
                 WORDS("Mary\xE2\x80\x99s", "18.4", "miles", "3.5", "and", "again",
                       "rock\xE2\x80\x99n\xE2\x80\x99roll", "1.5", "2"));
    cr_expect_eq(kind_of_only_word("3.5%@ab.com"), RS_WORD_EMAIL);
    cr_expect_eq(kind_of_only_word("12.4.io"), RS_WORD_URL);

    static const expected_word want[] = {
        {"DON\xE2\x80\x99T", 4, 0, RS_TF_UPPER_FIRST | RS_TF_ALL_UPPER | RS_TF_APOSTROPHE,
         RS_WORD_PLAIN},
        {"18.4", 0, 3, RS_TF_ASCII, RS_WORD_NUMBER},
        {"2012", 0, 4, RS_TF_ASCII, RS_WORD_NUMBER},
        {"again", 5, 0, RS_TF_LOWER_FIRST | RS_TF_ASCII, RS_WORD_PLAIN},
    };
    uint64_t characters = expect_word_tokens("DON\xE2\x80\x99T 18.4 2012 again.\xE2\x80\x9D\n", want,
                                             sizeof want / sizeof want[0], RS_TF_LOWER_TAIL);
    /* DON’T 5, 18.4 4, 2012 4, again 5, the period and the quote 2 */
    cr_expect_eq(characters, 20);
}

Test(tokenizer, bytes_readable_past_the_end_change_only_the_lower_tail_flag)
{
    /* the block ends inside "bl|ock"; what follows may be read */
    const char *text = "Near the end of a short block, Words and 12 bl" "ock then more text";
    size_t end = strlen("Near the end of a short block, Words and 12 bl"), len = strlen(text);
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec plain = {0}, readable = {0};
    rs__text_stats plain_stats = {0}, readable_stats = {0};
    cr_assert_eq(rs__tokenize(&a, text, 0, end, &plain, &plain_stats), RS_OK);
    cr_assert_eq(rs__tokenize_readable(&a, text, 0, end, len, &readable, &readable_stats), RS_OK);
    cr_assert_eq(readable.count, plain.count);
    size_t flagged_near_end = 0;
    for (size_t i = 0; i < plain.count; i++) {
        const rs__token *x = &plain.items[i], *y = &readable.items[i];
        cr_expect(x->start == y->start && x->end == y->end && x->cp == y->cp
                      && x->letters == y->letters && x->digits == y->digits
                      && (x->flags & ~RS_TF_LOWER_TAIL) == (y->flags & ~RS_TF_LOWER_TAIL)
                      && x->type == y->type && x->kind == y->kind,
                  "token %zu differs", i);
        cr_expect_leq(y->end, end);
        if (y->flags & RS_TF_LOWER_TAIL) {
            cr_expect_leq(y->start + 16, len, "token %zu", i);
            flagged_near_end += y->start + 16 > end;
        }
    }
#if defined(__SSE2__) && defined(__GNUC__)
    /* "Words", "and" and "bl" start within sixteen bytes of the end */
    cr_expect_eq(flagged_near_end, 3);
#else
    cr_expect_eq(flagged_near_end, 0); /* the flag comes from the vector loop */
#endif
    cr_expect_eq(readable_stats.characters, plain_stats.characters);
    free_tokens(&plain);
    free_tokens(&readable);
}

Test(tokenizer, line_feeds_are_counted)
{
    /* '\n' only: not '\r' nor U+2028; runs read fast and by the general
       rules (after a no-break space) alike */
    const char *text = "a\r\nb\n\n c \xE2\x80\xA8" "d\xC2\xA0\ne\n";
    rs__token_vec v = {0};
    rs__text_stats stats = {0};
    tokenize_into(text, &v, &stats);
    cr_expect_eq(stats.newlines, 5);
    free_tokens(&v);
}

/* What RS_TF_LOWER_TAIL promises measuring: an ASCII letter, then lower
   case ASCII letters only, with sixteen bytes of the text from its start. */
static bool lower_tail_holds(const char *text, const rs__token *t)
{
    size_t len = strlen(text);
    unsigned char first = (unsigned char)text[t->start];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')))
        return false;
    for (size_t i = t->start + 1; i < t->end; i++)
        if (text[i] < 'a' || text[i] > 'z')
            return false;
    return t->type == RS_TOK_WORD && t->kind == RS_WORD_PLAIN && (t->flags & RS_TF_ASCII)
           && t->start + 16 <= len;
}

Test(tokenizer, lower_tail_words_are_what_the_flag_says)
{
    const char *text = "The quick brown fox, aged 12, jumps over iPhone and NASA: don't "
                       "re-enter e.g. 3rd caf\xC3\xA9 counterrevolutionaries www.example.com "
                       "Ended with some words near the end";
    rs__token_vec v = {0};
    rs__text_stats stats = {0};
    tokenize_into(text, &v, &stats);
    size_t flagged = 0;
    for (size_t i = 0; i < v.count; i++) {
        const rs__token *t = &v.items[i];
        if (t->type != RS_TOK_WORD || !(t->flags & RS_TF_LOWER_TAIL))
            continue;
        flagged++;
        cr_expect(lower_tail_holds(text, t), "token %zu (%.*s)", i, (int)(t->end - t->start),
                  text + t->start);
    }
#if defined(__SSE2__) && defined(__GNUC__)
    /* the plain words far from the end have it: The quick brown fox aged
       jumps over and Ended with some words (the flag comes from the vector
       loop, so a build without it flags none) */
    cr_expect_geq(flagged, 12);
#endif
    for (size_t i = 0; i < v.count; i++) {
        const rs__token *t = &v.items[i];
        size_t n = t->end - t->start;
#if defined(__SSE2__) && defined(__GNUC__)
        if ((n == 3 && memcmp(text + t->start, "The", 3) == 0)
            || (n == 5 && memcmp(text + t->start, "quick", 5) == 0))
            cr_expect(t->flags & RS_TF_LOWER_TAIL, "%.*s", (int)n, text + t->start);
#endif
        if ((n == 6 && memcmp(text + t->start, "iPhone", 6) == 0)
            || (n == 4 && memcmp(text + t->start, "NASA", 4) == 0))
            cr_expect(!(t->flags & RS_TF_LOWER_TAIL), "%.*s", (int)n, text + t->start);
    }
    free_tokens(&v);
}

/*
 * The fast loop settles a word far from the end of its text (sixteen bytes
 * after it and room for the tokens after it) with fewer looks than one
 * near the end: each shape must come out the same both ways, but for
 * RS_TF_LOWER_TAIL, which needs the bytes after the word.
 */
Test(tokenizer, words_far_from_the_end_are_read_as_near_it)
{
    static const char *const shapes[] = {
        "don't", "Don't,", "don't.", "don't.x", "don't.\"", "I'm", "o'", "o'Neil", "it's-", "don't-x",
        "rock'n'roll", "well-known", "well-known.", "well-known.com", "well-known.x",
        "well-known,", "well-known:", "well-known@ab.com", "x-y@ab.com", "a-b-c", "a--b", "end-",
        "well-Known", "well-9", "don\xE2\x80\x99t", "Don\xE2\x80\x99t.", "don\xE2\x80\x99T",
        "word\xE2\x80\x99", "word\xE2\x80\x99s,", "word\xE2\x80\x99,", "word\xE2\x80\x99\xC3\xA9",
        "word\xE2\x80\x9D", "word\xE2\x80\x94word", "word\xE2\x80\x93", "word\xE2\x80\x90x",
        "word\xE2\x80\x91", "word\xE2\x80\xA6", "word\xE2\x80\xA2", "word\xE2\x80\x9C",
        "word\xE2\x82\xAC", "word\xE2\x80\x8Bx", "word\xE2\x80", "word:", "Word:x", "http:",
        "https://ab.com/x", "ftp:", "see:", "h:", "f:", "word's.com", "a'b@ab.com",
        "abcdefghijklmn'st", "abcdefghijklmno'", "abcdefghijklm\xE2\x80\x99s",
        "abcdefghijklmn\xE2\x80\x9D", "abcdefghijklmn-opqrstuvwxyz",
        /* a mark after the word, and what follows it */
        "end,", "end.", "end.x", "End. Next", "end,\tx", "end), x", "end;\"", "end?!", "www.",
        "www. x", "12, 13", "12.5, x", "end,\x01 x", "end\x01 x", "end.\xE2\x80\x9D",
        "abcdefghijklmnop, x", "abcdefghijklmno. X",
        /* hyphens that join nothing */
        "end--", "end--\"Quote", "end--x.com", "end--x@ab.com", "end-,", "end--.", "end--. x",
        "end---x", "end--X", "end--x,", "end-\xE2\x80\x9D", "abcdefghijklmn--opqrstu",
        "abcdefghijklmnop--", "end--abcdefghijklmnopq",
    };
    const char *pad = " and a few more plain words after it, to be far from the end";
    rs_allocator a = rs__allocator_or_default(NULL);
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        size_t n = strlen(shapes[i]);
        char far_text[256];
        snprintf(far_text, sizeof far_text, "x %s%s", shapes[i], pad);
        rs__token_vec near = {0}, far = {0};
        rs__text_stats near_stats = {0}, far_stats = {0};
        /* room for every token, so that the fast loop's limit is the text's end */
        cr_assert_eq(rs__grow(&a, (void **)&far.items, &far.cap, 256, sizeof *far.items), RS_OK);
        cr_assert_eq(rs__tokenize(&a, far_text, 2, strlen(far_text), &far, &far_stats), RS_OK);
        cr_assert_eq(rs__tokenize(&a, shapes[i], 0, n, &near, &near_stats), RS_OK);
        cr_assert_leq(near.count, far.count, "%s", shapes[i]);
        uint64_t far_chars = 0;
        for (size_t j = 0; j < near.count; j++) {
            const rs__token *x = &near.items[j], *y = &far.items[j];
            cr_expect(x->start + 2 == y->start && x->end + 2 == y->end && x->cp == y->cp
                          && x->letters == y->letters && x->digits == y->digits
                          && (x->flags & ~RS_TF_LOWER_TAIL) == (y->flags & ~RS_TF_LOWER_TAIL)
                          && x->type == y->type && x->kind == y->kind,
                      "%s: token %zu differs", shapes[i], j);
        }
        /* the characters of the tokens after the shape: the pad's */
        rs__text_stats pad_stats = {0};
        rs__token_vec pad_tokens = {0};
        cr_assert_eq(rs__tokenize(&a, pad, 0, strlen(pad), &pad_tokens, &pad_stats), RS_OK);
        far_chars = far_stats.characters - pad_stats.characters;
        cr_expect_eq(far_chars, near_stats.characters, "%s", shapes[i]);
        cr_expect_eq(far.count, near.count + pad_tokens.count, "%s", shapes[i]);
        free_tokens(&near);
        free_tokens(&far);
        free_tokens(&pad_tokens);
    }
}
