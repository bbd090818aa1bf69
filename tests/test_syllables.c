/* Syllable counts: hand-checked words, numbers, normalisation and limits. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "readstat.h"
#include "text/syllables.h"

static unsigned syl(const char *word)
{
    return rs_syllables(word, strlen(word));
}

static unsigned rules(const char *lower)
{
    return rs__syllables_rules(lower, strlen(lower));
}

static unsigned number(const char *tok)
{
    return rs__syllables_number(tok, strlen(tok));
}

#define EXPECT(word, n) cr_expect_eq(syl(word), (n), "%s: got %u, want %u", (word), syl(word), (unsigned)(n))
#define EXPECT_RULES(word, n) \
    cr_expect_eq(rules(word), (n), "rules(%s): got %u, want %u", (word), rules(word), (unsigned)(n))
#define EXPECT_NUMBER(tok, n) \
    cr_expect_eq(number(tok), (n), "number(%s): got %u, want %u", (tok), number(tok), (unsigned)(n))

Test(syllables, common_words)
{
    EXPECT("the", 1);
    EXPECT("cat", 1);
    EXPECT("water", 2);
    EXPECT("family", 3);
    EXPECT("beautiful", 3);
    EXPECT("information", 4);
    EXPECT("university", 5);
    EXPECT("business", 2);
    EXPECT("something", 2);
}

Test(syllables, silent_e_and_le)
{
    EXPECT_RULES("make", 1);
    EXPECT_RULES("home", 1);
    EXPECT_RULES("complete", 2);
    EXPECT_RULES("table", 2);
    EXPECT_RULES("little", 2);
    EXPECT_RULES("whole", 1);
    EXPECT_RULES("be", 1);
    EXPECT_RULES("hopeless", 2);
    EXPECT_RULES("statement", 2);
    EXPECT_RULES("lovely", 2);
}

Test(syllables, ed_and_es_endings)
{
    EXPECT_RULES("jumped", 1);
    EXPECT_RULES("played", 1);
    EXPECT_RULES("wanted", 2);
    EXPECT_RULES("needed", 2);
    EXPECT_RULES("created", 3);
    EXPECT_RULES("makes", 1);
    EXPECT_RULES("boxes", 2);
    EXPECT_RULES("pages", 2);
    EXPECT_RULES("tables", 2);
    EXPECT_RULES("released", 2);
    EXPECT_RULES("allegedly", 4);
}

Test(syllables, vowel_teams)
{
    EXPECT_RULES("rain", 1);
    EXPECT_RULES("great", 1);
    EXPECT_RULES("piano", 3);
    EXPECT_RULES("create", 2);
    EXPECT_RULES("science", 2);
    EXPECT_RULES("patient", 2);
    EXPECT_RULES("nation", 2);
    EXPECT_RULES("radio", 3);
    EXPECT_RULES("video", 3);
    EXPECT_RULES("quiet", 2);
    EXPECT_RULES("idea", 3);
    EXPECT_RULES("actual", 3);
    EXPECT_RULES("poem", 2);
}

Test(syllables, y_as_vowel_and_consonant)
{
    EXPECT_RULES("happy", 2);
    EXPECT_RULES("yes", 1);
    EXPECT_RULES("player", 2);
    EXPECT_RULES("dryer", 2);
    EXPECT_RULES("type", 1);
    EXPECT_RULES("rhythm", 2);
}

Test(syllables, suffixes_and_prefixes)
{
    EXPECT_RULES("going", 2);
    EXPECT_RULES("being", 2);
    EXPECT("realism", 3); /* CMU: real-is-m, from the table */
    EXPECT_RULES("react", 2);
    EXPECT_RULES("reuse", 2);
    EXPECT_RULES("basically", 3);
    EXPECT_RULES("mcdonald", 3);
    EXPECT_RULES("homework", 2);
    EXPECT_RULES("baseline", 2);
    EXPECT_RULES("lifetime", 2);
}

Test(syllables, case_does_not_matter)
{
    EXPECT("Other", 2);
    EXPECT("other", 2);
    EXPECT("OTHER", 2);
    EXPECT("Science", 2);
    cr_expect_eq(syl("ReadStat"), syl("readstat"));
}

Test(syllables, apostrophes)
{
    EXPECT("don't", 1);
    EXPECT("didn't", 2);
    EXPECT("China's", 2);
    EXPECT("church's", 2);
    EXPECT("George's", 2);
    EXPECT("students'", 2);
    EXPECT("o'clock", 2);
    EXPECT("don\xE2\x80\x99t", 1);       /* U+2019 */
    EXPECT("church\xE2\x80\x99s", 2);    /* U+2019 */
    EXPECT("\xE2\x80\x98" "cause", 1);   /* U+2018 */
}

Test(syllables, hyphenated_compounds)
{
    EXPECT("well-known", 2);
    EXPECT("mother-in-law", 4);
    EXPECT("state-of-the-art", 4);
    EXPECT("covid-19", 4);
    EXPECT("well\xE2\x80\x90known", 2); /* U+2010 hyphen */
}

Test(syllables, numbers)
{
    EXPECT("1,000", 3);   /* one thousand */
    EXPECT("3.14", 4);    /* three point one four */
    EXPECT("16th", 2);    /* sixteenth */
    EXPECT("1st", 1);     /* first */
    EXPECT("22nd", 4);    /* twen-ty-sec-ond */
    EXPECT("20th", 3);    /* twen-ti-eth */
    EXPECT("1361", 9);    /* one thou-sand three hun-dred six-ty-one */
    EXPECT("0", 2);       /* ze-ro */
    EXPECT("7", 2);       /* sev-en */
    EXPECT("11", 3);      /* e-lev-en */
    EXPECT("1.2.3", 5);   /* one point two point three */
    EXPECT("1,000,000", 3); /* one mil-lion */
    EXPECT("100", 3);     /* one hun-dred */
    EXPECT_NUMBER("2.5", 3);   /* two point five */
    EXPECT_NUMBER("007", 6);   /* ze-ro ze-ro sev-en */
    EXPECT_NUMBER("70s", 3);   /* sev-en-ties */
    EXPECT_NUMBER("6s", 2);    /* six-es */
    EXPECT_NUMBER("2ND", 2);   /* sec-ond */
}

/* Digits alone take a shortcut; a trailing hyphen, which adds no syllable,
   sends the same digits through the general reading. */
Test(syllables, digits_alone_read_as_the_general_path_reads_them)
{
    char tok[32];
    for (unsigned v = 0; v < 30000; v += v < 2000 ? 1 : 7) {
        for (int zeros = 0; zeros < 2; zeros++) {
            int n = snprintf(tok, sizeof tok, zeros ? "0%u-" : "%u-", v);
            unsigned general = rs__syllables_number(tok, (size_t)n);
            cr_expect_eq(rs__syllables_number(tok, (size_t)n - 1), general, "%.*s", n - 1, tok);
        }
    }
    static const char *const long_ones[] = {"999999999999999-", "1000000000000000-",
                                            "123456789012345678-"};
    for (size_t i = 0; i < sizeof long_ones / sizeof long_ones[0]; i++) {
        size_t n = strlen(long_ones[i]);
        cr_expect_eq(rs__syllables_number(long_ones[i], n - 1),
                     rs__syllables_number(long_ones[i], n), "%s", long_ones[i]);
    }
}

Test(syllables, long_numbers_read_digit_by_digit)
{
    /* 16 ones: more than 15 digits, so "one" sixteen times. */
    EXPECT("1111111111111111", 16);
    /* 15 digits still a cardinal: nine hundred ninety-nine trillion ... */
    EXPECT("999999999999999", 5 * 6 + 4 * 2);
}

Test(syllables, diacritics)
{
    EXPECT("café", 2);
    EXPECT("naïve", 2);
    EXPECT("résumé", 3);
    EXPECT("CAFÉ", 2);
    EXPECT("fiancée", 3);
}

Test(syllables, non_latin_words)
{
    EXPECT("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 2); /* Москва */
    EXPECT("\xD0\xB4\xD0\xBE\xD0\xBC", 1);                         /* дом */
    EXPECT("\xE5\x8C\x97\xE4\xBA\xAC", 1);                         /* 北京: at least one */
}

Test(syllables, nothing_to_count)
{
    EXPECT("", 0);
    EXPECT("...", 0);
    EXPECT("---", 0);
    EXPECT("'", 0);
    cr_expect_eq(rs_syllables(NULL, 0), 0u);
    cr_expect_eq(rs__syllables_ascii("", 0), 0u);
    cr_expect_eq(rs__syllables_ascii("'-'", 3), 0u);
    cr_expect_eq(rs__syllables_number("", 0), 0u);
}

Test(syllables, at_least_one_for_any_letter)
{
    EXPECT("hmm", 1);
    EXPECT("x", 1);
    EXPECT("fbi", 3); /* spelled out */
}

Test(syllables, exception_table_is_consulted)
{
    /* Words the rules miss, held by data/syllables/exceptions.tsv. */
    cr_expect_eq(rs__syllable_exception("business", 8), 2);
    cr_expect_eq(rs__syllable_exception("table", 5), -1);
    cr_expect_neq(rules("wednesday"), 2u);
    EXPECT("wednesday", 2);
}

Test(syllables, very_long_words_do_not_crash)
{
    char word[5000];
    for (size_t i = 0; i < sizeof word; i++)
        word[i] = "banana"[i % 6];
    unsigned n = rs_syllables(word, sizeof word);
    cr_expect_geq(n, 1000u);
    cr_expect_eq(rs__syllables_ascii(word, sizeof word), rs__syllables_rules(word, sizeof word));

    char digits[300];
    memset(digits, '9', sizeof digits);
    cr_expect_eq(rs_syllables(digits, sizeof digits), 300u);

    /* Over the stack buffer with a non-ASCII letter: the streaming count. */
    char mixed[400];
    memset(mixed, 'a', sizeof mixed);
    memcpy(mixed + 100, "\xC3\xA9", 2);
    cr_expect_geq(rs_syllables(mixed, sizeof mixed), 1u);
}

Test(syllables, invalid_utf8_is_not_fatal)
{
    EXPECT("caf\xC3", 1);          /* truncated sequence */
    EXPECT("\xFF\xFE" "word", 1);  /* stray bytes */
}
