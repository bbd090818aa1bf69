/* Familiar words for Dale-Chall and Spache: listed words and their inflections. */
#include <criterion/criterion.h>
#include <string.h>

#include "text/wordlists.h"

static bool dc(const char *w)
{
    return rs__dale_chall_familiar(w, strlen(w));
}

static bool sp(const char *w)
{
    return rs__spache_familiar(w, strlen(w));
}

static void all_familiar(bool (*f)(const char *), const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cr_assert(f(words[i]), "'%s' should be familiar", words[i]);
}

static void none_familiar(bool (*f)(const char *), const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cr_assert(!f(words[i]), "'%s' should not be familiar", words[i]);
}

#define ALL(f, ...)                                                                    \
    do {                                                                               \
        static const char *const w_[] = {__VA_ARGS__};                                 \
        all_familiar(f, w_, sizeof w_ / sizeof w_[0]);                                 \
    } while (0)
#define NONE(f, ...)                                                                   \
    do {                                                                               \
        static const char *const w_[] = {__VA_ARGS__};                                 \
        none_familiar(f, w_, sizeof w_ / sizeof w_[0]);                                \
    } while (0)

Test(wordlists, raw_lookup_matches_only_listed_keys)
{
    cr_assert_eq(rs__dale_chall_lookup("house", 5), 1);
    cr_assert_eq(rs__dale_chall_lookup("houses", 6), -1);
    cr_assert_eq(rs__dale_chall_lookup("hous", 4), -1);
    cr_assert_eq(rs__spache_lookup("can't", 5), 1); /* upstream had "can\t" */
    cr_assert_eq(rs__spache_lookup("can\\t", 5), -1);
    cr_assert_eq(rs__spache_lookup("i", 1), 1); /* upstream "I", lowercased */
}

Test(wordlists, listed_words)
{
    ALL(dc, "house", "boy", "run", "happy", "quick", "stop", "a", "good-looking", "mr.",
        "don't", "o'clock");
    ALL(sp, "house", "boy", "run", "happy", "stop", "can't", "won't", "i'll", "dad", "i");
}

Test(wordlists, plurals_and_third_person)
{
    /* houses<house, boxes<box, wishes<wish, babies<baby, goes<go, runs<run */
    ALL(dc, "houses", "boys", "boxes", "wishes", "babies", "goes", "runs", "carries");
    ALL(sp, "houses", "boys", "babies", "runs");
}

Test(wordlists, possessives)
{
    ALL(dc, "boy's", "boys'", "children's", "mother's", "babies'");
    ALL(sp, "boy's", "boys'");
}

Test(wordlists, past_forms)
{
    /* played<play, liked<like, stopped<stop, carried<carry */
    ALL(dc, "played", "liked", "stopped", "carried", "jumped");
    ALL(sp, "played", "stopped", "jumped");
}

Test(wordlists, present_participles)
{
    /* playing, making<make (e dropped), running<run (n doubled), dying<die */
    ALL(dc, "playing", "making", "running", "dying", "sitting");
    ALL(sp, "playing", "running");
}

Test(wordlists, past_participles_in_n)
{
    /* known<know, drawn<draw, taken<take, given<give */
    ALL(dc, "known", "drawn", "taken", "given");
}

Test(wordlists, comparatives_and_superlatives)
{
    /* taller, nicer<nice, bigger<big, happier<happy, happiest, strongest */
    ALL(dc, "taller", "nicer", "nicest", "bigger", "biggest", "happier", "happiest",
        "strongest");
    ALL(sp, "bigger", "happier");
}

Test(wordlists, er_on_a_non_adjective_is_not_a_comparative)
{
    /* build, dream, kick, walk, open are listed but take no -er comparison: these are
     * agent nouns, which the counting rules do not cover; "ripen"/"widen" are -en verbs */
    for (size_t i = 0; i < 5; i++) {
        static const char *const stems[] = {"build", "dream", "kick", "walk", "open"};
        cr_assert(dc(stems[i]), "%s should be listed", stems[i]);
    }
    NONE(dc, "builder", "dreamer", "kicker", "walker", "opener", "walkest", "ripen", "widen");
}

Test(wordlists, ly_adverbs)
{
    /* quickly<quick, happily<happy, gently<gentle, truly<true, fully<full */
    ALL(dc, "quickly", "happily", "gently", "truly", "fully", "sadly");
    ALL(sp, "quickly", "happily");
}

Test(wordlists, hyphenated_words_need_every_part)
{
    ALL(dc, "twenty-one", "mother-in-law's", "good-looking");
    NONE(dc, "twenty-photosynthesis", "-house", "house-", "a--b");
}

Test(wordlists, title_without_its_dot)
{
    ALL(dc, "mr", "mrs");
}

Test(wordlists, hard_and_non_words)
{
    NONE(dc, "photosynthesis", "ubiquitous", "xylophone", "qwzx", "", "houss", "xs'");
    NONE(sp, "photosynthesis", "ubiquitous", "electricity", "qwzx", "");
}

Test(wordlists, short_bases_are_not_inflected)
{
    /* Spache lists single letters; "is" must not be read as the plural of "i" */
    cr_assert(!sp("bs"));
    cr_assert(!sp("ued"));
}

Test(wordlists, case_is_the_callers_job)
{
    cr_assert(!dc("House"));
    cr_assert(!dc("HOUSES"));
    cr_assert(!sp("Boy's"));
}

Test(wordlists, long_words_and_null)
{
    char buf[300];
    memset(buf, 'a', sizeof buf);
    cr_assert(!rs__dale_chall_familiar(buf, sizeof buf));
    cr_assert(!rs__dale_chall_familiar(NULL, 0));
    cr_assert(!rs__spache_familiar(NULL, 3));
    /* a listed word followed by a long suffix does not overrun the stack buffers */
    memcpy(buf, "house", 5);
    memset(buf + 5, 's', 58);
    cr_assert(!rs__dale_chall_familiar(buf, 63));
}

Test(wordlists, length_not_terminator_bounds_the_word)
{
    /* "houses" read as its first 5 bytes is "house" */
    cr_assert(rs__dale_chall_familiar("houses", 5));
    cr_assert(!rs__dale_chall_familiar("housex", 6));
}
