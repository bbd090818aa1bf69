/*
 * Plain-text roles: each boilerplate cue on a page of our own
 * (tests/fixtures/text, see its README), the news page in
 * examples/article.txt counted by hand, and the classifier's parts.
 * Fixtures are found through RS_TEXT_FIXTURES, else next to this file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "cue_index_helper.h"
#include "doc/roles_text.h"
#include "helpers.h"
#include "readstat.h"
#include "text/tokenizer.h"
#include "text/wordinfo.h"

/* The story every fixture shares: 42 + 65 + 30 words, counted by hand. */
enum { STORY_WORDS = 137 };

static const char *const HEADLINE = "Millbrook Opens a Library Where Residents Borrow Tools, Not Books";
static const char *const STORY_START[] = {
    "The town of Millbrook opened", "The idea came from", "Borrowers may keep a tool",
};

/* __FILE__ may be relative to the build root, one or two levels up from the test's directory. */
static FILE *open_near_source(const char *relative, char *path, size_t cap)
{
    static const char *const prefixes[] = {"", "../", "../../", NULL};
    const char *here = __FILE__;
    const char *slash = strrchr(here, '/');
    int dir_len = slash ? (int)(slash - here) : 1;
    FILE *fp = NULL;
    for (const char *const *p = prefixes; !fp && *p; p++) {
        snprintf(path, cap, "%s%.*s/%s", here[0] == '/' ? "" : *p, dir_len, slash ? here : ".",
                 relative);
        fp = fopen(path, "rb");
    }
    return fp;
}

static char *read_file(const char *relative, size_t *len)
{
    char path[2048];
    FILE *fp = NULL;
    const char *dir = getenv("RS_TEXT_FIXTURES");
    const char *base = strrchr(relative, '/');
    if (dir && strncmp(relative, "fixtures/text/", 14) == 0) {
        snprintf(path, sizeof path, "%s/%s", dir, base ? base + 1 : relative);
        fp = fopen(path, "rb");
    }
    if (!fp)
        fp = open_near_source(relative, path, sizeof path);
    cr_assert_not_null(fp, "%s not found (set RS_TEXT_FIXTURES)", relative);
    return read_whole_file(fp, len);
}

/* Analyzes text as plain text, fed in chunks of `chunk` bytes. */
static rs_report *analyze_chunks(const char *text, size_t len, size_t chunk)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    return analyze_in_chunks(text, len, chunk, &o);
}

static rs_report *analyze_text(const char *text)
{
    return analyze_chunks(text, strlen(text), strlen(text) + 1);
}

static rs_report *fixture(const char *name)
{
    char relative[256];
    snprintf(relative, sizeof relative, "fixtures/text/%s", name);
    size_t len;
    char *text = read_file(relative, &len);
    rs_report *r = analyze_chunks(text, len, 64); /* streaming must not change a role */
    free(text);
    return r;
}

/* The index of the first block whose text starts with prefix (after a list marker). */
static size_t find_block(const rs_report *r, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        size_t len;
        const char *t = rs_report_block_text(r, i, &len);
        if (len >= 4 && strncmp(t, "\xe2\x80\xa2 ", 4) == 0) {
            t += 4;
            len -= 4;
        } else if (len >= 2 && (t[0] == '-' || t[0] == '+' || t[0] == '*') && t[1] == ' ') {
            t += 2;
            len -= 2;
        }
        if (len >= n && strncmp(t, prefix, n) == 0)
            return i;
    }
    cr_assert_fail("no block starts with \"%s\"", prefix);
    return RS_NONE;
}

static rs_role role_of(const rs_report *r, const char *prefix)
{
    return rs_report_block(r, find_block(r, prefix))->role;
}

#define expect_role(r, prefix, want)                                                          \
    cr_expect_eq(role_of(r, prefix), want, "\"%s\": %s, expected %s", prefix,                 \
                 rs_role_name(role_of(r, prefix)), rs_role_name(want))

static void expect_story(const rs_report *r, uint64_t main_words)
{
    for (size_t k = 0; k < sizeof STORY_START / sizeof *STORY_START; k++)
        expect_role(r, STORY_START[k], RS_ROLE_CONTENT);
    cr_expect_eq(rs_report_counts(r)->words, main_words, "main words %llu, expected %llu",
                 (unsigned long long)rs_report_counts(r)->words, (unsigned long long)main_words);
}

static void expect_meta(const rs_report *r, const char *key, const char *want)
{
    const char *got = rs_report_meta(r, key);
    cr_assert_not_null(got, "no meta \"%s\"", key);
    cr_expect_str_eq(got, want);
}

/* Every block whose text starts with a bullet is boilerplate. */
static void expect_lists_are_chrome(const rs_report *r)
{
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        size_t len;
        const char *t = rs_report_block_text(r, i, &len);
        if (len >= 3 && strncmp(t, "\xe2\x80\xa2", 3) == 0)
            cr_expect_eq(rs_report_block(r, i)->role, RS_ROLE_BOILERPLATE, "list item %zu: %.*s",
                         i, (int)len, t);
    }
}

/* ------------------------------------------------------------------ */
/* One fixture per cue                                                  */

Test(roles_text, navigation_lines_are_chrome)
{
    rs_report *r = fixture("nav.txt");
    expect_role(r, "Skip to main content", RS_ROLE_BOILERPLATE);
    expect_role(r, "Home | Local", RS_ROLE_BOILERPLATE);
    expect_role(r, "Sign in", RS_ROLE_BOILERPLATE);
    expect_role(r, "News > Local", RS_ROLE_BOILERPLATE);
    expect_role(r, HEADLINE, RS_ROLE_TITLE);
    expect_story(r, STORY_WORDS);
    expect_meta(r, "title", HEADLINE);
    rs_report_free(r);
}

Test(roles_text, by_name_is_the_byline)
{
    rs_report *r = fixture("byline_by.txt");
    expect_role(r, HEADLINE, RS_ROLE_TITLE);
    expect_role(r, "By Ellen Marsh", RS_ROLE_BYLINE);
    expect_story(r, STORY_WORDS);
    expect_meta(r, "byline", "Ellen Marsh");
    rs_report_free(r);
}

Test(roles_text, name_and_date_is_the_byline)
{
    rs_report *r = fixture("byline_pipe.txt");
    expect_role(r, HEADLINE, RS_ROLE_TITLE);
    expect_role(r, "Ellen Marsh | March 3, 2024", RS_ROLE_BYLINE);
    expect_story(r, STORY_WORDS);
    expect_meta(r, "byline", "Ellen Marsh");
    rs_report_free(r);
}

Test(roles_text, name_views_is_the_byline_without_the_counter)
{
    rs_report *r = fixture("byline_views.txt");
    expect_role(r, "Ellen Marsh Views", RS_ROLE_BYLINE);
    expect_story(r, STORY_WORDS);
    expect_meta(r, "byline", "Ellen Marsh");
    /* the block keeps its own text */
    size_t len;
    const char *t = rs_report_block_text(r, find_block(r, "Ellen Marsh"), &len);
    cr_expect(len == strlen("Ellen Marsh Views") && strncmp(t, "Ellen Marsh Views", len) == 0);
    rs_report_free(r);
}

Test(roles_text, credited_photo_lines_are_captions)
{
    rs_report *r = fixture("caption.txt");
    expect_role(r, "Volunteers sort donated drills", RS_ROLE_CAPTION);
    expect_role(r, "The library's first borrower", RS_ROLE_CAPTION);
    /* captions count: 13 and 14 words besides the story */
    expect_story(r, STORY_WORDS + 13 + 14);
    rs_report_free(r);
}

Test(roles_text, comment_and_share_counters_are_chrome)
{
    rs_report *r = fixture("counters.txt");
    expect_role(r, "Comments12", RS_ROLE_BOILERPLATE);
    expect_role(r, "Share  Tweet", RS_ROLE_BOILERPLATE);
    expect_role(r, "245", RS_ROLE_BOILERPLATE);
    expect_story(r, STORY_WORDS);
    rs_report_free(r);
}

Test(roles_text, latest_stories_link_list_is_chrome)
{
    rs_report *r = fixture("latest.txt");
    expect_role(r, "Latest Stories", RS_ROLE_BOILERPLATE);
    expect_role(r, "Council Votes", RS_ROLE_BOILERPLATE);
    expect_role(r, "Farmers Market", RS_ROLE_BOILERPLATE);
    expect_lists_are_chrome(r);
    expect_story(r, STORY_WORDS);
    rs_report_free(r);
}

Test(roles_text, repeated_popular_list_is_chrome_both_times)
{
    rs_report *r = fixture("popular_repeated.txt");
    size_t first = find_block(r, "Popular Now");
    cr_expect_eq(rs_report_block(r, first)->role, RS_ROLE_BOILERPLATE);
    size_t second = RS_NONE;
    for (size_t i = first + 1; i < rs_report_block_count(r); i++) {
        size_t len;
        const char *t = rs_report_block_text(r, i, &len);
        if (len == strlen("Popular Now") && strncmp(t, "Popular Now", len) == 0)
            second = i;
    }
    cr_assert_neq(second, RS_NONE, "the list is there twice");
    cr_expect_eq(rs_report_block(r, second)->role, RS_ROLE_BOILERPLATE);
    expect_lists_are_chrome(r);
    expect_story(r, STORY_WORDS);
    rs_report_free(r);
}

Test(roles_text, cookie_and_subscription_notices_are_chrome)
{
    rs_report *r = fixture("notice.txt");
    expect_role(r, "We use cookies", RS_ROLE_BOILERPLATE);
    expect_role(r, "You have read 3", RS_ROLE_BOILERPLATE);
    expect_role(r, "Get the Millbrook Gazette newsletter", RS_ROLE_BOILERPLATE);
    expect_role(r, HEADLINE, RS_ROLE_TITLE);
    expect_story(r, STORY_WORDS);
    rs_report_free(r);
}

Test(roles_text, copyright_footer_and_its_links_are_chrome)
{
    rs_report *r = fixture("footer.txt");
    expect_role(r, "\xc2\xa9 2024 Millbrook Gazette", RS_ROLE_BOILERPLATE);
    expect_role(r, "Privacy Policy", RS_ROLE_BOILERPLATE);
    expect_story(r, STORY_WORDS);
    rs_report_free(r);
}

Test(roles_text, comments_after_the_story_are_chrome_though_prose)
{
    rs_report *r = fixture("comments.txt");
    expect_role(r, "3 Comments", RS_ROLE_BOILERPLATE);
    expect_role(r, "Great idea!", RS_ROLE_BOILERPLATE);
    expect_role(r, "Will they lend tools", RS_ROLE_BOILERPLATE);
    expect_story(r, STORY_WORDS);
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* examples/article.txt, counted by hand                                */

/*
 * The story's nine paragraphs have 29 + 38 + 41 + 49 + 51 + 79 + 45 + 58 +
 * 23 = 413 words counted by hand, plus one because readstat reads "11:15"
 * as two numbers: 414.  The caption has 21 words.  The headline (9 words),
 * the byline (3) and the sign-off are reported but not counted.
 */
Test(roles_text, the_example_news_page_comes_out_as_counted)
{
    size_t len;
    char *text = read_file("../examples/article.txt", &len);
    rs_report *r = analyze_chunks(text, len, 37);
    free(text);
    expect_role(r, "Skip to main content", RS_ROLE_BOILERPLATE);
    expect_role(r, "Home  News", RS_ROLE_BOILERPLATE);
    expect_role(r, "Night Ferry Returns", RS_ROLE_TITLE);
    expect_role(r, "Laura Mendes Views", RS_ROLE_BYLINE);
    expect_role(r, "Passengers board the Evening Star", RS_ROLE_CAPTION);
    expect_role(r, "HARBOR CITY", RS_ROLE_CONTENT);
    expect_role(r, "Not everyone is pleased", RS_ROLE_CONTENT);
    expect_role(r, "The second boat", RS_ROLE_CONTENT);
    expect_role(r, "Comments0", RS_ROLE_BOILERPLATE);
    expect_role(r, "Share  Facebook", RS_ROLE_BOILERPLATE);
    expect_role(r, "[LATEST] Latest Stories", RS_ROLE_BOILERPLATE);
    expect_role(r, "Popular Now", RS_ROLE_BOILERPLATE);
    expect_role(r, "Must-Reads", RS_ROLE_BOILERPLATE);
    expect_role(r, "\xc2\xa9 2024", RS_ROLE_BOILERPLATE);
    expect_lists_are_chrome(r);
    cr_expect_eq(rs_report_counts(r)->words, 414 + 21);
    cr_expect_eq(rs_report_page_counts(r)->words, 645);
    expect_meta(r, "title", "Night Ferry Returns to Harbor City After Twelve Years");
    expect_meta(r, "byline", "Laura Mendes");
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Decisions that keep story text                                       */

static const char *const PRIVACY_STORY =
    "Skip to main content\n\n"
    "Why Your Browser Remembers You\n\n"
    "Most sites store small files called cookies in your browser, and many of them "
    "belong to companies you have never heard of. The site you visit is only the "
    "first of many parties that learn where you have been.\n\n"
    "Few people read the terms of use before they click, and fewer still change the "
    "privacy settings that would stop the tracking. Those settings are often hidden "
    "three or four screens deep.\n\n"
    "There are tools that block this kind of tracking, and some browsers now turn "
    "them on by default, which shows that the problem is no longer a secret.\n\n"
    "\xc2\xa9 2024 The Example Post. All rights reserved.\n";

Test(roles_text, prose_that_mentions_cookies_stays_content)
{
    rs_report *r = analyze_text(PRIVACY_STORY);
    expect_role(r, "Most sites store", RS_ROLE_CONTENT);
    expect_role(r, "Few people read", RS_ROLE_CONTENT);
    expect_role(r, "There are tools", RS_ROLE_CONTENT);
    expect_role(r, "Why Your Browser", RS_ROLE_TITLE);
    expect_role(r, "\xc2\xa9 2024", RS_ROLE_BOILERPLATE);
    rs_report_free(r);
}

Test(roles_text, a_page_without_chrome_is_all_content)
{
    /* what a writer pastes in: the heading is part of the document */
    rs_report *r = analyze_text("Growing Tomatoes\n\nA small balcony can feed a family. You need sun "
                                "and deep pots.\n\nWater the soil early in the morning.\n");
    for (size_t i = 0; i < rs_report_block_count(r); i++)
        cr_expect_eq(rs_report_block(r, i)->role, RS_ROLE_CONTENT, "block %zu", i);
    cr_expect_eq(rs_report_counts(r)->words, rs_report_page_counts(r)->words);
    rs_report_free(r);
}

Test(roles_text, a_list_announced_by_a_colon_inside_the_story_stays)
{
    rs_report *r = analyze_text(
        "The workshop lends tools to anyone who lives in the valley, and the volunteers "
        "who run it repair whatever comes back broken before it goes out again.\n\n"
        "To borrow a tool you need:\n\n"
        "- a library card\n- a deposit of five pounds\n- a signed form\n\n"
        "The deposit comes back when the tool does, and most borrowers return their tools "
        "within the week, cleaned and often sharpened as well.\n");
    expect_role(r, "a library card", RS_ROLE_CONTENT);
    expect_role(r, "a signed form", RS_ROLE_CONTENT);
    expect_role(r, "To borrow a tool", RS_ROLE_CONTENT);
    rs_report_free(r);
}

Test(roles_text, a_page_without_prose_keeps_its_list)
{
    /* release notes: nothing but short items, none of them a link */
    rs_report *r = analyze_text(
        "Version 2.4\n\n"
        "+ Added a dark theme for the settings page\n"
        "+ Fixed the crash when a file name has a colon\n"
        "+ Exports now keep the original dates of photos\n"
        "+ Faster start on machines with many fonts\n");
    expect_role(r, "Added a dark theme", RS_ROLE_CONTENT);
    expect_role(r, "Faster start", RS_ROLE_CONTENT);
    rs_report_free(r);
}

Test(roles_text, empty_and_blank_inputs_have_no_blocks)
{
    rs_report *r = analyze_text("");
    cr_expect_eq(rs_report_block_count(r), 0);
    cr_expect_null(rs_report_meta(r, "byline"));
    rs_report_free(r);
    r = analyze_text("\n\n   \n");
    cr_expect_eq(rs_report_block_count(r), 0);
    rs_report_free(r);
}

Test(roles_text, streaming_does_not_change_a_role)
{
    size_t len;
    char *text = read_file("../examples/article.txt", &len);
    rs_report *whole = analyze_chunks(text, len, len + 1);
    rs_report *bytes = analyze_chunks(text, len, 1);
    free(text);
    cr_assert_eq(rs_report_block_count(whole), rs_report_block_count(bytes));
    for (size_t i = 0; i < rs_report_block_count(whole); i++)
        cr_expect_eq(rs_report_block(whole, i)->role, rs_report_block(bytes, i)->role, "block %zu", i);
    rs_report_free(whole);
    rs_report_free(bytes);
}

/* ------------------------------------------------------------------ */
/* The parts                                                            */

Test(roles_text, the_lexicon_tells_function_words_months_counters_and_by)
{
    static const struct { const char *word; int lang; } words[] = {
        {"the", 0}, {"which", 0}, {"und", 1}, {"nicht", 1}, {"les", 2}, {"dans", 2},
        {"los", 3}, {"pero", 3}, {"não", 4}, {"uma", 4}, {"della", 5}, {"anche", 5},
        {"het", 6}, {"zijn", 6},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *w = words[i].word;
        cr_expect(rs__text_stopword_langs(w, strlen(w)) & (1u << words[i].lang), "%s is a %s word",
                  w, rs__text_lang_code(words[i].lang));
    }
    for (int lang = 0; lang < RS__TEXT_LANGS; lang++)
        cr_assert_not_null(rs__text_lang_code(lang));
    cr_expect_null(rs__text_lang_code(RS__TEXT_LANGS));
    cr_expect_eq(rs__text_stopword_langs("ferry", 5), 0u);
    /* an elision counts by the part before the apostrophe */
    cr_expect_neq(rs__text_stopword_langs("l'appareil", 10) & (1u << 2), 0u);
    cr_expect(rs__text_month_word("apr.", 4));
    cr_expect(rs__text_month_word("september", 9));
    cr_expect_not(rs__text_month_word("ferry", 5));
    cr_expect(rs__text_counter_word("share", 5));
    cr_expect(rs__text_counter_word("comments", 8));
    cr_expect_not(rs__text_counter_word("harbor", 6));
    cr_expect(rs__text_byline_word("by", 2));
    cr_expect_not(rs__text_byline_word("the", 3));
}

Test(roles_text, word_lists_for_counters_months_and_authors)
{
    cr_expect(rs__text_counter_word("share", 5));
    cr_expect(rs__text_counter_word("teilen", 6));
    cr_expect_not(rs__text_counter_word("ferry", 5));
    cr_expect(rs__text_month_word("sept.", 5));
    cr_expect(rs__text_month_word("avril", 5));
    cr_expect_not(rs__text_month_word("monday", 6));
    cr_expect(rs__text_byline_word("by", 2));
    cr_expect(rs__text_byline_word("par", 3));
    cr_expect_not(rs__text_byline_word("bye", 3));
}

static void expect_name(const char *line, const char *want)
{
    size_t start;
    size_t n = rs__text_byline_name(line, strlen(line), &start);
    cr_expect(n == strlen(want) && strncmp(line + start, want, n) == 0, "\"%s\" -> \"%.*s\"", line,
              (int)n, line + start);
}

Test(roles_text, the_byline_name_is_the_bare_name)
{
    expect_name("By Daniel Kim", "Daniel Kim");
    expect_name("Daniel Kim Views  ", "Daniel Kim");
    expect_name("Ellen Marsh | March 3, 2024", "Ellen Marsh");
    expect_name("By Daniel Kahn Gillmor, Senior Staff Technologist", "Daniel Kahn Gillmor");
    expect_name("Posted by Ana Costa", "Ana Costa");
    expect_name("Alex Perry 1 day ago", "Alex Perry");
    expect_name("Daniel Kim\ncontent@example.com", "Daniel Kim");
}

/* ------------------------------------------------------------------ */
/* Describing blocks: the cue phrases and the word memo                 */

static void free_index(rs__cue_index *x)
{
    rs__cue_index_release(x);
    free(x);
}

Test(roles_text, the_built_in_cue_index_is_the_one_the_builder_makes)
{
    rs__cue_phrases *built = calloc(1, sizeof *built);
    cr_assert_not_null(built);
    rs__cue_phrases_build(built);
    const rs__cue_phrases *table = &rs__cue_phrases_table;
    size_t n = 0;
    for (; n < RS__CUE_PHRASES && built->text[n]; n++) {
        cr_assert_not_null(table->text[n], "phrase %zu", n);
        cr_expect_str_eq(table->text[n], built->text[n]);
    }
    cr_expect_gt(n, 150u, "the lists have their phrases");
    for (size_t i = n; i < RS__CUE_PHRASES; i++)
        cr_expect_null(table->text[i], "phrase %zu", i);
#define SAME(field) cr_expect_eq(memcmp(&table->field, &built->field, sizeof table->field), 0, #field)
    SAME(len);
    SAME(head);
    SAME(set);
    SAME(order);
    SAME(order_gram);
    SAME(start);
    SAME(nfour);
    SAME(short_ids);
    SAME(short_anchor);
    SAME(nshort);
    SAME(short_sets);
    SAME(short_sets_not_c2);
    SAME(grams);
    SAME(check);
    SAME(teasers_ending_in);
    SAME(teasers_before_last);
    SAME(coreless_ids);
    SAME(coreless_anchor);
    SAME(ncoreless);
    SAME(by_words);
    SAME(coreless_on_paren);
#undef SAME
    free(built);
}

/* An allocator that refuses all memory: the memo then stays small. */
static void *refuse(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    (void)ud;
    (void)old_size;
    if (new_size == 0)
        free(ptr);
    return NULL;
}

static unsigned cues_of(const rs__cue_index *x, const char *text, uint32_t words, uint32_t numbers,
                        bool terminal)
{
    rs__text_block b = {.words = words, .alpha = words - numbers, .numbers = numbers,
                        .terminal = terminal};
    rs__text_cues(x, text, strlen(text), &b);
    return b.cues;
}

/* spaced_bars() reads sixteen bytes at a time, then the rest one by one:
   marks in both parts, and none at the line's two ends. */
Test(roles_text, spaced_bars_make_a_menu_anywhere_in_a_long_line_but_at_its_ends)
{
    rs__cue_index *x = new_index();
    cr_expect(cues_of(x, "Alpha Beta Gamma | Delta Epsilon | Zeta", 6, 0, false) & RS__CUE_NAV);
    cr_expect(cues_of(x, "Fruits and vegetables > Apples > Pears", 6, 0, false) & RS__CUE_NAV);
    cr_expect(cues_of(x, "Alpha | Beta Gamma Delta Epsilon Zeta Eta Theta | Iota", 10, 0, false)
              & RS__CUE_NAV);
    cr_expect_not(cues_of(x, "Only one | bar in this rather long line", 8, 0, false) & RS__CUE_NAV);
    cr_expect_not(cues_of(x, "Alpha|Beta|Gamma|Delta and a few more words", 6, 0, false)
                  & RS__CUE_NAV, "bars without spaces");
    cr_expect_not(cues_of(x, "| Alpha Beta Gamma Delta Epsilon |", 5, 0, false) & RS__CUE_NAV,
                  "the first and last bytes have no space on both sides");
    free_index(x);
}

/* A line of 9 to 17 bytes is let go when neither of its two eight-byte
   halves (overlapping) holds a mark: marks in either half, or in both. */
Test(roles_text, spaced_bars_make_a_menu_of_a_short_line)
{
    rs__cue_index *x = new_index();
    cr_expect(cues_of(x, "A | B | C", 5, 0, false) & RS__CUE_NAV);
    cr_expect(cues_of(x, "x | y | Abcdefghi", 5, 0, false) & RS__CUE_NAV, "marks in the head");
    cr_expect(cues_of(x, "Abcdefghi | x | y", 5, 0, false) & RS__CUE_NAV, "marks in the tail");
    cr_expect(cues_of(x, "Abcdefg > x > yz", 5, 0, false) & RS__CUE_NAV);
    cr_expect(cues_of(x, "Abcdefg | x | yzw", 5, 0, false) & RS__CUE_NAV, "a mark at the middle byte");
    cr_expect_not(cues_of(x, "Abcdefg | xyz", 3, 0, false) & RS__CUE_NAV, "one bar");
    cr_expect_not(cues_of(x, "Abcdefg xy zz", 3, 0, false) & RS__CUE_NAV, "no bar");
    cr_expect_not(cues_of(x, "Abc|de|fgh|ij", 1, 0, false) & RS__CUE_NAV, "bars without spaces");
    free_index(x);
}

Test(roles_text, cue_phrases_count_anywhere_in_a_short_block_in_any_case)
{
    rs__cue_index *x = new_index();
    cr_expect(cues_of(x, "Sign In", 2, 0, false) & RS__CUE_NAV);
    cr_expect(cues_of(x, "SKIP TO CONTENT", 3, 0, false) & RS__CUE_NAV);
    cr_expect_not(cues_of(x, "Sign in", 2, 0, true) & RS__CUE_NAV, "a sentence is no menu");
    cr_expect(cues_of(x, "News | Sport | Weather", 3, 0, false) & RS__CUE_NAV);
    /* at the very end, at the very start, inside a word */
    cr_expect(cues_of(x, "Nothing here but we use cookies", 6, 0, false) & RS__CUE_NOTICE);
    cr_expect(cues_of(x, "WE USE COOKIES on this page", 6, 0, false) & RS__CUE_NOTICE);
    cr_expect(cues_of(x, "About GDPR", 2, 0, false) & RS__CUE_SITE_WORDS);
    /* the scan reads every other position: phrases at odd ones, in the middle and at the end */
    cr_expect(cues_of(x, "My GDPR notes", 3, 0, false) & RS__CUE_SITE_WORDS);
    cr_expect(cues_of(x, "On GDPR", 2, 0, false) & RS__CUE_SITE_WORDS);
    cr_expect(cues_of(x, "Go sign in", 3, 0, false) & RS__CUE_NAV);
    cr_expect(cues_of(x, "Ab (c) 2024 Example", 4, 1, false) & RS__CUE_FOOTER);
    cr_expect(cues_of(x, "Story by AFP/ Reuters", 4, 0, false) & RS__CUE_CREDIT);
    cr_expect(cues_of(x, "Our cookiepolicy explained", 3, 0, false) & RS__CUE_SITE_WORDS);
    /* the copyright sign is shorter than the other phrases */
    cr_expect(cues_of(x, "\xc2\xa9 2024 Example Media", 4, 1, false) & RS__CUE_FOOTER);
    cr_expect(cues_of(x, "(C) 2024 Example Media", 4, 1, false) & RS__CUE_FOOTER);
    cr_expect(cues_of(x, "Harbour at dawn \xc2\xa9 Jane Doe", 5, 0, false) & RS__CUE_CREDIT);
    cr_expect(cues_of(x, "Photo: Jane Doe", 3, 0, false) & RS__CUE_CREDIT);
    cr_expect(cues_of(x, "Morning walk by the river (Lucy Akins)", 7, 0, false) & RS__CUE_CREDIT);
    cr_expect(cues_of(x, "Crowds gathered at the harbour on Sunday. / Xin Jing Bao", 11, 0, false)
              & RS__CUE_CREDIT);
    cr_expect(cues_of(x, "Ad", 1, 0, false) & RS__CUE_AD);
    cr_expect(cues_of(x, "ADS ", 1, 0, false) & RS__CUE_AD);
    cr_expect(cues_of(x, "Posted 3 days ago", 4, 1, false) & RS__CUE_DATE);
    cr_expect(cues_of(x, "The council met on Tuesday. Read More \xc2\xbb", 7, 0, true) & RS__CUE_TEASER);
    cr_expect(cues_of(x, "Mehr\xe2\x80\xa6", 1, 0, false) & RS__CUE_TEASER);
    cr_expect_not(cues_of(x, "Read the story", 3, 0, false) & RS__CUE_TEASER);
    free_index(x);
}

Test(roles_text, cue_phrases_do_not_count_in_long_blocks)
{
    rs__cue_index *x = new_index();
    char text[2048] = "";
    for (int i = 0; i < 20; i++)
        strcat(text, "Then we sign in here. ");
    strcat(text, "We use cookies, says the privacy policy. Photo: none. \xc2\xa9 2024");
    unsigned cues = cues_of(x, text, 100, 1, true);
    cr_expect_eq(cues & (RS__CUE_NAV | RS__CUE_NOTICE | RS__CUE_SITE_WORDS | RS__CUE_CREDIT
                         | RS__CUE_FOOTER),
                 0u, "cues %#x", cues);
    free_index(x);
}

/* A word of the memo test: stop words, months, counters and made-up words. */
static size_t memo_test_word(unsigned i, char *out)
{
    static const char *const known[] = {
        "the", "The", "THE", "und", "les", "de", "By", "by", "April", "Apr.", "share", "Share5",
        "l'appareil", "it's", "Comments12", "septembre", "caf\xc3\xa9", "Stra\303\237e",
    };
    unsigned h = i * 2654435761u;
    if (h % 3 == 0)
        return (size_t)sprintf(out, "%s", known[(h >> 8) % (sizeof known / sizeof known[0])]);
    size_t len = 1 + (h >> 4) % 22; /* past the memo's sixteen bytes too */
    for (size_t k = 0; k < len; k++)
        out[k] = (char)('a' + (h >> (k % 20)) % 26);
    if (h & 0x100)
        out[0] = (char)(out[0] - 32);
    if ((h & 0x7000) == 0x1000 && len > 2) {
        memcpy(out + len, "\xc3\xa9", 2); /* é */
        len += 2;
    }
    out[len] = '\0';
    return len;
}

Test(roles_text, the_word_memo_changes_no_description)
{
    rs__cue_index *memo = new_index();
    rs__cue_index *plain = new_index();
    plain->memo = NULL;
    rs__cue_index *starved = malloc(sizeof *starved);
    cr_assert_not_null(starved);
    rs__cue_index_init(starved, &(rs_allocator){refuse, NULL});
    rs_allocator alloc = rs__allocator_or_default(NULL);
    rs__token_vec tokens = {0};
    unsigned next = 0;
    for (int block = 0; block < 600; block++) {
        /* blocks of their own size: reading past one is an error ASan sees */
        char words[4096];
        size_t len = 0;
        for (int w = 0; w < 40; w++) {
            len += memo_test_word(next++, words + len);
            words[len++] = w == 39 ? '.' : ' ';
        }
        char *text = malloc(len);
        cr_assert_not_null(text);
        memcpy(text, words, len);
        tokens.count = 0;
        rs__text_stats stats = {0};
        cr_assert_eq(rs__tokenize(&alloc, text, 0, len, &tokens, &stats), RS_OK);
        size_t nwords = 0;
        for (size_t k = 0; k < tokens.count; k++)
            nwords += tokens.items[k].type == RS_TOK_WORD;
        rs_block b = {.kind = RS_BLOCK_PARAGRAPH, .words = nwords, .sentences = 1};
        rs__text_block with, without;
        rs__text_describe_tokens(memo, text, 0, len, tokens.items, tokens.count, &b, &with);
        rs__text_describe_tokens(plain, text, 0, len, tokens.items, tokens.count, &b, &without);
        cr_assert_eq(memcmp(&with, &without, sizeof with), 0, "block %d: %.*s", block, (int)len, text);
        rs__text_describe_tokens(starved, text, 0, len, tokens.items, tokens.count, &b, &without);
        cr_assert_eq(memcmp(&with, &without, sizeof with), 0, "block %d: %.*s", block, (int)len, text);
        free(text);
    }
    cr_expect_eq(memo->memo->set_bits, (unsigned)RS__MEMO_MAX_BITS, "the memo grew to its full size");
    cr_expect_eq(starved->memo->set_bits, (unsigned)RS__MEMO_MIN_BITS, "no memory, no growth");
    rs__free(&alloc, tokens.items, tokens.cap * sizeof *tokens.items);
    free_index(memo);
    free_index(plain);
    free_index(starved);
}

/* Describes text word by word as the analyzer does, with the words
   measuring looked up handed over (every `skip`th left to the classifier,
   as a full word cache would; 1: all of them), and from the tokens. */
static void expect_known_words_change_nothing(rs__cue_index *x, const char *text, size_t len,
                                              unsigned skip)
{
    rs_allocator alloc = rs__allocator_or_default(NULL);
    rs__token_vec tokens = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&alloc, text, 0, len, &tokens, &stats), RS_OK);
    rs__word_cache cache = {0};
    rs__strset set = {0};
    rs__text_words words;
    rs__text_words_init(&words);
    size_t nknown = 0, nwords = 0;
    for (size_t k = 0; k < tokens.count; k++) {
        const rs__token *t = &tokens.items[k];
        if (t->type != RS_TOK_WORD)
            continue;
        rs__word_facts wf;
        cr_assert_eq(rs__word_measure_lex(&alloc, &cache, &set, text, len, t, nwords == 0, true,
                                          &wf),
                     RS_OK);
        if ((wf.bits & RS_WORD_LEX_KNOWN) && (!skip || nwords % skip)) {
            rs__text_words_add_known(&words, t, wf.lex, wf.fold_hash);
            nknown++;
        } else {
            rs__text_words_add_other(&words, x, text, len, t);
        }
        nwords++;
    }
    rs_block b = {.kind = RS_BLOCK_PARAGRAPH, .words = nwords, .sentences = 1};
    rs__text_block with, without;
    rs__text_describe_words(x, text, 0, len, tokens.items, tokens.count, &b, &words, &with);
    rs__text_describe_tokens(x, text, 0, len, tokens.items, tokens.count, &b, &without);
    if (skip != 1)
        cr_expect_gt(nknown, 0u, "%.*s: some words handed over", (int)len, text);
    cr_expect_eq(memcmp(&with, &without, sizeof with), 0, "%.*s (every %u skipped)", (int)len, text,
                 skip);
    rs__word_cache_free(&cache, &alloc);
    rs__strset_free(&set, &alloc);
    rs__free(&alloc, tokens.items, tokens.cap * sizeof *tokens.items);
}

Test(roles_text, words_handed_over_by_measuring_describe_alike)
{
    static const char *const texts[] = {
        "By Jane Doe | April 5, 2018",
        "Share Tweet Comments0 teilen17 Share this article",
        "Der Hund und die Katze sind nicht in dem Haus, aber le chat est dans la maison.",
        "Posted by John on 12 March: caf\xc3\xa9 na\xc3\xafve don\xe2\x80\x99t U.S. e.g.",
        "internationalization counterrevolutionaries antidisestablishmentarianism words",
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e and English words, mail@example.org 300",
    };
    rs__cue_index *x = new_index();
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (unsigned skip = 0; skip < 4; skip++)
            expect_known_words_change_nothing(x, texts[i], strlen(texts[i]), skip);
    free_index(x);
}

Test(roles_text, blocks_of_the_same_words_share_a_key)
{
    rs__cue_index *x = new_index();
    rs_allocator alloc = rs__allocator_or_default(NULL);
    static const char *const texts[] = {"Read more", "READ MORE", "read  more!", "more read",
                                        "Read mor", "Readmore"};
    uint64_t keys[6];
    for (size_t i = 0; i < 6; i++) {
        rs__token_vec tokens = {0};
        rs__text_stats stats = {0};
        size_t len = strlen(texts[i]);
        cr_assert_eq(rs__tokenize(&alloc, texts[i], 0, len, &tokens, &stats), RS_OK);
        rs_block b = {.kind = RS_BLOCK_PARAGRAPH, .words = 2, .sentences = 1};
        rs__text_block out;
        rs__text_describe_tokens(x, texts[i], 0, len, tokens.items, tokens.count, &b, &out);
        keys[i] = out.key;
        rs__free(&alloc, tokens.items, tokens.cap * sizeof *tokens.items);
    }
    cr_expect_eq(keys[0], keys[1], "case does not matter");
    cr_expect_eq(keys[0], keys[2], "punctuation and spacing do not matter");
    for (size_t i = 3; i < 6; i++)
        cr_expect_neq(keys[0], keys[i], "%s differs from %s", texts[i], texts[0]);
    free_index(x);
}
