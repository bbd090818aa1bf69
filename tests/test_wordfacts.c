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

/* The key a code stands for, spelled out letter by letter. */
static size_t decode(uint64_t code, char out[RS_WORD_TABLE_KEY + 1])
{
    size_t len = 0;
    for (; len < RS_WORD_CODE_LETTERS; len++) {
        unsigned c = (unsigned)(code >> (5 * len)) & 0x1F;
        if (c == 0)
            break;
        cr_assert(c <= 26 || c == RS_WORD_CODE_APOSTROPHE, "code %u", c);
        out[len] = c == RS_WORD_CODE_APOSTROPHE ? '\'' : (char)('a' + c - 1);
    }
    out[len] = '\0';
    return len;
}

static void pack(const char *word, size_t len, uint64_t k[2])
{
    k[0] = k[1] = 0;
    for (size_t i = 0; i < len; i++)
        k[i / 8] |= (uint64_t)(unsigned char)word[i] << (8 * (i % 8));
}

/* The table's answer for key is the rules' answer. */
static void expect_rules(const char *key, size_t len, uint32_t facts)
{
    unsigned syllables;
    unsigned flags = rs__word_ascii_rules(key, len, &syllables);
    cr_expect_eq(facts & 0xFF, syllables, "%s: syllables", key);
    cr_expect_eq((facts >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF, flags, "%s: flags", key);
    uint64_t k[2];
    pack(key, len, k);
    unsigned found_syllables = 0, found_flags = 0;
    cr_expect(rs__word_table_find(&rs__word_facts_table, k[0], k[1], len, &found_syllables,
                                  &found_flags),
              "%s is found", key);
    cr_expect_eq(found_syllables, syllables, "%s: syllables found", key);
    cr_expect_eq(found_flags, flags, "%s: flags found", key);
}

Test(wordfacts, every_coded_entry_is_what_the_rules_say)
{
    const rs__word_table *t = &rs__word_facts_table;
    cr_assert_gt(t->code_count, 100000u, "the lists, their inflections and CMUdict are there");
    for (size_t e = 0; e < t->code_count; e++) {
        char key[RS_WORD_TABLE_KEY + 1];
        size_t len = decode(t->codes[e] & RS_WORD_CODE_MASK, key);
        cr_assert(len > 0, "entry %zu has a key", e);
        uint64_t k[2];
        pack(key, len, k);
        cr_expect_eq(rs__word_code(k[0], k[1], len), t->codes[e] & RS_WORD_CODE_MASK,
                     "%s: coded alike", key);
        size_t p = (size_t)(t->codes[e] >> RS_WORD_CODE_BITS);
        cr_assert_lt(p, t->palette_count, "%s: palette index", key);
        expect_rules(key, len, t->palette[p]);
    }
}

Test(wordfacts, every_uncoded_entry_is_what_the_rules_say)
{
    const rs__word_table *t = &rs__word_facts_table;
    cr_assert_gt(t->count, 1000u, "long words and hyphenated ones are there");
    for (size_t e = 0; e < t->count; e++) {
        char key[RS_WORD_TABLE_KEY + 1];
        size_t len = key_of(t, e, key);
        cr_assert(len > 0 && len <= RS_WORD_TABLE_KEY, "entry %zu: length %zu", e, len);
        cr_expect_eq(rs__word_code(t->keys[e][0], t->keys[e][1], len), 0u,
                     "%s would have a code", key);
        expect_rules(key, len, t->facts[e]);
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

Test(wordfacts, every_code_is_in_its_own_bucket_once)
{
    const rs__word_table *t = &rs__word_facts_table;
    size_t nbuckets = (size_t)1 << t->bucket_bits;
    cr_expect_eq(t->starts[0], 0u);
    cr_expect_eq(t->starts[nbuckets], t->code_count);
    for (size_t b = 0; b < nbuckets; b++) {
        cr_assert_leq(t->starts[b], t->starts[b + 1]);
        for (size_t i = t->starts[b]; i < t->starts[b + 1]; i++) {
            uint64_t code = t->codes[i] & RS_WORD_CODE_MASK;
            cr_expect_eq(rs__word_code_bucket(code, t->bucket_bits), b);
            for (size_t j = t->starts[b]; j < i; j++)
                cr_expect_neq(t->codes[j] & RS_WORD_CODE_MASK, code, "a code twice");
        }
    }
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
    static const char *const absent[] = {"qzxv", "About", "playzzz", "abcdefghijklmnopq", "",
                                         "play1", "pl-ay", "qzxvorthington"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        cr_expect(!has(absent[i]), "%s", absent[i]);
}

Test(wordfacts, cmudict_words_coded_or_not)
{
    /* none is on a list: short, long (13 and 16 bytes), apostrophes, a hyphen */
    static const char *const present[] = {"council",       "ferries",   "westport",
                                          "transportation", "o'brien",  "rock'n'roll",
                                          "extraordinary", "well-known", "x"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        cr_expect(has(present[i]), "%s", present[i]);
}

/* Keys of letters and apostrophes up to the code's length have a code,
   one of their own; every other key has none. */
Test(wordfacts, codes)
{
    static const char *const coded[] = {"a", "g", "'", "z'", "zz", "abcdefgh", "abcdefghi",
                                        "abcdefghijk", "'''''''''''", "zzzzzzzzzzz"};
    uint64_t codes[sizeof coded / sizeof coded[0]];
    for (size_t i = 0; i < sizeof coded / sizeof coded[0]; i++) {
        uint64_t k[2];
        size_t len = strlen(coded[i]);
        pack(coded[i], len, k);
        codes[i] = rs__word_code(k[0], k[1], len);
        cr_expect_neq(codes[i], 0u, "%s has a code", coded[i]);
        cr_expect_leq(codes[i], RS_WORD_CODE_MASK, "%s fits", coded[i]);
        char back[RS_WORD_TABLE_KEY + 1];
        cr_expect_eq(decode(codes[i], back), len, "%s", coded[i]);
        cr_expect_str_eq(back, coded[i]);
        for (size_t j = 0; j < i; j++)
            cr_expect_neq(codes[i], codes[j], "%s and %s", coded[i], coded[j]);
    }
    static const char *const uncoded[] = {"",       "abcdefghijkl", "A",     "a-b",  "a.",
                                          "a b",    "abc1",         "`",     "{",    "@",
                                          "abcdefgh-", "abcdefghi{", "ab\x7f", "\x01"};
    for (size_t i = 0; i < sizeof uncoded / sizeof uncoded[0]; i++) {
        uint64_t k[2];
        size_t len = strlen(uncoded[i]);
        pack(uncoded[i], len, k);
        cr_expect_eq(rs__word_code(k[0], k[1], len), 0u, "%s has no code", uncoded[i]);
    }
    /* bytes of 0x80 and above are not keys the code reads */
    uint64_t k[2] = {0xE9 | (uint64_t)'a' << 8, 0};
    cr_expect_eq(rs__word_code(k[0], k[1], 2), 0u);
}

/* A word the table holds and one it does not are measured alike, through
   the cache, as rs__word_describe() finds them. */
Test(wordfacts, the_cache_answers_table_words_as_describe_does)
{
    static const char text[] =
        "Playing babies hoped Qzxvorth about the extraordinary boxes of Westport's O'Brien";
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
