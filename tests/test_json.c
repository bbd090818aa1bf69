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
