/*
 * Hostile and extreme input: damaged UTF-8, binary and wide encodings, every
 * line-ending convention, invisible characters, huge lines, words and
 * counts, and the repetitive shapes that could make a tokenizer quadratic.
 * Each case must finish with the right counts (or a clear error); none is
 * timed, but a quadratic path would make the big ones run for hours.
 * The fuzz targets in tests/fuzz/ check the same properties on random input.
 */
#include <stdint.h>
#include <stdio.h>

#include "helpers.h"

/* The strict JSON validator the fuzz targets use (one file, so included). */
#include "fuzz/json_check.c"

/*
 * Plain text, every block counted: these tests are about reading the text,
 * not about which blocks the role classifier takes for page chrome.
 */
static rs_options text_options(unsigned flags)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    o.flags = flags | RS_OPT_ALL;
    return o;
}

static rs_analyzer *new_analyzer(unsigned flags)
{
    rs_options o = text_options(flags);
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(&o, &a), RS_OK);
    return a;
}

static rs_report *run(const char *buf, size_t len, unsigned flags)
{
    rs_options o = text_options(flags);
    rs_report *r = NULL;
    rs_status st = rs_analyze(buf, len, &o, &r);
    cr_assert_eq(st, RS_OK, "rs_analyze: %s", rs_strerror(st));
    return r;
}

static rs_report *run_str(const char *text)
{
    return run(text, strlen(text), RS_OPT_DETAIL);
}

static const rs_counts *counts(const rs_report *r)
{
    return rs_report_counts(r);
}

/* total bytes of unit repeated (the last copy may be cut). */
static char *repeat(const char *unit, size_t total)
{
    size_t n = strlen(unit);
    char *buf = malloc(total ? total : 1);
    cr_assert_not_null(buf);
    for (size_t i = 0; i < total; i += n)
        memcpy(buf + i, unit, total - i < n ? total - i : n);
    return buf;
}

typedef struct json_buffer {
    char *bytes;
    size_t len, cap;
} json_buffer;

static int json_append(void *ud, const char *bytes, size_t len)
{
    json_buffer *b = ud;
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + len)
            cap *= 2;
        char *grown = realloc(b->bytes, cap);
        if (!grown)
            return 1;
        b->bytes = grown;
        b->cap = cap;
    }
    memcpy(b->bytes + b->len, bytes, len);
    b->len += len;
    return 0;
}

/* The report's JSON, every form, is strict RFC 8259 JSON. */
static void expect_valid_json(const rs_report *r, const char *what)
{
    for (unsigned flags = 0; flags <= (RS_JSON_PRETTY | RS_JSON_DETAIL); flags++) {
        json_buffer b = {0};
        cr_assert_eq(rs_report_write_json(r, what, flags, json_append, &b), RS_OK);
        json_check_result v = json_check(b.bytes, b.len, 16);
        cr_expect(v.ok, "%s (flags %u): %s at byte %zu", what, flags, v.message, v.offset);
        free(b.bytes);
    }
}

static void expect_same_counts(const rs_counts *a, const rs_counts *b, const char *what)
{
    /* all uint64_t: no padding, so memcmp compares the fields */
    cr_expect_eq(memcmp(a, b, sizeof *a), 0, "%s: counts differ (words %llu vs %llu)", what,
                 (unsigned long long)a->words, (unsigned long long)b->words);
}

/* ------------------------------------------------------------------ */
/* Damaged UTF-8                                                        */

Test(adversarial, invalid_utf8_of_every_kind_is_counted)
{
    /* Each damaged spot is one U+FFFD per maximal subpart (Unicode 15 §3.9). */
    static const struct {
        const char *text;
        uint64_t invalid, words;
    } cases[] = {
        {"two-byte overlong \xC0\x80 and \xC1\xBF here", 4, 4},
        {"three-byte overlong \xE0\x80\x80 and \xE0\x9F\xBF here", 6, 4},
        {"four-byte overlong \xF0\x80\x80\x80 and \xF0\x8F\xBF\xBF here", 8, 4},
        {"surrogates \xED\xA0\x80 and \xED\xBF\xBF here", 6, 3},
        {"CESU pair \xED\xA0\xBD\xED\xB8\x80 here", 6, 3},
        {"past the top \xF4\x90\x80\x80 and \xF5\x80\x80\x80 and \xF7\xBF\xBF\xBF", 12, 5},
        {"old five and six byte forms \xF8\x88\x80\x80\x80 \xFC\x84\x80\x80\x80\x80", 11, 6},
        {"truncated \xC3 and \xE2\x82 and \xF0\x9F\x98 here", 3, 4},
        {"truncated before a letter \xE2\x82x", 1, 5},
        {"stray \x80 and \xBF\x80\xBF continuations", 4, 3},
        {"bytes that never start anything: \xFE and \xFF", 2, 6},
        {"inside a word: ab\x80" "cd", 1, 5},
        {"at the very end: caf\xC3", 1, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_report *r = run_str(cases[i].text);
        cr_expect_eq(rs_report_invalid_utf8(r), cases[i].invalid, "case %zu: %llu invalid", i,
                     (unsigned long long)rs_report_invalid_utf8(r));
        cr_expect_eq(counts(r)->words, cases[i].words, "case %zu: %llu words", i,
                     (unsigned long long)counts(r)->words);
        expect_valid_json(r, cases[i].text);
        rs_report_free(r);
    }
}

Test(adversarial, a_truncated_file_ends_cleanly)
{
    /* Cut in the middle of the last character, as a failed download is. */
    static const char *const cuts[] = {"Hello w\xC3\xB6rld caf\xC3", "Smile \xF0\x9F\x98",
                                       "Euro \xE2\x82", "\xE2"};
    static const uint64_t words[] = {3, 1, 1, 0};
    for (size_t i = 0; i < 4; i++) {
        rs_report *r = run_str(cuts[i]);
        cr_expect_eq(rs_report_invalid_utf8(r), 1, "case %zu", i);
        cr_expect_eq(counts(r)->words, words[i], "case %zu", i);
        expect_valid_json(r, "truncated");
        rs_report_free(r);
        /* Streamed, with the cut sequence in a chunk of its own. */
        size_t len = strlen(cuts[i]);
        rs_analyzer *a = new_analyzer(0);
        cr_assert_eq(rs_analyzer_feed(a, cuts[i], len - 1), RS_OK);
        cr_assert_eq(rs_analyzer_feed(a, cuts[i] + len - 1, 1), RS_OK);
        cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
        cr_expect_eq(rs_report_invalid_utf8(r), 1, "streamed case %zu", i);
        rs_report_free(r);
        rs_analyzer_free(a);
    }
}

/* ------------------------------------------------------------------ */
/* Not UTF-8 at all                                                     */

Test(adversarial, nul_bytes_anywhere_mean_binary)
{
    rs_report *r = (rs_report *)1;
    cr_expect_eq(rs_analyze("\0", 1, NULL, &r), RS_ERR_BINARY);
    cr_expect_null(r);
    cr_expect_eq(rs_analyze("abc\0", 4, NULL, &r), RS_ERR_BINARY);
    cr_expect_eq(rs_analyze("\xEF\xBB\xBF\0text", 8, NULL, &r), RS_ERR_BINARY);
    /* A NUL after a megabyte of text, fed in pieces. */
    size_t n = 1u << 20;
    char *buf = repeat("Plain words here. ", n);
    buf[n - 1] = '\0';
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    rs_status st = RS_OK;
    for (size_t p = 0; p < n && st == RS_OK; p += 4096)
        st = rs_analyzer_feed(a, buf + p, 4096);
    cr_expect_eq(st, RS_ERR_BINARY);
    cr_expect_eq(rs_analyzer_finish(a, &r), RS_ERR_BINARY);
    rs_analyzer_free(a);
    free(buf);
}

/* The verdict for NUL bytes must not depend on how the input is cut. */
static rs_status status_when_fed_in(const char *buf, size_t len, size_t first_chunk)
{
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    rs_status st = rs_analyzer_feed(a, buf, first_chunk);
    if (st == RS_OK)
        st = rs_analyzer_feed(a, buf + first_chunk, len - first_chunk);
    rs_report *r = NULL;
    if (st == RS_OK)
        st = rs_analyzer_finish(a, &r);
    rs_report_free(r);
    rs_analyzer_free(a);
    return st;
}

Test(adversarial, nul_verdict_does_not_depend_on_chunking)
{
    /* Found by fuzz_feed: the first chunk alone looked like UTF-16LE. */
    static const char found[] = "\x01\x00\x28\x00\x53\x01\x30\x20\x1c\x20\xb2";
    size_t len = sizeof found - 1;
    rs_report *r;
    rs_status whole = rs_analyze(found, len, NULL, &r);
    cr_expect_eq(whole, RS_ERR_BINARY);
    for (size_t cut = 0; cut <= len; cut++)
        cr_expect_eq(status_when_fed_in(found, len, cut), whole, "cut at %zu", cut);
    /* The same with text that is plainly not UTF-16 after its first bytes. */
    static const char text[] = "a\0b\0 and then plenty of ordinary single-byte text, no NUL in it";
    len = sizeof text - 1;
    whole = rs_analyze(text, len, NULL, &r);
    cr_expect_eq(whole, RS_ERR_BINARY);
    for (size_t cut = 0; cut <= len; cut++)
        cr_expect_eq(status_when_fed_in(text, len, cut), whole, "cut at %zu", cut);
}

Test(adversarial, wide_byte_order_marks_are_refused)
{
    static const struct {
        const char *bytes;
        size_t len;
    } boms[] = {
        {"\xFF\xFE", 2},                 /* UTF-16LE, nothing after it */
        {"\xFE\xFF", 2},                 /* UTF-16BE */
        {"\xFF\xFEH\0i\0", 6},
        {"\xFE\xFF\0H\0i", 6},
        {"\xFF\xFE\0\0H\0\0\0", 8},      /* UTF-32LE */
        {"\0\0\xFE\xFF\0\0\0H", 8},      /* UTF-32BE */
    };
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        rs_report *r = (rs_report *)1;
        cr_expect_eq(rs_analyze(boms[i].bytes, boms[i].len, NULL, &r), RS_ERR_ENCODING, "bom %zu",
                     i);
        cr_expect_null(r);
        /* Byte by byte: the mark is recognised across chunks. */
        rs_analyzer *a;
        cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
        rs_status st = RS_OK;
        for (size_t k = 0; k < boms[i].len && st == RS_OK; k++)
            st = rs_analyzer_feed(a, boms[i].bytes + k, 1);
        if (st == RS_OK)
            st = rs_analyzer_finish(a, &r);
        cr_expect_eq(st, RS_ERR_ENCODING, "bom %zu byte by byte", i);
        rs_analyzer_free(a);
    }
}

Test(adversarial, utf8_bom_is_skipped_however_it_arrives)
{
    static const char text[] = "Heading\n\nThe first paragraph has words. It ends here.\n";
    rs_report *plain = run(text, sizeof text - 1, RS_OPT_DETAIL);
    char with_bom[sizeof text + 3];
    memcpy(with_bom, "\xEF\xBB\xBF", 3);
    memcpy(with_bom + 3, text, sizeof text);
    rs_report *bom = run(with_bom, sizeof text + 2, RS_OPT_DETAIL);
    expect_same_counts(counts(plain), counts(bom), "with a BOM");
    cr_expect_eq(rs_report_block(bom, 0)->start, 3);
    /* Fed one byte at a time, the BOM is split across three chunks. */
    rs_analyzer *a = new_analyzer(RS_OPT_DETAIL);
    for (size_t i = 0; i < sizeof text + 2; i++)
        cr_assert_eq(rs_analyzer_feed(a, with_bom + i, 1), RS_OK);
    rs_report *split;
    cr_assert_eq(rs_analyzer_finish(a, &split), RS_OK);
    rs_analyzer_free(a);
    expect_same_counts(counts(plain), counts(split), "BOM byte by byte");
    /* A BOM and nothing else is an empty text; one inside the text separates words. */
    rs_report *only = run("\xEF\xBB\xBF", 3, 0);
    cr_expect_eq(counts(only)->words, 0);
    cr_expect_eq(rs_report_block_count(only), 0);
    rs_report *inner = run_str("foo\xEF\xBB\xBF" "bar");
    cr_expect_eq(counts(inner)->words, 2);
    rs_report_free(plain);
    rs_report_free(bom);
    rs_report_free(split);
    rs_report_free(only);
    rs_report_free(inner);
}

/* ------------------------------------------------------------------ */
/* Line endings                                                         */

static const char lf_text[] =
    "Storm Warning\n\n"
    "The storm reached the coast at 5 a.m. on Monday. Mr. Ortiz said so.\n"
    "The second line of the paragraph is here!\n\n"
    "  \xE2\x80\xA2 Roads closed\n  \xE2\x80\xA2 Schools shut\n\n"
    "1. First item\n   goes on here.\n2. Second item\n\n"
    "What Comes Next\n"
    "Forecasters think the rain will ease. Nobody is sure.\n\n\n\n"
    "features\ncontact manager\n";

/* lf_text with each LF replaced by endings[k % n] in turn. */
static char *with_endings(const char *const *endings, size_t n, size_t *len)
{
    char *out = malloc(sizeof lf_text * 2);
    size_t o = 0, k = 0;
    for (const char *p = lf_text; *p; p++) {
        if (*p != '\n') {
            out[o++] = *p;
            continue;
        }
        const char *e = endings[k++ % n];
        memcpy(out + o, e, strlen(e));
        o += strlen(e);
    }
    *len = o;
    return out;
}

static void expect_same_structure(const rs_report *a, const rs_report *b, const char *what)
{
    expect_same_counts(counts(a), counts(b), what);
    cr_expect_eq(rs_report_block_count(a), rs_report_block_count(b), "%s: blocks", what);
    for (size_t i = 0; i < rs_report_block_count(a) && i < rs_report_block_count(b); i++) {
        cr_expect_eq(rs_report_block(a, i)->kind, rs_report_block(b, i)->kind, "%s: block %zu",
                     what, i);
        cr_expect_eq(rs_report_block(a, i)->words, rs_report_block(b, i)->words,
                     "%s: block %zu words", what, i);
    }
    cr_expect_eq(rs_report_section_count(a), rs_report_section_count(b), "%s: sections", what);
    cr_expect_eq(rs_report_sentence_count(a), rs_report_sentence_count(b), "%s: sentences", what);
    for (size_t i = 0; i < rs_report_sentence_count(a) && i < rs_report_sentence_count(b); i++)
        cr_expect_eq(rs_report_sentence(a, i)->words, rs_report_sentence(b, i)->words,
                     "%s: sentence %zu", what, i);
}

Test(adversarial, cr_crlf_and_mixed_line_endings_count_like_lf)
{
    rs_report *lf = run(lf_text, sizeof lf_text - 1, RS_OPT_DETAIL);
    cr_expect_eq(rs_report_section_count(lf), 2, "the fixture has two headings");
    static const char *const crlf[] = {"\r\n"}, *const cr[] = {"\r"},
                             *const mixed[] = {"\n", "\r\n", "\r", "\r\n", "\n", "\r"};
    static const struct {
        const char *name;
        const char *const *endings;
        size_t n;
    } variants[] = {{"CRLF", crlf, 1}, {"CR", cr, 1}, {"mixed", mixed, 6}};
    for (size_t v = 0; v < 3; v++) {
        size_t len;
        char *text = with_endings(variants[v].endings, variants[v].n, &len);
        rs_report *r = run(text, len, RS_OPT_DETAIL);
        expect_same_structure(lf, r, variants[v].name);
        /* A CRLF split across two chunks is still one line break. */
        rs_analyzer *a = new_analyzer(RS_OPT_DETAIL);
        for (size_t i = 0; i < len; i++)
            cr_assert_eq(rs_analyzer_feed(a, text + i, 1), RS_OK);
        rs_report *bytewise;
        cr_assert_eq(rs_analyzer_finish(a, &bytewise), RS_OK);
        rs_analyzer_free(a);
        expect_same_structure(lf, bytewise, variants[v].name);
        rs_report_free(bytewise);
        rs_report_free(r);
        free(text);
    }
    rs_report_free(lf);
}

/* ------------------------------------------------------------------ */
/* Invisible characters                                                 */

Test(adversarial, zero_width_and_bidi_controls_keep_words_whole)
{
    static const struct {
        const char *text;
        uint64_t words;
    } cases[] = {
        {"foo\xE2\x80\x8D" "bar", 1},                 /* ZWJ */
        {"foo\xE2\x80\x8C" "bar", 1},                 /* ZWNJ */
        {"foo\xE2\x81\xA0" "bar", 1},                 /* word joiner */
        {"foo\xC2\xAD" "bar", 1},                     /* soft hyphen */
        {"foo\xE2\x80\x8E" "bar", 1},                 /* LRM */
        {"foo\xE2\x80\x8F" "bar", 1},                 /* RLM */
        {"foo\xE2\x80\x8B" "bar", 2},                 /* zero-width space */
        {"foo\xEF\xBB\xBF" "bar", 2},                 /* ZWNBSP inside the text */
        {"\xE2\x80\xAE" "foo bar\xE2\x80\xAC", 2},    /* RLO ... PDF */
        {"\xE2\x81\xA7" "foo\xE2\x81\xA9 bar", 2},    /* RLI ... PDI */
        {"\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAD", 0},  /* controls alone are no word */
        {"\xE2\x80\x8E \xE2\x80\x8F", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_report *r = run_str(cases[i].text);
        cr_expect_eq(counts(r)->words, cases[i].words, "case %zu: %llu words", i,
                     (unsigned long long)counts(r)->words);
        expect_valid_json(r, "invisible");
        rs_report_free(r);
    }
    /* The joined word spans the joiner: its text is all of "foo\u200Dbar". */
    rs_report *r = run_str("foo\xE2\x80\x8D" "bar is one word.");
    cr_expect_eq(rs_report_word(r, 0)->start, 0);
    cr_expect_eq(rs_report_word(r, 0)->end, 9);
    cr_expect_eq(counts(r)->letters, 6 + 2 + 3 + 4);
    rs_report_free(r);
}

Test(adversarial, combining_mark_stacks_stay_in_their_word)
{
    /* One letter under 500 acute accents is one word of one letter. */
    size_t len = 1 + 500 * 2;
    char *word = malloc(len + 1);
    word[0] = 'e';
    for (size_t i = 0; i < 500; i++)
        memcpy(word + 1 + 2 * i, "\xCC\x81", 2);
    rs_report *r = run(word, len, RS_OPT_DETAIL);
    cr_expect_eq(counts(r)->words, 1);
    cr_expect_eq(counts(r)->letters, 1);
    cr_expect_eq(counts(r)->characters, 1, "marks are not characters");
    cr_expect_eq(rs_report_word(r, 0)->end, len);
    rs_report_free(r);
    free(word);
    /* "Zalgo" text: marks on every letter of two words. */
    static const char zalgo[] = "h\xCC\x81\xCC\xA7\xCD\x95" "e\xCC\x88\xCC\x88llo\xCC\xB8 "
                                "w\xCD\x9Co\xCC\x81\xCC\x81\xCC\x81rld\xCC\xA3.";
    r = run_str(zalgo);
    cr_expect_eq(counts(r)->words, 2);
    cr_expect_eq(counts(r)->letters, 10);
    cr_expect_eq(counts(r)->sentences, 1);
    rs_report_free(r);
}

Test(adversarial, emoji_sequences_are_not_words)
{
    static const char text[] =
        "ok \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB "                          /* woman technologist */
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 " /* family */
        "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD "                                        /* thumbs up, skin tone */
        "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 "                                        /* flag */
        "\xE2\x9D\xA4\xEF\xB8\x8F "                                                /* heart, VS16 */
        "done";
    rs_report *r = run_str(text);
    cr_expect_eq(counts(r)->words, 2, "%llu words", (unsigned long long)counts(r)->words);
    cr_expect_eq(rs_report_word(r, 1)->start, sizeof text - 1 - 4, "\"done\" is the second word");
    expect_valid_json(r, "emoji");
    rs_report_free(r);
}

Test(adversarial, marks_without_a_letter_are_not_words)
{
    /* U+FE0F after a symbol asks for emoji style: "\u2764\uFE0F" is a heart,
       not a word (found while writing the emoji case above). */
    rs_report *r = run_str("ok \xE2\x9D\xA4\xEF\xB8\x8F and \xE2\x98\xBA\xEF\xB8\x8F "
                           "\xE2\x9C\x94\xEF\xB8\x8F done");
    rs_report *bare = run_str("ok and done");
    cr_expect_eq(counts(r)->words, 3, "%llu words", (unsigned long long)counts(r)->words);
    cr_expect_eq(counts(r)->syllables, counts(bare)->syllables);
    cr_expect_eq(counts(r)->characters, counts(bare)->characters + 3, "one per symbol");
    rs_report_free(bare);
    rs_report_free(r);
    /* A combining mark with no letter before it. */
    r = run_str("\xCC\x81 \xCC\x81\xCC\x81 (\xCC\x81)");
    cr_expect_eq(counts(r)->words, 0, "%llu words", (unsigned long long)counts(r)->words);
    rs_report_free(r);
    /* A keycap digit is still the number it shows. */
    r = run_str("Press 1\xEF\xB8\x8F\xE2\x83\xA3 now.");
    cr_expect_eq(counts(r)->words, 3);
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Sizes                                                                */

Test(adversarial, a_100_mb_line)
{
    size_t n = 100u << 20; /* "word " 20 971 520 times, no line break */
    char *buf = repeat("word ", n);
    rs_report *r = run(buf, n, 0);
    cr_expect_eq(counts(r)->words, n / 5);
    cr_expect_eq(counts(r)->letters, n / 5 * 4);
    cr_expect_eq(counts(r)->sentences, 1);
    cr_expect_eq(rs_report_block_count(r), 1);
    cr_expect_eq(rs_report_block(r, 0)->end, n - 1, "the block ends at its last letter");
    rs_report_free(r);
    free(buf);
}

Test(adversarial, a_million_blank_lines)
{
    static const char *const units[] = {"\n", "\r\n", "\r", " \t\n", "\xC2\xA0\n"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t n = strlen(units[u]) * 1000000;
        char *buf = repeat(units[u], n);
        rs_report *r = run(buf, n, RS_OPT_DETAIL);
        cr_expect_eq(counts(r)->words, 0, "unit %zu", u);
        cr_expect_eq(rs_report_block_count(r), 0, "unit %zu", u);
        cr_expect_eq(rs_report_section_count(r), 0, "unit %zu", u);
        rs_report_free(r);
        free(buf);
    }
    /* Between two paragraphs: still two paragraphs. */
    size_t n = 1000000 + 10;
    char *buf = repeat("\n", n);
    memcpy(buf, "First.", 6);
    memcpy(buf + n - 4, "End.", 4);
    rs_report *r = run(buf, n, 0);
    cr_expect_eq(counts(r)->paragraphs, 2);
    cr_expect_eq(counts(r)->sentences, 2);
    rs_report_free(r);
    free(buf);
}

Test(adversarial, a_10_mb_word)
{
    size_t n = 10u << 20;
    char *buf = repeat("a", n);
    rs_report *r = run(buf, n, RS_OPT_DETAIL);
    cr_expect_eq(counts(r)->words, 1);
    cr_expect_eq(counts(r)->letters, n);
    cr_expect_eq(counts(r)->long_words, 1);
    cr_expect_eq(rs_report_word(r, 0)->end, n);
    rs_report_free(r);
    free(buf);
    /* Non-ASCII letters take the Unicode path (normalisation, folding). */
    buf = repeat("\xC3\xA9", n);
    r = run(buf, n, 0);
    cr_expect_eq(counts(r)->words, 1);
    cr_expect_eq(counts(r)->letters, n / 2);
    rs_report_free(r);
    free(buf);
    /* A 10 MB number is one number. */
    buf = repeat("9", n);
    r = run(buf, n, RS_OPT_DETAIL);
    cr_expect_eq(counts(r)->words, 1);
    cr_expect_eq(counts(r)->digits, n);
    cr_expect_eq(rs_report_word(r, 0)->kind, RS_WORD_NUMBER);
    rs_report_free(r);
    free(buf);
}

Test(adversarial, a_million_one_word_sentences)
{
    size_t n = 4 * 1000000;
    char *buf = repeat("Go. ", n);
    rs_report *r = run(buf, n, RS_OPT_DETAIL);
    cr_expect_eq(counts(r)->sentences, 1000000);
    cr_expect_eq(counts(r)->words, 1000000);
    cr_expect_eq(rs_report_sentence_count(r), 1000000);
    cr_expect_eq(rs_report_sentence(r, 999999)->words, 1);
    cr_expect_eq(rs_report_sentence(r, 999999)->start, n - 4);
    rs_report_free(r);
    free(buf);
}

/*
 * Shapes that could make a tokenizer or splitter rescan: dotted
 * abbreviations, domains, numbers with separators, opening brackets before
 * a possible sentence start, runs of terminators, ellipses, @ and #, link
 * prefixes.  `tools/fuzz.sh cost` measures their cost at N and 2N bytes
 * with callgrind (it grows 2.00x); here they run at 1 MB and must give the
 * right counts.
 */
#define SHAPE_BYTES (1u << 20)
Test(adversarial, repetitive_shapes_finish_with_the_right_counts)
{
    const size_t n = SHAPE_BYTES;
    static const struct {
        const char *unit;
        uint64_t words, sentences; /* for n bytes; UINT64_MAX: not checked */
    } shapes[] = {
        /* "a.b.a.b." splits into letters; only the last eight letters, with
           nothing after them, read as one dotted abbreviation. */
        {"a.b.", SHAPE_BYTES / 2 - 7, 1},
        {"Go.Go.", SHAPE_BYTES / 3 + 1, SHAPE_BYTES / 3 + 1},
        {"1.1.1.1.", 1, 1},
        {"((((((", 0, 0},
        {"!!!!!", 0, 0},
        {"....", 0, 0},
        {"@@@@", 0, 0},
        {"####", 0, 0},
        {"http://", 1, 1},
        {"www.", 1, 1},
        {"e.g.", SHAPE_BYTES / 2 - 7, 1},
        {"#a", SHAPE_BYTES / 2, 1},
        {"@a", SHAPE_BYTES / 2, 1},
        {"a@b.", UINT64_MAX, UINT64_MAX},
        {"x.com/", UINT64_MAX, UINT64_MAX},
        {"'-'-", 0, 0},
        {". . ", 0, 0},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        char *buf = repeat(shapes[i].unit, n);
        rs_report *r = run(buf, n, 0);
        if (shapes[i].words != UINT64_MAX)
            cr_expect_eq(counts(r)->words, shapes[i].words, "\"%s\": %llu words", shapes[i].unit,
                         (unsigned long long)counts(r)->words);
        if (shapes[i].sentences != UINT64_MAX)
            cr_expect_eq(counts(r)->sentences, shapes[i].sentences, "\"%s\": %llu sentences",
                         shapes[i].unit, (unsigned long long)counts(r)->sentences);
        cr_expect_leq(counts(r)->words, n, "\"%s\"", shapes[i].unit);
        rs_report_free(r);
        free(buf);
    }
}

/* ------------------------------------------------------------------ */
/* Streaming                                                            */

static void expect_same_report(const rs_report *a, const rs_report *b)
{
    expect_same_counts(counts(a), counts(b), "document");
    cr_assert_eq(rs_report_invalid_utf8(a), rs_report_invalid_utf8(b));
    cr_assert_eq(rs_report_block_count(a), rs_report_block_count(b));
    for (size_t i = 0; i < rs_report_block_count(a); i++) {
        const rs_block *x = rs_report_block(a, i), *y = rs_report_block(b, i);
        cr_assert(x->kind == y->kind && x->level == y->level && x->start == y->start
                      && x->end == y->end && x->words == y->words && x->sentences == y->sentences
                      && x->section == y->section,
                  "block %zu", i);
    }
    cr_assert_eq(rs_report_section_count(a), rs_report_section_count(b));
    for (size_t i = 0; i < rs_report_section_count(a); i++)
        expect_same_counts(&rs_report_section(a, i)->counts, &rs_report_section(b, i)->counts,
                           "section");
    cr_assert_eq(rs_report_sentence_count(a), rs_report_sentence_count(b));
    for (size_t i = 0; i < rs_report_sentence_count(a); i++) {
        const rs_sentence *x = rs_report_sentence(a, i), *y = rs_report_sentence(b, i);
        cr_assert(x->start == y->start && x->end == y->end && x->block == y->block
                      && x->first_word == y->first_word && x->words == y->words
                      && x->syllables == y->syllables,
                  "sentence %zu", i);
    }
    cr_assert_eq(rs_report_word_count(a), rs_report_word_count(b));
    for (size_t i = 0; i < rs_report_word_count(a); i++) {
        const rs_word *x = rs_report_word(a, i), *y = rs_report_word(b, i);
        cr_assert(x->start == y->start && x->end == y->end && x->kind == y->kind
                      && x->syllables == y->syllables,
                  "word %zu", i);
    }
}

Test(adversarial, one_byte_chunks_for_a_megabyte)
{
    /* Every construct at once: headings, lists, CRLF, CR, Unicode, damage. */
    static const char unit[] =
        "A Heading Here\r\n"
        "Dr. Smith paid $1,000.50 on the 16th, see https://example.org/x. \xE2\x80\x9CReally?\xE2\x80\x9D "
        "she asked\xE2\x80\xA6 Caf\xC3\xA9 na\xC3\xAFve \xE5\xA4\xA9\xE6\xB0\x94\xE3\x80\x82 foo\xE2\x80\x8D" "bar.\n"
        "\r  \xE2\x80\xA2 one item\n  - another @handle #tag\r\n\n"
        "1. First. 2. Second e.g. this \xF0\x9F\x98 or \xC0\xAF.\n\n";
    size_t n = 1u << 20;
    char *buf = repeat(unit, n);
    rs_report *whole = run(buf, n, RS_OPT_DETAIL);
    cr_assert_gt(counts(whole)->words, 100000);
    cr_assert_gt(rs_report_invalid_utf8(whole), 1000);
    rs_analyzer *a = new_analyzer(RS_OPT_DETAIL);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(rs_analyzer_feed(a, buf + i, 1), RS_OK, "byte %zu", i);
    rs_report *bytewise;
    cr_assert_eq(rs_analyzer_finish(a, &bytewise), RS_OK);
    rs_analyzer_free(a);
    expect_same_report(whole, bytewise);
    rs_report_free(whole);
    rs_report_free(bytewise);
    free(buf);
}
