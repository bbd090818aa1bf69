/* The JSON form of a report: keys, nulls, escaping, and the write callback. */
#include "helpers.h"

typedef struct sink {
    char *buf;
    size_t len, cap;
    size_t calls;
    int refuse;
} sink;

static int collect(void *ud, const char *bytes, size_t len)
{
    sink *s = ud;
    s->calls++;
    if (s->refuse)
        return 1;
    if (s->len + len + 1 > s->cap) {
        s->cap = (s->len + len + 1) * 2;
        s->buf = realloc(s->buf, s->cap);
    }
    memcpy(s->buf + s->len, bytes, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return 0;
}

static char *json_of(const char *text, unsigned flags)
{
    rs_report *r = analyze_detail(text);
    sink s = {0};
    cr_assert_eq(rs_report_write_json(r, "in.txt", flags, collect, &s), RS_OK);
    rs_report_free(r);
    return s.buf;
}

Test(json, empty_input_has_zero_counts_and_null_scores)
{
    char *j = json_of("", 0);
    cr_expect_not_null(strstr(j, "\"words\":0"), "%s", j);
    cr_expect_not_null(strstr(j, "\"flesch_reading_ease\":null"), "%s", j);
    cr_expect_not_null(strstr(j, "\"consensus_grade\":null"), "%s", j);
    cr_expect_not_null(strstr(j, "\"source\":\"in.txt\""), "%s", j);
    cr_expect_null(strstr(j, "nan"));
    cr_expect_null(strstr(j, "inf"));
    cr_expect_null(strchr(j, '\n'), "compact output is one line");
    free(j);
}

Test(json, every_issue_key_is_present)
{
    char *j = json_of("Heading Here\n\nOne sentence. Two words.\n", RS_JSON_DETAIL);
    const char *keys[] = {
        "\"readstat\":", "\"source\":", "\"format\":", "\"language\":", "\"counts\":",
        "\"characters\":", "\"letters\":", "\"words\":", "\"sentences\":", "\"syllables\":",
        "\"paragraphs\":", "\"monosyllables\":", "\"polysyllables\":", "\"complex_words\":",
        "\"long_words\":", "\"difficult_words\":", "\"unfamiliar_words\":", "\"cjk_chars\":",
        "\"images\":", "\"readability\":", "\"flesch_reading_ease\":", "\"flesch_kincaid_grade\":",
        "\"gunning_fog\":", "\"smog\":", "\"coleman_liau\":", "\"ari\":", "\"dale_chall\":",
        "\"spache\":", "\"lix\":", "\"rix\":", "\"linsear_write\":", "\"forcast\":",
        "\"consensus_grade\":", "\"reading_time\":", "\"seconds\":", "\"minutes\":", "\"wpm\":",
        "\"sections\":", "\"heading\":", "\"level\":", "\"start\":", "\"end\":", "\"blocks\":",
        "\"kind\":", "\"role\":", "\"text\":", "\"meta\":", "\"page\":", "\"parent\":",
        "\"boilerplate\":",
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        cr_expect_not_null(strstr(j, keys[i]), "missing %s in %s", keys[i], j);
    cr_expect_not_null(strstr(j, "\"heading\":\"Heading Here\""), "%s", j);
    cr_expect_not_null(strstr(j, "\"text\":\"One sentence.\""), "%s", j);
    free(j);
}

Test(json, strings_are_escaped_and_always_valid_utf8)
{
    char *j = json_of("Say \"hi\" \\ now\x01.\n\nBad \xC3 byte.", 0);
    cr_expect_not_null(strstr(j, "Say \\\"hi\\\" \\\\ now\\u0001."), "%s", j);
    cr_expect_not_null(strstr(j, "Bad \\ufffd byte."), "%s", j);
    cr_expect_not_null(strstr(j, "\"invalid_utf8\":1"), "%s", j);
    free(j);
}

Test(json, sentence_text_collapses_every_run_of_white_space)
{
    char *j = json_of("One  two\tthree \xC2\xA0" "four five six.  Seven  \"eight\" x \\ y z .\n",
                      RS_JSON_DETAIL);
    cr_expect_not_null(strstr(j, "{\"text\":\"One two three four five six.\","), "%s", j);
    cr_expect_not_null(strstr(j, "{\"text\":\"Seven \\\"eight\\\" x \\\\ y z .\","), "%s", j);
    /* block text keeps its white space as it is */
    cr_expect_not_null(strstr(j, "\"text\":\"One  two\\tthree \xC2\xA0" "four"), "%s", j);
    free(j);
}

/*
 * The escaper scans 64, 16, or a short string's first and last bytes at a
 * time: a byte that needs attention anywhere in texts of every length up to
 * past two 64-byte strides must come out as a byte-at-a-time reading says.
 * Each piece is one code point: its bytes, in a block's text, in a
 * sentence's text (white space collapsed), and whether it is white space.
 */
typedef struct text_piece {
    const char *bytes, *in_block, *in_sentence;
    bool space;
} text_piece;

static const text_piece pieces[] = {
    {"a", "a", "a", false},
    {"b", "b", "b", false},
    {"a", "a", "a", false},
    {" ", " ", " ", true},
    {"\"", "\\\"", "\\\"", false},
    {"\\", "\\\\", "\\\\", false},
    {"\t", "\\t", " ", true},
    {"\x01", "\\u0001", "\\u0001", false},
    {"\xC3\xA9", "\xC3\xA9", "\xC3\xA9", false},              /* é */
    {"\xE2\x80\x94", "\xE2\x80\x94", "\xE2\x80\x94", false},  /* em dash */
    {"\xC2\xA0", "\xC2\xA0", " ", true},                       /* no-break space */
};

Test(json, escaping_matches_a_byte_at_a_time_reading_at_every_length)
{
    uint64_t state = 0x2545F4914F6CDD1Du;
    char text[1024], block[4096], sentence[4096];
    for (int round = 0; round < 1500; round++) {
        size_t count = 1 + (size_t)round % 150;
        text[0] = block[0] = sentence[0] = '\0';
        bool in_space = false;
        for (size_t k = 0; k < count; k++) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            /* letters at both ends, so that the sentence is the whole text;
               between, plain letters and spaces with the other pieces one in
               4 (in half the rounds) or one in 64 (long clean stretches) */
            size_t n = sizeof pieces / sizeof *pieces, rare = round % 2 ? 64 : 4;
            size_t pick = k == 0 || k + 1 == count ? state % 2
                          : state % rare == 0 ? (size_t)(state >> 8) % n : (state >> 8) % 4;
            const text_piece *p = &pieces[pick];
            strcat(text, p->bytes);
            strcat(block, p->in_block);
            if (!p->space)
                strcat(sentence, p->in_sentence);
            else if (!in_space)
                strcat(sentence, " ");
            in_space = p->space;
        }
        rs_report *r = analyze_detail(text);
        sink out = {0};
        cr_assert_eq(rs_report_write_json(r, "in.txt", RS_JSON_DETAIL, collect, &out), RS_OK);
        char want_block[4200], want_sentence[4200];
        snprintf(want_block, sizeof want_block, "\"text\":\"%s\",", block);
        snprintf(want_sentence, sizeof want_sentence, "{\"text\":\"%s\",\"block\"", sentence);
        cr_expect_not_null(strstr(out.buf, want_block), "block: want %s in %s", want_block,
                           out.buf);
        cr_expect_not_null(strstr(out.buf, want_sentence), "sentence: want %s in %s",
                           want_sentence, out.buf);
        free(out.buf);
        rs_report_free(r);
    }
}

/*
 * A heading's text is written with white space collapsed and the ends
 * trimmed: a space right after leading white space that is not a space
 * (here a no-break space, which Markdown keeps) is part of the trimmed run,
 * in headings of every length up to past 16 bytes.
 */
Test(json, a_heading_starting_with_white_space_is_trimmed)
{
    static const char title[] = "Titleofthesectionhere,longenoughtospan";
    for (int len = 1; len < (int)sizeof title; len++) {
        char text[256], want[256];
        snprintf(text, sizeof text, "# \xC2\xA0 %.*s\n\nSome text follows here.\n", len, title);
        snprintf(want, sizeof want, "\"heading\":\"%.*s\"", len, title);
        rs_options o;
        rs_options_init(&o);
        o.format = RS_FORMAT_MARKDOWN;
        rs_report *r = NULL;
        cr_assert_eq(rs_analyze(text, strlen(text), &o, &r), RS_OK);
        sink out = {0};
        cr_assert_eq(rs_report_write_json(r, NULL, 0, collect, &out), RS_OK);
        cr_expect_not_null(strstr(out.buf, want), "want %s in %s", want, out.buf);
        free(out.buf);
        rs_report_free(r);
    }
}

/*
 * Words of 1 to 15 bytes are copied whole when nothing in them needs
 * escaping: every length, plain, with a letter outside ASCII at each end,
 * and with a backslash (in a URL) that must still be escaped.
 */
Test(json, short_words_are_written_whole_or_escaped)
{
    static const char letters[] = "abcdefghijklmnopqrstu";
    char text[2048] = "", want[64];
    for (int len = 1; len <= 20; len++) {
        char word[96];
        snprintf(word, sizeof word, "%.*s \xC3\xA9%.*s %.*s\xC3\xA9 ", len, letters, len, letters,
                 len, letters);
        strcat(text, word);
    }
    for (int len = 0; len <= 6; len++) {
        char url[64];
        snprintf(url, sizeof url, "http://%.*s\\z ", len, letters);
        strcat(text, url);
    }
    strcat(text, "end.");
    char *j = json_of(text, RS_JSON_DETAIL);
    for (int len = 1; len <= 20; len++) {
        snprintf(want, sizeof want, "{\"text\":\"%.*s\",", len, letters);
        cr_expect_not_null(strstr(j, want), "%s in %s", want, j);
        snprintf(want, sizeof want, "{\"text\":\"\xC3\xA9%.*s\",", len, letters);
        cr_expect_not_null(strstr(j, want), "%s in %s", want, j);
        snprintf(want, sizeof want, "{\"text\":\"%.*s\xC3\xA9\",", len, letters);
        cr_expect_not_null(strstr(j, want), "%s in %s", want, j);
    }
    for (int len = 0; len <= 6; len++) {
        snprintf(want, sizeof want, "{\"text\":\"http://%.*s\\\\z\",", len, letters);
        cr_expect_not_null(strstr(j, want), "%s in %s", want, j);
    }
    free(j);
}

Test(json, metadata_keys_are_escaped_like_values)
{
    rs_analyzer *a;
    cr_assert_eq(rs_analyzer_new(NULL, &a), RS_OK);
    cr_assert_eq(rs_analyzer_set_meta(a, "say \"hi\"\\\n", "v\"1"), RS_OK);
    cr_assert_eq(rs_analyzer_feed(a, "Hello there.", 12), RS_OK);
    rs_report *r;
    cr_assert_eq(rs_analyzer_finish(a, &r), RS_OK);
    rs_analyzer_free(a);
    for (int pretty = 0; pretty <= 1; pretty++) {
        sink s = {0};
        cr_assert_eq(rs_report_write_json(r, NULL, pretty ? RS_JSON_PRETTY : 0, collect, &s), RS_OK);
        const char *member = pretty ? "\"say \\\"hi\\\"\\\\\\n\": \"v\\\"1\""
                                    : "\"say \\\"hi\\\"\\\\\\n\":\"v\\\"1\"";
        cr_expect_not_null(strstr(s.buf, member), "%s in %s", member, s.buf);
        free(s.buf);
    }
    rs_report_free(r);
}

Test(json, pretty_output_is_indented)
{
    char *j = json_of("Hello there.", RS_JSON_PRETTY);
    cr_expect_not_null(strstr(j, "\n  \"counts\": {\n    \"characters\": 11,"), "%s", j);
    free(j);
}

Test(json, a_refusing_writer_stops_the_output)
{
    rs_report *r = analyze_detail("Hello there. General Kenobi.");
    sink s = {.refuse = 1};
    cr_expect_eq(rs_report_write_json(r, NULL, RS_JSON_DETAIL, collect, &s), RS_ERR_STATE);
    free(s.buf);
    rs_report_free(r);
}

/* ------------------------------------------------------------------ */
/* Numbers: the writer's own formatting must print what printf prints. */

#include <float.h>
#include <limits.h>
#include <math.h>

#include "output/number.h"

/* What jw_double() printed with snprintf alone. */
static void hundredths_by_printf(double v, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%.2f", v);
    while (out[n - 1] == '0')
        out[--n] = '\0';
    if (out[n - 1] == '.')
        out[--n] = '\0';
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

static void check_hundredths(double v)
{
    char fast[RS_DECIMAL_MAX + 1], slow[512];
    size_t n = rs__format_hundredths(v, fast);
    if (n == 0) {
        /* only where the function says it cannot promise printf's digits */
        cr_assert(!(fabs(v) < 1e13) || DBL_MANT_DIG != 53, "no answer for %.17g", v);
        return;
    }
    fast[n] = '\0';
    hundredths_by_printf(v, slow, sizeof slow);
    cr_assert_str_eq(fast, slow, "%.17g", v);
}

Test(json_numbers, hundredths_round_like_printf_on_ties_and_near_ties)
{
    /* k/8 is exact in binary, so x.x25, x.x75 and x.x125 are true ties for
       hundredths where the third decimal is 5: printf rounds them to even */
    for (int k = -80000; k <= 80000; k++)
        check_hundredths(k / 8.0);
    /* decimal ties that are not exact in binary: the stored value decides */
    static const double near[] = {0.005, 0.015, 0.025, 1.005, 2.675, 1.115, 8.345, 0.125,
                                  0.375, -0.005, -2.675, 1e-300, -1e-300, 0.0049999999999999,
                                  99.995, 999999.995, 0.0, -0.0};
    for (size_t i = 0; i < sizeof near / sizeof *near; i++) {
        check_hundredths(near[i]);
        check_hundredths(nextafter(near[i], INFINITY));
        check_hundredths(nextafter(near[i], -INFINITY));
    }
}

Test(json_numbers, hundredths_match_printf_on_random_values)
{
    /* a fixed generator, so that a failure repeats */
    uint64_t state = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 2000000; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        double unit = (double)(state >> 11) / 9007199254740992.0;
        int scale = (int)(state % 17) - 4; /* 1e-4 .. 1e12 */
        double v = (unit - 0.25) * pow(10.0, scale);
        check_hundredths(v);
    }
    check_hundredths(1e13);      /* the first value left to printf */
    check_hundredths(-9.99e12);
    check_hundredths(DBL_MAX);
}

/*
 * The formatter reads the binary value: every exponent below 1e13, where a
 * unit in the last place is from 2^43 down to the smallest subnormal, with
 * values that are exact ties for hundredths at each, and their neighbours.
 */
Test(json_numbers, hundredths_match_printf_at_every_exponent)
{
    for (int e = -1074; e <= 43; e++) {
        double p = ldexp(1.0, e);
        double values[] = {p, nextafter(p, 0.0), nextafter(p, INFINITY), p * 1.5, p * 1.9999999,
                           p * 1.23456789};
        for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
            check_hundredths(values[i]);
            check_hundredths(-values[i]);
        }
    }
    /* ties: (2k + 1) / 200 is halfway between hundredths, exact when scaled
       by a power of two that keeps it in 53 bits: odd and even neighbours */
    for (int k = 0; k < 2000; k++) {
        for (int s = 0; s <= 40; s += 8) {
            double tie = ldexp((2.0 * k + 1) * ldexp(1.0, 40 - s), -40) / 200.0;
            check_hundredths(tie);
            check_hundredths(nextafter(tie, 0.0));
            check_hundredths(nextafter(tie, INFINITY));
        }
    }
    check_hundredths(DBL_MIN);
    check_hundredths(DBL_TRUE_MIN);
    check_hundredths(-DBL_TRUE_MIN);
    check_hundredths(nextafter(1e13, 0.0));
    check_hundredths(-nextafter(1e13, 0.0));
    check_hundredths(9999999999999.995);
    check_hundredths(0.005 - DBL_EPSILON / 512);
}

/* Not a number and the infinities are the caller's: no digits. */
Test(json_numbers, hundredths_leave_non_finite_values_to_the_caller)
{
    char out[RS_DECIMAL_MAX];
    cr_expect_eq(rs__format_hundredths(NAN, out), 0);
    cr_expect_eq(rs__format_hundredths(INFINITY, out), 0);
    cr_expect_eq(rs__format_hundredths(-INFINITY, out), 0);
}

Test(json_numbers, integers_match_printf)
{
    static const long long values[] = {0, 1, -1, 9, 10, -10, 99, 100, 12345, -98765,
                                       LLONG_MAX, LLONG_MIN, LLONG_MIN + 1};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        char fast[RS_DECIMAL_MAX + 1], slow[32];
        fast[rs__format_int(values[i], fast)] = '\0';
        snprintf(slow, sizeof slow, "%lld", values[i]);
        cr_assert_str_eq(fast, slow);
    }
    char fast[RS_DECIMAL_MAX + 1];
    fast[rs__format_uint(UINT64_MAX, fast)] = '\0';
    cr_assert_str_eq(fast, "18446744073709551615");
    fast[rs__format_uint(0, fast)] = '\0';
    cr_assert_str_eq(fast, "0");
}

/* Every digit count, at its edges (where an odd or even count of digits
   starts), and pseudo-random values of every size. */
Test(json_numbers, unsigned_integers_of_every_length_match_printf)
{
    char fast[RS_DECIMAL_MAX + 1], slow[32];
    uint64_t power = 1, x = 0x9E3779B97F4A7C15ull;
    for (int digits = 1; digits <= 20; digits++) {
        uint64_t values[] = {power, power - 1, power + 1, power * 5 + 3, x >> (digits * 3)};
        for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
            fast[rs__format_uint(values[i], fast)] = '\0';
            snprintf(slow, sizeof slow, "%llu", (unsigned long long)values[i]);
            cr_assert_str_eq(fast, slow);
        }
        power *= 10;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
}
