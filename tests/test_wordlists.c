/* Familiar words for Dale-Chall and Spache: listed words and their inflections. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/strset.h"
#include "text/tokenizer.h"
#include "text/wordinfo.h"
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

/* A key and one more byte is found, or not, as the joined key is: across
   the 8-byte steps of the hash, listed or not. */
Test(wordlists, lookup_then_is_the_lookup_of_the_joined_key)
{
    static const char *const keys[] = {
        "house", "houses", "hous", "mr.", "mrs.", "mr", "i", "a", "can't", "good-looking",
        "old-fashioned", "grandmother", "grandmothers", "neighborhood", "afternoon",
        "extraordinary", "qzxv", "abcdefgh", "abcdefghi", "abcdefghijklmnopq", "happy", "dad",
    };
    size_t found = 0;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t len = strlen(keys[k]);
        int dc = rs__dale_chall_lookup(keys[k], len), sp = rs__spache_lookup(keys[k], len);
        found += dc == 1 || sp == 1;
        /* the key as all but its last byte, then that byte */
        unsigned char last = (unsigned char)keys[k][len - 1];
        cr_expect_eq(rs__dale_chall_lookup_then(keys[k], len - 1, last), dc, "%s", keys[k]);
        cr_expect_eq(rs__spache_lookup_then(keys[k], len - 1, last), sp, "%s", keys[k]);
        /* the key with one more byte, listed or not */
        static const char tails[] = ".s'ey-";
        for (size_t t = 0; t < sizeof tails - 1; t++) {
            char joined[40];
            memcpy(joined, keys[k], len);
            joined[len] = tails[t];
            cr_expect_eq(rs__dale_chall_lookup_then(keys[k], len, (unsigned char)tails[t]),
                         rs__dale_chall_lookup(joined, len + 1), "%s+%c", keys[k], tails[t]);
            cr_expect_eq(rs__spache_lookup_then(keys[k], len, (unsigned char)tails[t]),
                         rs__spache_lookup(joined, len + 1), "%s+%c", keys[k], tails[t]);
        }
    }
    cr_expect_geq(found, 10u, "most keys are listed");
    cr_expect_eq(rs__dale_chall_lookup_then("", 0, 'a'), rs__dale_chall_lookup("a", 1));
    cr_expect_eq(rs__spache_lookup_then("", 0, 'i'), 1);
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

Test(wordlists, both_lists_at_once_agree_with_each_list)
{
    static const char *const words[] = {
        "house", "houses", "boy's", "boys'", "played", "making", "stopped", "cried",
        "known", "taller", "nicer", "bigger", "happier", "quickly", "truly", "fully",
        "gently", "happily", "good-looking", "ice-cream", "photosynthesis", "mr", "mrs",
        "is", "bs", "ripen", "electricity", "sharpen", "theses", "a", "i", "x-ray",
        "well-known-house", "-", "house-", "apple's", "boxes", "goes", "wishes",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *w = words[i];
        size_t n = strlen(w);
        unsigned both = rs__familiar_lists(w, n, RS_LIST_DALE_CHALL | RS_LIST_SPACHE);
        cr_expect_eq((both & RS_LIST_DALE_CHALL) != 0, dc(w), "%s: Dale-Chall", w);
        cr_expect_eq((both & RS_LIST_SPACHE) != 0, sp(w), "%s: Spache", w);
        cr_expect_eq(rs__familiar_lists(w, n, RS_LIST_SPACHE) & RS_LIST_DALE_CHALL, 0u,
                     "%s: only the lists asked for", w);
    }
    cr_expect_eq(rs__familiar_lists("house", 5, 0), 0u);
}

/* ------------------------------------------------------------------ */
/* The word cache gives what rs__word_describe() gives                  */

static const char cache_text[] =
    "The quick brown fox jumps over the lazy dog. THE Quick Brown FOX! Mr. Smith met "
    "Dr. Jones in the U.S. on 3rd May, 1999 and paid 1,250 dollars. Photosynthesis, "
    "photosynthesis and PHOTOSYNTHESIS: extraordinarily-complicated well-known words, "
    "don\xe2\x80\x99t Don\xe2\x80\x99t caf\xc3\xa9 CAF\xc3\x89 na\xc3\xafve "
    "antidisestablishmentarianism internationalization counterrevolutionaries "
    "https://example.org/a mail@example.org #tag @handle covid19 mp3 e.g. i.e. "
    "boys' boy's houses housing working walked created unfamiliarity x y z.";

static void expect_same_as_describe(const char *text, size_t len)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec toks = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&a, text, 0, len, &toks, &stats), RS_OK);
    rs__word_cache cache = {0};
    rs__strset set = {0}, ref = {0};
    size_t cached_after_first = 0; /* ids the cache should have known in round 1 */
    for (int round = 0; round < 3; round++) {
        if (round == 2) { /* ids taken before a clear no longer hold */
            rs__strset_clear(&set);
            rs__strset_clear(&ref);
        }
        for (size_t i = 0; i < toks.count; i++) {
            const rs__token *t = &toks.items[i];
            if (t->type != RS_TOK_WORD)
                continue;
            for (int initial = 0; initial < 2; initial++) {
                rs__word_info wi;
                rs__word_describe(text, t, initial, &wi);
                rs__word_facts wf;
                bool want_lex = round > 0;
                cr_assert_eq(rs__word_measure_lex(&a, &cache, &set, text, len, t, initial,
                                                  want_lex, &wf),
                             RS_OK);
                const char *word = text + t->start;
                int n = (int)(t->end - t->start);
                /* the classifier's view of a short ASCII word comes along when asked */
                bool ascii_key = t->kind == RS_WORD_PLAIN && !(t->flags & RS_TF_DOTTED)
                                 && (t->flags & RS_TF_ASCII) && n <= RS_WORD_CACHE_KEY;
                cr_expect_eq((wf.bits & RS_WORD_LEX_KNOWN) != 0, want_lex && ascii_key,
                             "%.*s: lexicon answer handed over", n, word);
                if (wf.bits & RS_WORD_LEX_KNOWN) {
                    cr_expect_eq(wf.lex, rs__word_lex(wi.key, wi.key_len), "%.*s: lex", n, word);
                    cr_expect_eq(wf.fold_hash, rs__word_fold_hash(wi.key, wi.key_len),
                                 "%.*s: key hash", n, word);
                }
                cr_expect_eq((wf.bits & RS_WORD_SCORED) != 0, wi.scored, "%.*s", n, word);
                if (wi.scored)
                    cr_expect_eq(wf.syllables, wi.syllables, "%.*s: syllables", n, word);
                cr_expect_eq((wf.bits & RS_WORD_LONG) != 0, wi.long_word, "%.*s", n, word);
                cr_expect_eq((wf.bits & RS_WORD_DIFFICULT) != 0, wi.difficult, "%.*s", n, word);
                cr_expect_eq((wf.bits & RS_WORD_COMPLEX) != 0, wi.complex, "%.*s", n, word);
                cr_expect_eq((wf.bits & RS_WORD_UNFAMILIAR) != 0, wi.unfamiliar, "%.*s", n, word);
                if (!wi.unfamiliar)
                    continue;
                uint32_t id, want;
                const char *key = wi.key_len ? wi.key : word;
                size_t key_len = wi.key_len ? wi.key_len : (size_t)n;
                cr_assert_eq(rs__strset_add(&ref, &a, key, key_len, &want), RS_OK);
                if (wf.bits & RS_WORD_KNOWN_ID) {
                    id = wf.unfamiliar_id;
                } else {
                    char buf[RS_WORD_KEY_MAX];
                    size_t k_len;
                    const char *k = rs__word_unfamiliar_key(word, (size_t)n, buf, &k_len);
                    cr_assert_eq(rs__strset_add(&set, &a, k, k_len, &id), RS_OK);
                    rs__word_cache_keep_id(&cache, &set, &wf, id);
                    cached_after_first += round == 1 && wf.entry != NULL;
                }
                cr_expect_eq(id, want, "%.*s: unfamiliar id", n, word);
            }
        }
    }
    cr_expect_eq(cached_after_first, 0u, "a kept id is given back");
    rs__word_cache_free(&cache, &a);
    rs__strset_free(&set, &a);
    rs__strset_free(&ref, &a);
    rs__free(&a, toks.items, toks.cap * sizeof *toks.items);
}

Test(word_cache, answers_as_describe_does)
{
    expect_same_as_describe(cache_text, sizeof cache_text - 1);
}

Test(word_cache, words_at_the_end_of_the_text)
{
    /* the last bytes of the buffer are read without the 16-byte shortcut */
    static const char *const tails[] = {"a", "Ab", "abcdefgh", "Abcdefghi", "abcdefghijklmnop",
                                        "ABCDEFGHIJKLMNOPQ", "x Houses", "the THE The"};
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t n = strlen(tails[i]);
        char *copy = malloc(n); /* exactly n bytes, so ASan sees any over-read */
        memcpy(copy, tails[i], n);
        expect_same_as_describe(copy, n);
        free(copy);
    }
}

Test(word_cache, keys_of_every_length_match_the_general_path)
{
    char word[40], fast[RS_WORD_KEY_MAX], slow[RS_WORD_KEY_MAX];
    for (size_t n = 1; n < sizeof word; n++) {
        for (size_t i = 0; i < n; i++)
            word[i] = (char)((i % 3 == 0 ? 'A' : 'a') + (char)(i % 26));
        size_t f = rs__word_key(word, n, fast, sizeof fast);
        size_t s = rs__word_key_any(word, n, slow, sizeof slow);
        cr_assert_eq(f, s, "length %zu", n);
        cr_assert_eq(memcmp(fast, slow, f + 1), 0, "length %zu", n);
        /* a small buffer falls back to the general path */
        cr_assert_eq(rs__word_key(word, n, fast, n + 1), n);
        cr_assert_eq(rs__word_key(word, n, fast, n), 0u);
    }
    cr_assert_eq(rs__word_key("caf\xc3\xa9", 5, fast, sizeof fast), 5u);
    cr_assert_eq(memcmp(fast, "caf\xc3\xa9", 6), 0);
    cr_assert_eq(rs__word_key("CAF\xc3\x89", 5, fast, sizeof fast), 5u);
    cr_assert_eq(memcmp(fast, "caf\xc3\xa9", 6), 0);
    /* right single quotation marks become ', with or without other letters */
    cr_assert_eq(rs__word_key("DON\xe2\x80\x99T", 7, fast, sizeof fast), 5u);
    cr_assert_str_eq(fast, "don't");
    cr_assert_eq(rs__word_key("Rock\xe2\x80\x99n\xe2\x80\x99Roll", 15, fast, sizeof fast), 11u);
    cr_assert_str_eq(fast, "rock'n'roll");
    cr_assert_eq(rs__word_key("Caf\xc3\xa9\xe2\x80\x99s", 9, fast, sizeof fast), 7u);
    cr_assert_str_eq(fast, "caf\xc3\xa9's");
    cr_assert_eq(rs__word_key("it\xe2\x80\x99s", 6, fast, 3), 0u, "does not fit");
    cr_assert_eq(rs__word_key("it\xe2\x80\x99s", 6, fast, 5), 4u);
    cr_assert_eq(rs__word_key("it\xe2\x80", 4, fast, sizeof fast), 0u, "a broken mark");
}

/* The key as utf8proc makes it, without any shortcut. */
static size_t reference_key(const char *word, size_t len, char *out, size_t cap)
{
    utf8proc_int32_t cps[RS_WORD_KEY_MAX];
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len,
                                            cps, RS_WORD_KEY_MAX,
                                            UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n <= 0 || n > RS_WORD_KEY_MAX)
        return 0;
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (cps[i] == 0x2019)
            cps[i] = '\'';
    n = utf8proc_normalize_utf32(cps, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cps[i], enc);
        if (k <= 0 || o + (size_t)k >= cap)
            return 0;
        memcpy(out + o, enc, (size_t)k);
        o += (size_t)k;
    }
    out[o] = '\0';
    return o;
}

Test(word_cache, keys_with_quotation_marks_match_utf8proc)
{
    static const char *const parts[] = {"a", "Z", "\xe2\x80\x99", "-", "0", "\xc3\xa9", "Q"};
    char word[400], got[256], want[256];
    unsigned seed = 7;
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, nparts = 1 + (size_t)(round % 120);
        for (size_t p = 0; p < nparts; p++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly ASCII and ’; now and then an é, which takes utf8proc */
            const char *part = parts[(seed >> 16) % (round % 5 ? 5 : 7)];
            memcpy(word + len, part, strlen(part));
            len += strlen(part);
        }
        /* small buffers, the usual one, and one past utf8proc's code point limit */
        int which = round / 120 % 3;
        size_t cap = which == 0 ? 1 + (size_t)(round % 40)
                     : which == 1 ? RS_WORD_KEY_MAX : sizeof got;
        size_t g = rs__word_key(word, len, got, cap);
        size_t w = reference_key(word, len, want, cap);
        cr_assert_eq(g, w, "round %d: length", round);
        if (g)
            cr_assert_eq(memcmp(got, want, g + 1), 0, "round %d", round);
    }
}

/* Measuring sums a sentence's words in packed lanes a run of a few
   thousand tokens at a time: a sentence of many runs counts as its words. */
Test(word_cache, a_long_sentence_counts_as_its_words)
{
    static const char phrase[] = "the beautiful Zork well-known extraordinary cat 42 ";
    enum { REPEATS = 3000 };
    size_t plen = sizeof phrase - 1;
    char *text = malloc(plen * REPEATS);
    cr_assert_not_null(text);
    for (size_t i = 0; i < REPEATS; i++)
        memcpy(text + i * plen, phrase, plen);
    rs_options o;
    rs_options_init(&o);
    rs_report *one, *many;
    cr_assert_eq(rs_analyze(phrase, plen, &o, &one), RS_OK);
    cr_assert_eq(rs_analyze(text, plen * REPEATS, &o, &many), RS_OK);
    const rs_counts *a = rs_report_counts(one), *b = rs_report_counts(many);
    cr_assert_eq(b->sentences, 1);
    cr_assert_eq(a->words, 7);
    cr_assert_eq(b->words, REPEATS * a->words);
    cr_assert_eq(b->letters, REPEATS * a->letters);
    cr_assert_eq(b->digits, REPEATS * a->digits);
    cr_assert_eq(b->syllables, REPEATS * a->syllables);
    cr_assert_eq(b->monosyllables, REPEATS * a->monosyllables);
    cr_assert_eq(b->polysyllables, REPEATS * a->polysyllables);
    cr_assert_eq(b->long_words, REPEATS * a->long_words);
    cr_assert_eq(b->difficult_words, REPEATS * a->difficult_words);
    cr_assert_eq(b->complex_words, REPEATS * a->complex_words);
    cr_assert_eq(b->unscored_words, REPEATS * a->unscored_words);
    cr_assert_eq(b->unfamiliar_words, a->unfamiliar_words);
    cr_assert_gt(a->polysyllables, 0);
    cr_assert_gt(a->complex_words, 0);
    cr_assert_gt(a->long_words, 0);
    rs_report_free(one);
    rs_report_free(many);
    free(text);
}
