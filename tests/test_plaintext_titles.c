/*
 * The plain-text line parser reads a line as little as it can: a sentence
 * by its first and last bytes, a title (visible ASCII first, an ASCII
 * letter or digit last) by those and its words, anything else byte by
 * byte.  Random ASCII lines of letters, digits, blanks, quotes, brackets
 * and punctuation, followed by a blank line and a sentence, must make a
 * heading, a list item or a paragraph exactly as the rules say, whichever
 * way the parser took.  And the front-end's shortcut for the commonest
 * paragraph, a line and the empty line after it taken in one go, must make
 * the blocks that taking them one by one makes.
 */
#include "plaintext_lines.h"

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool closer(char c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
}

static bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The rules of format/plaintext.c, spelled out for ASCII lines with a
   visible byte: the kind of the block the line makes when a blank line
   and a sentence follow it. */
static rs_block_kind expected_kind(const char *line, size_t len)
{
    size_t p = 0;
    while (blank(line[p]))
        p++;
    char first = line[p];
    /* a list marker: - * or + and a blank, or one to three digits, . or ),
       maybe a ), and a blank (the blank may be the line's trailing one) */
    if ((first == '-' || first == '*' || first == '+') && p + 1 < len && blank(line[p + 1]))
        return RS_BLOCK_LIST_ITEM;
    size_t digits = 0;
    while (p + digits < len && line[p + digits] >= '0' && line[p + digits] <= '9')
        digits++;
    if (digits >= 1 && digits <= 3 && p + digits < len
        && (line[p + digits] == '.' || line[p + digits] == ')')) {
        size_t q = p + digits + 1;
        if (q < len && line[q] == ')')
            q++;
        if (q < len && blank(line[q]))
            return RS_BLOCK_LIST_ITEM;
    }
    size_t end = len;
    while (blank(line[end - 1]))
        end--;
    char last = line[end - 1];
    char last_non_closer = 0;
    for (size_t q = end; q > p; q--) {
        char c = line[q - 1];
        if (!blank(c) && !closer(c)) {
            last_non_closer = c;
            break;
        }
    }
    bool terminal = last_non_closer == '.' || last_non_closer == '!' || last_non_closer == '?';
    bool final_punct = terminal || last == ':' || last == ';' || last == ','
                       || last_non_closer == ':' || last_non_closer == ';'
                       || last_non_closer == ',';
    bool starts_lower = first >= 'a' && first <= 'z';
    if (final_punct || starts_lower || end - p > 150)
        return RS_BLOCK_PARAGRAPH;
    /* words: from a letter or digit on, through letters, digits, ' and - */
    size_t words = 0;
    bool in_word = false, letter = false;
    for (size_t q = p; q < end; q++) {
        char c = line[q];
        if (alnum(c) && !in_word)
            words++;
        letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        in_word = alnum(c) || ((c == '\'' || c == '-') && in_word);
    }
    return letter && words >= 1 && words <= 15 ? RS_BLOCK_HEADING : RS_BLOCK_PARAGRAPH;
}

Test(plaintext_titles, every_way_through_the_parser_follows_the_rules)
{
    /* the bytes that decide: cases, digits, joiners, blanks, closers,
       openers, terminals, other final punctuation, list markers */
    static const char bytes[] = "aZ9'-  \t.!?:;,\"')(][}/#*+qW7";
    static const size_t places[] = {0, 5, 200};
    uint32_t state = 2024;
    size_t kinds[3] = {0}, long_headings = 0;
    for (size_t round = 0; round < 20000; round++) {
        /* mostly short lines, whose last bytes and words decide; some
           around the 150-byte limit */
        bool long_line = round % 8 == 7;
        size_t len = long_line ? 140 + next_random(&state) % 21 : 1 + next_random(&state) % 24;
        char line[170];
        /* a long line of long words, or it has too many for a heading anyway */
        for (size_t i = 0; i < len; i++)
            line[i] = long_line && next_random(&state) % 16 != 0
                          ? 'e' : bytes[next_random(&state) % (sizeof bytes - 1)];
        /* often a title's shape: a capital or a quote first, a letter last */
        if (round % 3 == 0)
            line[0] = round % 6 == 0 ? 'T' : '"';
        if (round % 4 < 2)
            line[len - 1] = round % 4 == 0 ? 'k' : '8';
        /* or a list marker's start, which the bytes after it may finish */
        static const char *const markers[] = {"- ", "*\t", "+", "7.", "12)", "3.)", "1234."};
        if (round % 5 == 1) {
            const char *marker = markers[next_random(&state) % 7];
            size_t n = strlen(marker);
            memcpy(line, marker, n < len ? n : len);
        }
        size_t visible = 0;
        for (size_t i = 0; i < len; i++)
            visible += !blank(line[i]);
        if (visible == 0)
            continue;
        rs_block_kind want = expected_kind(line, len);
        kinds[want == RS_BLOCK_HEADING ? 0 : want == RS_BLOCK_LIST_ITEM ? 1 : 2]++;
        long_headings += long_line && want == RS_BLOCK_HEADING;
        size_t at = places[round % 3];
        cr_expect_eq(kind_of_line(line, len, at), want, "line \"%.*s\" at %zu", (int)len, line, at);
    }
    /* each outcome came up often: the lines tried every path */
    cr_expect_gt(kinds[0], 1000);
    cr_expect_gt(kinds[1], 1000);
    cr_expect_gt(kinds[2], 1000);
    cr_expect_gt(long_headings, 20);
}

/* The blocks of text, fed whole or a byte at a time. */
static rs_report *analyze_text(const char *text, size_t len, bool bytewise)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    rs_analyzer *an;
    cr_assert_eq(rs_analyzer_new(&o, &an), RS_OK);
    for (size_t p = 0; p < len;) {
        size_t n = bytewise ? 1 : len - p;
        cr_assert_eq(rs_analyzer_feed(an, text + p, n), RS_OK);
        p += n;
    }
    rs_report *r;
    cr_assert_eq(rs_analyzer_finish(an, &r), RS_OK);
    rs_analyzer_free(an);
    return r;
}

/*
 * Fed whole, the front-end takes a paragraph's line and the empty line
 * after it in one go; a byte at a time, the empty line has not come when
 * the line ends, and each goes its own way through the line parser.
 * Documents of sentences, titles, list items, indented lines and blank
 * runs, with LF and CRLF, must make the same blocks both ways.
 */
Test(plaintext_titles, a_paragraph_and_its_blank_line_in_one_go_as_one_by_one)
{
    static const char *const lines[] = {
        "The storm arrived early on Monday.", "What Comes Next", "\u2022 Ferries run nightly",
        "- an item", "  going on, indented.", "1. First step", "lower case line", "   ",
        "\"A quoted sentence.\"", "Title With Digits 2024", "Ends with a colon:", "",
    };
    static const char *const breaks[] = {"\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", "\n\n"};
    uint32_t state = 99;
    size_t blocks = 0;
    for (int round = 0; round < 300; round++) {
        char text[4096];
        size_t len = 0;
        size_t nlines = 1 + next_random(&state) % 24;
        for (size_t i = 0; i < nlines; i++) {
            const char *line = lines[next_random(&state) % (sizeof lines / sizeof lines[0])];
            const char *brk = breaks[next_random(&state) % (sizeof breaks / sizeof breaks[0])];
            memcpy(text + len, line, strlen(line));
            len += strlen(line);
            if (i + 1 < nlines || round % 2 == 0) {
                memcpy(text + len, brk, strlen(brk));
                len += strlen(brk);
            }
        }
        rs_report *whole = analyze_text(text, len, false);
        rs_report *bytewise = analyze_text(text, len, true);
        size_t n = rs_report_block_count(whole);
        cr_assert_eq(rs_report_block_count(bytewise), n, "round %d: \"%.*s\"", round, (int)len, text);
        for (size_t i = 0; i < n; i++) {
            const rs_block *a = rs_report_block(whole, i), *b = rs_report_block(bytewise, i);
            cr_expect(a->kind == b->kind && a->level == b->level && a->start == b->start
                          && a->end == b->end,
                      "round %d, block %zu: \"%.*s\"", round, i, (int)len, text);
        }
        blocks += n;
        rs_report_free(whole);
        rs_report_free(bytewise);
    }
    cr_expect_gt(blocks, 1000);
}
