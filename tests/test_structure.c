/* Plain-text structure: paragraphs, headings, list items, sections, offsets. */
#include "helpers.h"

typedef struct expected_block {
    rs_block_kind kind;
    const char *text;
} expected_block;

static void expect_blocks(const char *input, const expected_block *expected, size_t n)
{
    rs_report *r = analyze_detail(input);
    size_t got = rs_report_block_count(r);
    cr_expect_eq(got, n, "%zu blocks, expected %zu", got, n);
    for (size_t i = 0; i < got && i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        char *text = strndup(input + b->start, b->end - b->start);
        cr_expect_eq(b->kind, expected[i].kind, "block %zu (%s) is a %s", i, text,
                     rs_block_kind_name(b->kind));
        cr_expect_str_eq(text, expected[i].text, "block %zu", i);
        free(text);
    }
    rs_report_free(r);
}

#define BLOCKS(input, ...)                                                                  \
    do {                                                                                    \
        const expected_block exp_[] = {__VA_ARGS__};                                        \
        expect_blocks(input, exp_, sizeof exp_ / sizeof exp_[0]);                           \
    } while (0)

Test(structure, paragraphs_are_separated_by_blank_lines)
{
    BLOCKS("First line\nstill first.\n\n  \nSecond paragraph.\n",
           {RS_BLOCK_PARAGRAPH, "First line\nstill first."},
           {RS_BLOCK_PARAGRAPH, "Second paragraph."});
}

Test(structure, heading_is_a_short_unpunctuated_line_followed_by_text)
{
    BLOCKS("Storm Hits the Coast\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "Storm Hits the Coast"},
           {RS_BLOCK_PARAGRAPH, "The storm arrived early on Monday."});
    /* directly above its text, without a blank line */
    BLOCKS("Background\nThe project began in 2019 with three people.\n",
           {RS_BLOCK_HEADING, "Background"},
           {RS_BLOCK_PARAGRAPH, "The project began in 2019 with three people."});
}

Test(structure, not_headings)
{
    /* ends with punctuation */
    BLOCKS("It rained.\n\nThen it stopped.",
           {RS_BLOCK_PARAGRAPH, "It rained."}, {RS_BLOCK_PARAGRAPH, "Then it stopped."});
    /* nothing follows */
    BLOCKS("Just a closing line", {RS_BLOCK_PARAGRAPH, "Just a closing line"});
    /* the next line continues it in lower case */
    BLOCKS("It was a cold\nnight in the city.", {RS_BLOCK_PARAGRAPH, "It was a cold\nnight in the city."});
    /* too long for a heading */
    BLOCKS("This line has far too many words to be a heading in any reasonable document here\n\nText.",
           {RS_BLOCK_PARAGRAPH, "This line has far too many words to be a heading in any reasonable document here"},
           {RS_BLOCK_PARAGRAPH, "Text."});
    /* no letters */
    BLOCKS("300\n\nText.", {RS_BLOCK_PARAGRAPH, "300"}, {RS_BLOCK_PARAGRAPH, "Text."});
    /* ends with a colon: a lead-in */
    BLOCKS("Ingredients:\n\nFlour and water.", {RS_BLOCK_PARAGRAPH, "Ingredients:"},
           {RS_BLOCK_PARAGRAPH, "Flour and water."});
}

Test(structure, a_line_ends_past_closing_quotes_and_blanks_in_any_script)
{
    static const char *const text = "The storm arrived early on Monday.";
    /* a letter outside ASCII ends a heading as an ASCII one does */
    BLOCKS("Menu du Caf\xc3\xa9\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "Menu du Caf\xc3\xa9"}, {RS_BLOCK_PARAGRAPH, text});
    /* a title in guillemets is still a heading... */
    BLOCKS("\xc2\xabThe Long Road\xc2\xbb\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "\xc2\xabThe Long Road\xc2\xbb"}, {RS_BLOCK_PARAGRAPH, text});
    /* ...but the full stop or the ellipsis inside closing quotes ends a sentence */
    BLOCKS("He said \xe2\x80\x9cStop.\xe2\x80\x9d\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "He said \xe2\x80\x9cStop.\xe2\x80\x9d"}, {RS_BLOCK_PARAGRAPH, text});
    BLOCKS("Wait for It\xe2\x80\xa6\xc2\xbb\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "Wait for It\xe2\x80\xa6\xc2\xbb"}, {RS_BLOCK_PARAGRAPH, text});
    /* blanks after the text, a no-break space among them, are not part of it */
    BLOCKS("Storm Hits the Coast \xc2\xa0\t\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "Storm Hits the Coast"}, {RS_BLOCK_PARAGRAPH, text});
    /* a damaged character at the end is a character, not a blank */
    BLOCKS("Storm Hits the Coast \xe2\x80\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "Storm Hits the Coast \xe2\x80"}, {RS_BLOCK_PARAGRAPH, text});
    BLOCKS("Storm Hits the Coast.\x80\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "Storm Hits the Coast.\x80"}, {RS_BLOCK_PARAGRAPH, text});
    /* a stray byte that would be a closing guillemet as a code point (0xBB)
       is no closer: the line does not end with its full stop */
    BLOCKS("Storm Hits the Coast.\xbb\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "Storm Hits the Coast.\xbb"}, {RS_BLOCK_PARAGRAPH, text});
    /* a line in curly quotes: a sentence ends inside or before them, a
       title has none */
    BLOCKS("\xe2\x80\x9cStop,\xe2\x80\x9d he said.\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "\xe2\x80\x9cStop,\xe2\x80\x9d he said."},
           {RS_BLOCK_PARAGRAPH, text});
    BLOCKS("\xe2\x80\x98Stop now.\xe2\x80\x99\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "\xe2\x80\x98Stop now.\xe2\x80\x99"}, {RS_BLOCK_PARAGRAPH, text});
    BLOCKS("\xe2\x80\x9cThe Long Road\xe2\x80\x9d\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "\xe2\x80\x9cThe Long Road\xe2\x80\x9d"}, {RS_BLOCK_PARAGRAPH, text});
    /* ASCII quotes and brackets after the full stop */
    BLOCKS("He said \"Stop.\"\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "He said \"Stop.\""}, {RS_BLOCK_PARAGRAPH, text});
    BLOCKS("(The Long Road.)\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "(The Long Road.)"}, {RS_BLOCK_PARAGRAPH, text});
}

Test(structure, list_items)
{
    BLOCKS("Shopping\n- milk\n* bread\n+ eggs\n• jam\n1. tea\n2) rice\n",
           {RS_BLOCK_HEADING, "Shopping"},
           {RS_BLOCK_LIST_ITEM, "- milk"}, {RS_BLOCK_LIST_ITEM, "* bread"},
           {RS_BLOCK_LIST_ITEM, "+ eggs"}, {RS_BLOCK_LIST_ITEM, "• jam"},
           {RS_BLOCK_LIST_ITEM, "1. tea"}, {RS_BLOCK_LIST_ITEM, "2) rice"});
    /* the bullet needs no space after it; the item's text ends at its last
       visible character, a full stop or not */
    BLOCKS("\xe2\x80\xa2jam\n\xe2\x80\xa2 Tea is served.\n\xe2\x80\xa2 cake \t\n\xe2\x80\xa2 \"pie\"\n",
           {RS_BLOCK_LIST_ITEM, "\xe2\x80\xa2jam"},
           {RS_BLOCK_LIST_ITEM, "\xe2\x80\xa2 Tea is served."},
           {RS_BLOCK_LIST_ITEM, "\xe2\x80\xa2 cake"},
           {RS_BLOCK_LIST_ITEM, "\xe2\x80\xa2 \"pie\""});
    /* -5 degrees and 3.5 percent are not items */
    BLOCKS("-5 degrees\n3.5 percent rise", {RS_BLOCK_PARAGRAPH, "-5 degrees\n3.5 percent rise"});
}

Test(structure, indented_lines_continue_an_item_even_after_a_blank)
{
    BLOCKS("  • 1\n    First headline here\n\n    NEWS\n\n  • 2\n    Second headline\nAfter the list.",
           {RS_BLOCK_LIST_ITEM, "• 1\n    First headline here\n\n    NEWS"},
           {RS_BLOCK_LIST_ITEM, "• 2\n    Second headline"},
           {RS_BLOCK_PARAGRAPH, "After the list."});
}

/* Runs of empty lines are skipped past after the first: they mean one blank. */
Test(structure, many_empty_lines_are_one_blank)
{
    BLOCKS("\n\n\nStorm Hits the Coast\n\n\n\n\nThe storm arrived early.\n\n\n\nSecond one.\n\n\n",
           {RS_BLOCK_HEADING, "Storm Hits the Coast"},
           {RS_BLOCK_PARAGRAPH, "The storm arrived early."},
           {RS_BLOCK_PARAGRAPH, "Second one."});
    BLOCKS("  • 1\n    First headline here\n\n\n\n    NEWS\n\n\n\n  • 2\n    Second\n\n\n\nAfter.",
           {RS_BLOCK_LIST_ITEM, "• 1\n    First headline here\n\n\n\n    NEWS"},
           {RS_BLOCK_LIST_ITEM, "• 2\n    Second"},
           {RS_BLOCK_PARAGRAPH, "After."});
    /* a blank line with spaces in the run is still blank */
    BLOCKS("One.\n\n  \n\n\nTwo.", {RS_BLOCK_PARAGRAPH, "One."}, {RS_BLOCK_PARAGRAPH, "Two."});
}

Test(structure, line_endings_do_not_matter)
{
    const char *lf = "Title Here\n\nOne. Two.\n\nThree.\n";
    const char *crlf = "Title Here\r\n\r\nOne. Two.\r\n\r\nThree.\r\n";
    const char *cr = "Title Here\r\rOne. Two.\r\rThree.\r";
    const char *inputs[] = {lf, crlf, cr};
    for (int k = 0; k < 3; k++) {
        rs_report *r = analyze_detail(inputs[k]);
        cr_expect_eq(rs_report_block_count(r), 3, "input %d", k);
        cr_expect_eq(rs_report_block(r, 0)->kind, RS_BLOCK_HEADING, "input %d", k);
        cr_expect_eq(rs_report_counts(r)->sentences, 4, "input %d", k);
        cr_expect_eq(rs_report_counts(r)->words, 5, "input %d", k);
        cr_expect_eq(rs_report_counts(r)->paragraphs, 2, "input %d", k);
        rs_report_free(r);
    }
}

/* The blocks of text fed in chunks: their kinds and text, one LF a line break. */
static void block_texts(const char *input, size_t len, size_t chunk, char *out, size_t cap)
{
    rs_options o;
    rs_options_init(&o);
    o.flags |= RS_OPT_DETAIL;
    rs_report *r = analyze_in_chunks(input, len, chunk, &o);
    size_t o_len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        const rs_block *b = rs_report_block(r, i);
        size_t n = b->end - b->start;
        cr_assert_lt(o_len + n + 16, cap);
        o_len += (size_t)snprintf(out + o_len, cap - o_len, "[%s]", rs_block_kind_name(b->kind));
        for (size_t k = 0; k < n; k++) {
            const char *c = input + b->start + k;
            if (*c == '\r' && k + 1 < n && c[1] == '\n')
                continue; /* CRLF, CR and LF alike: one line break */
            out[o_len++] = *c == '\r' ? '\n' : *c;
        }
        out[o_len] = '\0';
    }
    rs_report_free(r);
}

/* Line ends are found many bytes at a time: lines of every length around
   those steps, and a CR at a chunk's end, end where a LF would end them. */
Test(structure, line_ends_are_found_in_lines_of_any_length)
{
    char lf[512], cr[512], crlf[512], want[1024], got[1024];
    for (size_t len = 1; len <= 40; len++) {
        char line[64];
        for (size_t k = 0; k < len; k++)
            line[k] = (char)('a' + k % 26);
        line[len] = '\0';
        snprintf(lf, sizeof lf, "Title %s\n\nFirst %s.\nand %s.\n\nLast %s", line, line, line, line);
        snprintf(cr, sizeof cr, "Title %s\r\rFirst %s.\rand %s.\r\rLast %s", line, line, line, line);
        snprintf(crlf, sizeof crlf, "Title %s\r\n\r\nFirst %s.\r\nand %s.\r\n\r\nLast %s", line,
                 line, line, line);
        block_texts(lf, strlen(lf), strlen(lf), want, sizeof want);
        for (size_t chunk = 1; chunk <= 17; chunk += 8) {
            block_texts(lf, strlen(lf), chunk, got, sizeof got);
            cr_expect_str_eq(got, want, "LF, line of %zu, chunks of %zu", len, chunk);
            block_texts(cr, strlen(cr), chunk, got, sizeof got);
            cr_expect_str_eq(got, want, "CR, line of %zu, chunks of %zu", len, chunk);
        }
        block_texts(crlf, strlen(crlf), strlen(crlf), got, sizeof got);
        cr_expect_str_eq(got, want, "CRLF, line of %zu", len);
    }
}

/* A heading has at most fifteen words: joined by ' and - they are one. */
Test(structure, a_heading_has_at_most_fifteen_words)
{
    const char *text = "The storm arrived early on Monday.";
    char input[512];
    char line[256] = "";
    for (int words = 1; words <= 17; words++) {
        strcat(line, words == 1 ? "Word" : " Word");
        snprintf(input, sizeof input, "%s\n\n%s\n", line, text);
        rs_report *r = analyze_detail(input);
        cr_assert_eq(rs_report_block_count(r), 2, "%d words", words);
        cr_expect_eq(rs_report_block(r, 0)->kind,
                     words <= 15 ? RS_BLOCK_HEADING : RS_BLOCK_PARAGRAPH, "%d words", words);
        rs_report_free(r);
    }
    BLOCKS("One-two three's four-five six-seven eight nine ten eleven twelve thirteen fourteen "
           "fifteen sixteen\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_HEADING, "One-two three's four-five six-seven eight nine ten eleven twelve "
                              "thirteen fourteen fifteen sixteen"},
           {RS_BLOCK_PARAGRAPH, "The storm arrived early on Monday."});
    BLOCKS("12 34\n\nThe storm arrived early on Monday.\n",
           {RS_BLOCK_PARAGRAPH, "12 34"}, {RS_BLOCK_PARAGRAPH, "The storm arrived early on Monday."});
}

Test(structure, sections_follow_headings)
{
    const char *text = "Opening words before any heading.\n\n"
                       "First Part\n\nAlpha beta gamma. Delta.\n\n"
                       "Second Part\n\nEpsilon zeta.\n";
    rs_report *r = analyze_detail(text);
    cr_assert_eq(rs_report_section_count(r), 3);
    const rs_section *s0 = rs_report_section(r, 0);
    const rs_section *s1 = rs_report_section(r, 1);
    const rs_section *s2 = rs_report_section(r, 2);
    cr_expect_eq(s0->heading_block, RS_NONE);
    cr_expect_eq(s0->level, 0);
    cr_expect_eq(s0->counts.words, 5);
    cr_expect_eq(s1->level, 1);
    cr_expect_eq(rs_report_block(r, s1->heading_block)->kind, RS_BLOCK_HEADING);
    /* heading (2 words, 1 sentence) + 4 words in 2 sentences */
    cr_expect_eq(s1->counts.words, 6);
    cr_expect_eq(s1->counts.sentences, 3);
    cr_expect_eq(s2->counts.words, 4);
    cr_expect_eq(s1->start, (size_t)(strstr(text, "First Part") - text));
    cr_expect_eq(s1->end, (size_t)(strstr(text, "Delta.") - text) + 6);
    /* the sections add up to the document */
    const rs_counts *c = rs_report_counts(r);
    cr_expect_eq(c->words, s0->counts.words + s1->counts.words + s2->counts.words);
    cr_expect_eq(c->sentences, s0->counts.sentences + s1->counts.sentences + s2->counts.sentences);
    cr_expect(s1->readability.defined[RS_SCORE_FLESCH_READING_EASE]);
    cr_expect_gt(s1->reading_time.seconds, 0);
    rs_report_free(r);
}

Test(structure, a_document_that_starts_with_a_heading_has_no_empty_section)
{
    rs_report *r = analyze_detail("Only Heading\n\nBody text here.\n");
    cr_expect_eq(rs_report_section_count(r), 1);
    cr_expect_eq(rs_report_section(r, 0)->heading_block, 0);
    rs_report_free(r);
}

Test(structure, blocks_record_their_section_and_offsets)
{
    const char *text = "Intro.\n\nPart Two\n\nBody.";
    rs_report *r = analyze_detail(text);
    cr_assert_eq(rs_report_block_count(r), 3);
    cr_expect_eq(rs_report_block(r, 0)->section, 0);
    cr_expect_eq(rs_report_block(r, 1)->section, 1);
    cr_expect_eq(rs_report_block(r, 2)->section, 1);
    cr_expect_eq(rs_report_block(r, 2)->start, 18);
    cr_expect_eq(rs_report_block(r, 2)->end, 23);
    rs_report_free(r);
}
