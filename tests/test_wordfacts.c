/* The table of word facts the build precomputes agrees with the rules. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/alloc.h"
#include "text/wordfacts.h"
#include "text/wordinfo.h"

static size_t key_of(const rs__word_table *t, size_t e, char out[RS_WORD_TABLE_KEY + 1])
{
    size_t len = t->facts[e] >> RS_WORD_TABLE_LEN_SHIFT;
    for (size_t i = 0; i < len; i++)
        out[i] = (char)(t->keys[e][i / 8] >> (8 * (i % 8)));
    out[len] = '\0';
    return len;
}

Test(wordfacts, every_entry_is_what_the_rules_say)
{
    const rs__word_table *t = &rs__word_facts_table;
    cr_assert_gt(t->count, 10000u, "the lists and their inflections are there");
    for (size_t e = 0; e < t->count; e++) {
        char key[RS_WORD_TABLE_KEY + 1];
        size_t len = key_of(t, e, key);
        cr_assert(len > 0 && len <= RS_WORD_TABLE_KEY, "entry %zu: length %zu", e, len);
        unsigned syllables;
        unsigned flags = rs__word_ascii_rules(key, len, &syllables);
        cr_expect_eq(t->facts[e] & 0xFF, syllables, "%s: syllables", key);
        cr_expect_eq((t->facts[e] >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF, flags, "%s: flags", key);
        unsigned found_syllables = 0, found_flags = 0;
        cr_expect(rs__word_table_find(t, t->keys[e][0], t->keys[e][1], len, &found_syllables,
                                      &found_flags),
                  "%s is found", key);
        cr_expect_eq(found_syllables, syllables, "%s: syllables found", key);
        cr_expect_eq(found_flags, flags, "%s: flags found", key);
    }
}

Test(wordfacts, the_index_is_at_most_half_full_and_points_at_every_entry_once)
{
    const rs__word_table *t = &rs__word_facts_table;
    size_t nslots = (size_t)1 << t->bits;
    cr_expect_leq(2 * (size_t)t->count, nslots);
    size_t used = 0;
    for (size_t s = 0; s < nslots; s++) {
        used += t->slots[s] != 0;
        cr_expect_leq(t->slots[s], t->count);
    }
    cr_expect_eq(used, t->count);
}

static bool has(const char *word)
{
    uint64_t k[3] = {0, 0, 0};
    size_t len = strlen(word);
    cr_assert_leq(len, sizeof k);
    for (size_t i = 0; i < len; i++)
        k[i / 8] |= (uint64_t)(unsigned char)word[i] << (8 * (i % 8));
    unsigned syllables, flags;
    return rs__word_table_find(&rs__word_facts_table, k[0], k[1], len, &syllables, &flags);
}

Test(wordfacts, list_words_and_their_inflections)
{
    /* "about", "play" and "the" are on the lists; the forms are made from them */
    static const char *const present[] = {"about", "play", "plays", "played", "playing",
                                          "play's", "the", "baby", "babies", "babied", "boxes",
                                          "hope", "hoped", "hoping"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        cr_expect(has(present[i]), "%s", present[i]);
    static const char *const absent[] = {"qzxv", "About", "playzzz", "abcdefghijklmnopq", ""};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        cr_expect(!has(absent[i]), "%s", absent[i]);
}

/* A word the table holds and one it does not are measured alike, through
   the cache, as rs__word_describe() finds them. */
Test(wordfacts, the_cache_answers_table_words_as_describe_does)
{
    static const char text[] = "Playing babies hoped Qzxvorth about the extraordinary boxes";
    size_t len = sizeof text - 1;
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec toks = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&a, text, 0, len, &toks, &stats), RS_OK);
    rs__word_cache cache = {0};
    rs__strset set = {0};
    for (size_t i = 0; i < toks.count; i++) {
        const rs__token *t = &toks.items[i];
        if (t->type != RS_TOK_WORD)
            continue;
        rs__word_info wi;
        rs__word_describe(text, t, i == 0, &wi);
        rs__word_facts wf;
        cr_assert_eq(rs__word_measure_lex(&a, &cache, &set, text, len, t, i == 0, true, &wf),
                     RS_OK);
        int n = (int)(t->end - t->start);
        cr_expect_eq(wf.syllables, wi.syllables, "%.*s", n, text + t->start);
        cr_expect_eq((wf.bits & RS_WORD_DIFFICULT) != 0, wi.difficult, "%.*s", n, text + t->start);
        cr_expect_eq((wf.bits & RS_WORD_UNFAMILIAR) != 0, wi.unfamiliar, "%.*s", n, text + t->start);
        cr_expect_eq((wf.bits & RS_WORD_COMPLEX) != 0, wi.complex, "%.*s", n, text + t->start);
        cr_expect_eq(wf.lex, rs__word_lex(wi.key, wi.key_len), "%.*s", n, text + t->start);
    }
    rs__word_cache_free(&cache, &a);
    rs__strset_free(&set, &a);
    rs__free(&a, toks.items, toks.cap * sizeof *toks.items);
}
