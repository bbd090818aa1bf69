/*
 * The plain-text line parser's heading test counts a line's words sixteen
 * bytes at a time where the line is ASCII and far enough from the text's
 * start, and byte by byte otherwise.  Lines of every length up to the
 * heading limit, made of letters, digits, ' and -, blanks and other marks,
 * are parsed at several places in a text, and must be headings exactly
 * when a plain count of their words says so.
 */
#include "plaintext_lines.h"

/* Words as the parser defines them: a run from a letter or digit on,
   through letters, digits, ' and - (bytes past 0x7F start two-byte
   letters here). */
static size_t reference_words(const char *line, size_t len)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c >= 0x80;
        bool joiner = c == '\'' || c == '-';
        if (word && !in_word)
            words++;
        in_word = word || (joiner && in_word);
    }
    return words;
}

Test(heading_words, sixteen_at_a_time_counts_as_byte_by_byte)
{
    /* joiners and blanks often, so that words join, part and run long */
    static const char bytes[] = "aZ9'-  ,b-'Q7/x'-yY  3";
    uint32_t state = 12345;
    /* at the text's start (too close for sixteen-byte reads behind the
       line's end), a few bytes in, and past a long first line */
    static const size_t places[] = {0, 5, 17, 200};
    for (size_t round = 0; round < 600; round++) {
        size_t len = 2 + next_random(&state) % 149;
        char line[160];
        /* a capital opening and a letter at the end: the words alone decide */
        line[0] = 'W';
        for (size_t i = 1; i < len; i++)
            line[i] = bytes[next_random(&state) % (sizeof bytes - 1)];
        line[len - 1] = 'k';
        bool wide = round % 5 == 4 && len >= 4;
        if (wide) {
            /* a two-byte letter: read byte by byte */
            size_t at = 1 + next_random(&state) % (len - 2);
            line[at] = (char)0xC3;
            line[at + 1] = (char)0xA9;
        }
        size_t words = reference_words(line, len);
        for (size_t k = 0; k < sizeof places / sizeof places[0]; k++) {
            size_t at = places[k];
            rs_block_kind want = words <= 15 ? RS_BLOCK_HEADING : RS_BLOCK_PARAGRAPH;
            cr_expect_eq(kind_of_line(line, len, at), want, "line \"%.*s\" (%zu words) at %zu",
                         (int)len, line, words, at);
        }
    }
}

Test(heading_words, joiners_join_only_inside_words)
{
    /* fifteen words, then a sixteenth that only a joiner outside a word starts */
    static const struct {
        const char *line;
        bool heading;
    } cases[] = {
        {"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen", true},
        {"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen -sixteen", false},
        {"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen-sixteen", true},
        {"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen '--'sixteen", false},
        {"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen'--'sixteen", true},
        {"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen/sixteen", false},
        {"Ab'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-"
         "'-'-'-'-cd 1 2 3 4 5 6 7 8 9 10 11 12 13 14", true},
        {"Ab'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-'-"
         "'-'-'-'- cd 1 2 3 4 5 6 7 8 9 10 11 12 13 14", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strlen(cases[i].line);
        cr_assert_lt(len, 150);
        cr_expect_eq(kind_of_line(cases[i].line, len, 0),
                     cases[i].heading ? RS_BLOCK_HEADING : RS_BLOCK_PARAGRAPH, "%s",
                     cases[i].line);
    }
}
