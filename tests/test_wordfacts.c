/* The table of word facts the build precomputes agrees with the rules. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "helpers.h"
#include "text/wordfacts.h"
#include "text/wordinfo.h"

/* The key a stored key stands for, and its length. */
static size_t key_of(uint64_t k0, uint64_t k1, char out[RS_WORD_TABLE_KEY + 1])
{
    uint64_t k[2] = {k0 & ~RS_WORD_TABLE_HIGH, k1};
    size_t len = 0;
    while (len < RS_WORD_TABLE_KEY && (k[len / 8] >> (8 * (len % 8)) & 0xFF))
        len++;
    for (size_t i = 0; i < len; i++)
        out[i] = (char)(k[i / 8] >> (8 * (i % 8)));
    out[len] = '\0';
    return len;
}

static bool find(const char *key, size_t len, unsigned *syllables, unsigned *flags)
{
    uint64_t k[2];
    pack_eights(key, len < RS_WORD_TABLE_KEY ? len : RS_WORD_TABLE_KEY, k); /* longer: never found */
    return rs__word_table_find(&rs__word_facts_table, k[0], k[1], len,
                               rs__word_table_hash(k[0], k[1]), syllables, flags);
}

/* The table's answer for key is the rules' answer. */
static void expect_rules(const char *key, size_t len, uint32_t facts)
{
    unsigned syllables;
    unsigned flags = rs__word_ascii_rules(key, len, &syllables);
    cr_expect_eq(facts & 0xFF, syllables, "%s: syllables", key);
    cr_expect_eq((facts >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF, flags, "%s: flags", key);
    unsigned found_syllables = 0, found_flags = 0;
    cr_expect(find(key, len, &found_syllables, &found_flags), "%s is found", key);
    cr_expect_eq(found_syllables, syllables, "%s: syllables found", key);
    cr_expect_eq(found_flags, flags, "%s: flags found", key);
}

/* A part of the table as the tests walk it: slot i's words are
   keys[i * stride] and, for long keys, keys[i * stride + 1]. */
typedef struct part_view {
    const uint64_t *keys;
    size_t stride, slots;
    const uint8_t *overflow;
    uint32_t count, lines;
    bool long_keys;
} part_view;

static part_view short_part(void)
{
    const rs__word_table *t = &rs__word_facts_table;
    return (part_view){t->short_keys, 1, RS_WORD_TABLE_SHORT_SLOTS, t->short_overflow,
                       t->short_count, t->short_lines, false};
}

static part_view long_part(void)
{
    const rs__word_table *t = &rs__word_facts_table;
    return (part_view){&t->long_keys[0][0], 2, RS_WORD_TABLE_LONG_SLOTS, t->long_overflow,
                       t->long_count, t->long_lines, true};
}

/* How many slots of line hold the key k0, k1. */
static size_t in_line(const part_view *p, size_t line, uint64_t k0, uint64_t k1)
{
    size_t n = 0;
    for (size_t i = line * p->slots; i < (line + 1) * p->slots; i++)
        n += ((p->keys[i * p->stride] ^ k0) & ~RS_WORD_TABLE_HIGH) == 0
             && (!p->long_keys || p->keys[i * p->stride + 1] == k1);
    return n;
}

/* Every key of a part: what the rules say, in its first line or else in
   its second with its fingerprint in the first's overflow byte, once. */
static void check_part(const part_view *p)
{
    const rs__word_table *t = &rs__word_facts_table;
    cr_assert_eq((uintptr_t)p->keys % RS_WORD_TABLE_LINE, 0u, "lines are cache lines");
    cr_assert_eq(p->slots * p->stride * sizeof *p->keys, (size_t)RS_WORD_TABLE_LINE);
    size_t keys = 0, second = 0;
    for (size_t i = 0; i < (size_t)p->lines * p->slots; i++) {
        uint64_t k0 = p->keys[i * p->stride], k1 = p->long_keys ? p->keys[i * p->stride + 1] : 0;
        char key[RS_WORD_TABLE_KEY + 1];
        size_t len = key_of(k0, k1, key);
        if (len == 0) {
            cr_expect_eq(k0 & ~RS_WORD_TABLE_HIGH, 0u, "slot %zu: empty", i);
            cr_expect_eq(k1, 0u, "slot %zu: empty", i);
            continue;
        }
        keys++;
        cr_assert(p->long_keys ? len > RS_WORD_TABLE_SHORT_KEY : len <= RS_WORD_TABLE_SHORT_KEY,
                  "slot %zu: length %zu", i, len);
        cr_expect_eq(k1 & RS_WORD_TABLE_HIGH, 0u, "%s: ASCII", key);
        uint64_t packed[2];
        pack_eights(key, len, packed);
        cr_expect_eq(packed[0], k0 & ~RS_WORD_TABLE_HIGH, "%s: no byte past its length", key);
        cr_expect_eq(packed[1], k1, "%s: no byte past its length", key);
        uint64_t hash = rs__word_table_hash(packed[0], packed[1]);
        uint64_t rehash = rs__word_table_rehash(hash);
        size_t first = rs__word_table_line(hash, p->lines);
        size_t other = rs__word_table_line(rehash, p->lines);
        cr_assert_lt(first, p->lines);
        cr_assert_lt(other, p->lines);
        if (i / p->slots != first) {
            second++;
            cr_expect_eq(i / p->slots, other, "%s: in its first line or its second", key);
            cr_expect(p->overflow[first] & rs__word_table_fingerprint(rehash),
                      "%s: its first line says it overflowed", key);
        }
        cr_expect_eq(in_line(p, first, packed[0], packed[1])
                         + (other != first ? in_line(p, other, packed[0], packed[1]) : 0),
                     1u, "%s once", key);
        unsigned pi = rs__word_table_palette_index(k0);
        cr_assert_lt(pi, t->palette_count, "%s: palette index", key);
        expect_rules(key, len, t->palette[pi]);
    }
    cr_expect_eq(keys, p->count);
    /* the build's lines leave room, so most keys are in their first line */
    cr_expect_lt(second * 3, keys, "%zu of %zu keys in their second line", second, keys);
}

Test(wordfacts, every_short_key_is_what_the_rules_say)
{
    part_view p = short_part();
    cr_assert_gt(p.count, 50000u, "the lists, their inflections and CMUdict are there");
    check_part(&p);
}

Test(wordfacts, every_long_key_is_what_the_rules_say)
{
    part_view p = long_part();
    cr_assert_gt(p.count, 20000u, "long words are there");
    check_part(&p);
}

/* The keys of both parts as 16 bytes each (zero padded), sorted. */
typedef struct key_list {
    uint64_t (*keys)[2];
    size_t count;
} key_list;

static int compare_keys(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

static void collect(const part_view *p, key_list *list)
{
    for (size_t i = 0; i < (size_t)p->lines * p->slots; i++) {
        uint64_t k0 = p->keys[i * p->stride] & ~RS_WORD_TABLE_HIGH;
        if (k0) {
            list->keys[list->count][0] = k0;
            list->keys[list->count][1] = p->long_keys ? p->keys[i * p->stride + 1] : 0;
            list->count++;
        }
    }
}

static bool listed(const key_list *list, const char *key, size_t len)
{
    uint64_t k[2];
    pack_eights(key, len, k);
    return bsearch(k, list->keys, list->count, sizeof *list->keys, compare_keys) != NULL;
}

/* The keys next to every key (one more letter, or its last changed) are
   found exactly when the table has them, with the rules' facts: words
   the table lacks are decided right, whatever their lines hold. */
Test(wordfacts, neighbours_of_keys_are_found_only_if_they_are_keys)
{
    part_view parts[2] = {short_part(), long_part()};
    key_list list = {calloc(parts[0].count + parts[1].count, sizeof *list.keys), 0};
    cr_assert_not_null(list.keys);
    collect(&parts[0], &list);
    collect(&parts[1], &list);
    cr_assert_eq(list.count, (size_t)parts[0].count + parts[1].count);
    qsort(list.keys, list.count, sizeof *list.keys, compare_keys);
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz'-0";
    size_t found = 0, lacking = 0;
    for (size_t n = 0; n < list.count; n++) {
        char key[RS_WORD_TABLE_KEY + 1];
        size_t len = key_of(list.keys[n][0], list.keys[n][1], key);
        for (size_t c = 0; c < sizeof letters - 1; c++) {
            for (int grow = 0; grow < 2; grow++) {
                char other[RS_WORD_TABLE_KEY + 1];
                size_t other_len = grow ? len + 1 : len;
                if (other_len > RS_WORD_TABLE_KEY)
                    continue;
                memcpy(other, key, len);
                other[other_len - 1] = letters[c];
                unsigned syllables = 0, flags = 0;
                bool in_table = find(other, other_len, &syllables, &flags);
                cr_assert_eq(in_table, listed(&list, other, other_len), "%.*s",
                             (int)other_len, other);
                if (in_table) {
                    unsigned rule_syllables;
                    unsigned rule_flags = rs__word_ascii_rules(other, other_len, &rule_syllables);
                    cr_assert_eq(syllables, rule_syllables, "%.*s", (int)other_len, other);
                    cr_assert_eq(flags, rule_flags, "%.*s", (int)other_len, other);
                }
                found += in_table;
                lacking += !in_table;
            }
        }
    }
    cr_expect_gt(found, 10000u);
    cr_expect_gt(lacking, 1000000u);
    free(list.keys);
}

Test(wordfacts, palette_indexes_come_back_from_the_top_bits)
{
    for (unsigned i = 0; i < RS_WORD_TABLE_PALETTE_MAX; i++) {
        uint64_t bits = rs__word_table_palette_bits(i);
        cr_expect_eq(bits & ~RS_WORD_TABLE_HIGH, 0u);
        cr_expect_eq(rs__word_table_palette_index(bits), i);
        /* under any ASCII key */
        cr_expect_eq(rs__word_table_palette_index(bits | UINT64_C(0x7F7F7F7F7F7F7F7F)), i);
    }
}

/* The cache's hash of a miss places the table's probe. */
Test(wordfacts, the_table_hash_is_the_cache_hash)
{
    static const char *const words[] = {"a", "the", "playing", "abcdefgh", "abcdefghi",
                                        "transportation", "abcdefghijklmnop"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        uint64_t k[2];
        pack_eights(words[i], strlen(words[i]), k);
        cr_expect_eq(rs__word_table_hash(k[0], k[1]), rs__word_cache_hash(k[0], k[1], 0), "%s",
                     words[i]);
    }
}

/* A key with NUL bytes at its end has the bytes of a shorter one. */
Test(wordfacts, keys_ending_in_nul_are_not_found)
{
    unsigned syllables, flags;
    cr_assert(find("the", 3, &syllables, &flags));
    cr_expect(!find("the\0", 4, &syllables, &flags));
    cr_assert(find("transportation", 14, &syllables, &flags));
    cr_expect(!find("transportation\0", 15, &syllables, &flags));
    cr_assert(find("abandoned", 9, &syllables, &flags));
    cr_expect(!find("abandone\0", 9, &syllables, &flags));
}

static bool has(const char *word)
{
    size_t len = strlen(word);
    unsigned syllables, flags;
    return find(word, len, &syllables, &flags);
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

Test(wordfacts, cmudict_words_short_and_long)
{
    /* none is on a list: short, long (13 and 16 bytes), apostrophes, a hyphen */
    static const char *const present[] = {"council",       "ferries",   "westport",
                                          "transportation", "o'brien",  "rock'n'roll",
                                          "extraordinary", "well-known", "x"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        cr_expect(has(present[i]), "%s", present[i]);
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

/* Handed the key and hash a caller's cache probe made, a word is measured
   as from its bytes, first sighting or not, and the cache is filled alike. */
Test(wordfacts, measuring_from_the_key_is_measuring_from_the_bytes)
{
    static const char text[] = "Harbour ferries playing Qzxvorth well-known EXTRAORDINARY "
                               "o'brien harbour Ferries abcdefghijklmnop extraordinary";
    size_t len = sizeof text - 1;
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec toks = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&a, text, 0, len, &toks, &stats), RS_OK);
    rs__word_cache by_bytes = {0}, by_key = {0};
    rs__strset set = {0};
    size_t measured = 0;
    for (size_t i = 0; i < toks.count; i++) {
        const rs__token *t = &toks.items[i];
        if (t->type != RS_TOK_WORD || !rs__word_cache_may_hold(t))
            continue;
        size_t n = t->end - t->start;
        uint64_t k[2] = {0, 0};
        for (size_t j = 0; j < n; j++) {
            unsigned char c = (unsigned char)text[t->start + j];
            k[j / 8] |= (uint64_t)(c >= 'A' && c <= 'Z' ? c + 32 : c) << (8 * (j % 8));
        }
        bool initial = i == 0;
        rs__word_facts want, got;
        cr_assert_eq(rs__word_measure_slow(&a, &by_bytes, &set, text, t, initial, true, &want),
                     RS_OK);
        cr_assert_eq(rs__word_measure_ascii(&a, &by_key, &set, t, initial, true, k[0], k[1],
                                            rs__word_cache_hash(k[0], k[1], 0), &got),
                     RS_OK);
        int w = (int)n;
        cr_expect_eq(got.syllables, want.syllables, "%.*s", w, text + t->start);
        cr_expect_eq(got.bits, want.bits, "%.*s", w, text + t->start);
        cr_expect_eq(got.lex, want.lex, "%.*s", w, text + t->start);
        cr_expect_eq(got.fold_hash, want.fold_hash, "%.*s", w, text + t->start);
        cr_expect_eq(got.entry != NULL, want.entry != NULL, "%.*s", w, text + t->start);
        measured++;
    }
    cr_expect_geq(measured, 10u);
    cr_expect_eq(by_key.count, by_bytes.count, "one entry a key, either way");
    rs__word_cache_free(&by_bytes, &a);
    rs__word_cache_free(&by_key, &a);
    rs__strset_free(&set, &a);
    rs__free(&a, toks.items, toks.cap * sizeof *toks.items);
}

/* The seeds are the lexicon's English function words, with the facts the
   rules give them and the hash that places them. */
Test(wordfacts, seeds_are_english_function_words_as_the_rules_have_them)
{
    const rs__word_table *t = &rs__word_facts_table;
    cr_assert_gt(t->seed_count, 100u);
    bool the = false;
    for (size_t i = 0; i < t->seed_count; i++) {
        const rs__word_seed *seed = &t->seeds[i];
        char key[RS_WORD_TABLE_KEY + 1];
        size_t len = key_of(seed->k0, seed->k1, key);
        cr_assert_eq(len, seed->len, "seed %zu", i);
        for (size_t j = 0; j < len; j++)
            cr_expect(key[j] >= 'a' && key[j] <= 'z', "%s: letters only", key);
        cr_expect_eq(seed->hash, rs__word_cache_hash(seed->k0, seed->k1, 0), "%s", key);
        unsigned syllables;
        unsigned flags = rs__word_ascii_rules(key, len, &syllables);
        cr_expect_eq(seed->syllables, syllables, "%s", key);
        cr_expect_eq(seed->flags, flags | (len > 6 ? RS_WORD_LONG : 0u), "%s", key);
        cr_expect(rs__word_lex(key, len) & 1u, "%s: an English function word", key);
        the = the || strcmp(key, "the") == 0;
    }
    cr_expect(the);
}

/* A cache that starts with the seeds measures every word as one that
   starts empty, and keeps each seed once. */
Test(wordfacts, a_seeded_cache_measures_as_an_empty_one)
{
    static const char text[] = "The ferries of the harbour run until nine, and THE riders "
                               "said that they would rather take them than the bus; "
                               "Therefore, whoever ... the";
    size_t len = sizeof text - 1;
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec toks = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&a, text, 0, len, &toks, &stats), RS_OK);
    rs__word_cache seeded = {0}, empty = {0};
    rs__word_cache_expect(&seeded, 5000);
    cr_assert(seeded.seed, "a 5 KB text's first table has room for the seeds");
    rs__strset set = {0};
    for (size_t i = 0; i < toks.count; i++) {
        const rs__token *t = &toks.items[i];
        if (t->type != RS_TOK_WORD)
            continue;
        rs__word_facts want, got;
        cr_assert_eq(rs__word_measure_lex(&a, &empty, &set, text, len, t, i == 0, true, &want),
                     RS_OK);
        cr_assert_eq(rs__word_measure_lex(&a, &seeded, &set, text, len, t, i == 0, true, &got),
                     RS_OK);
        int n = (int)(t->end - t->start);
        cr_expect_eq(got.syllables, want.syllables, "%.*s", n, text + t->start);
        cr_expect_eq(got.bits & ~RS_WORD_KNOWN_ID, want.bits & ~RS_WORD_KNOWN_ID, "%.*s", n,
                     text + t->start);
        cr_expect_eq(got.lex, want.lex, "%.*s", n, text + t->start);
        cr_expect_eq(got.fold_hash, want.fold_hash, "%.*s", n, text + t->start);
    }
    /* every entry of the empty one's is in the seeded one, which adds the
       seeds the text did not have */
    size_t shared = 0;
    for (size_t i = 0; i < empty.nslots; i++) {
        const rs__word_cache_entry *e = &empty.slots[i];
        if (!e->tag)
            continue;
        bool found = false;
        for (size_t j = 0; j < seeded.nslots && !found; j++) {
            const rs__word_cache_entry *f = &seeded.slots[j];
            found = f->tag == e->tag && f->key[0] == e->key[0] && f->key[1] == e->key[1]
                    && f->key[2] == e->key[2];
            if (found) {
                cr_expect_eq(f->syllables, e->syllables);
                cr_expect_eq(f->flags, e->flags);
            }
        }
        cr_expect(found);
        shared++;
    }
    cr_expect_eq(shared, empty.count);
    size_t seeds_seen = 0;
    for (size_t i = 0; i < rs__word_facts_table.seed_count; i++) {
        const rs__word_seed *sd = &rs__word_facts_table.seeds[i];
        for (size_t j = 0; j < empty.nslots; j++)
            seeds_seen += empty.slots[j].tag && empty.slots[j].key[0] == sd->k0
                          && empty.slots[j].key[1] == sd->k1
                          && (empty.slots[j].tag & 31) == sd->len;
    }
    cr_expect_gt(seeds_seen, 5u, "the text has some function words");
    cr_expect_eq(seeded.count, empty.count + rs__word_facts_table.seed_count - seeds_seen);
    rs__word_cache_free(&seeded, &a);
    rs__word_cache_free(&empty, &a);
    rs__strset_free(&set, &a);
    rs__free(&a, toks.items, toks.cap * sizeof *toks.items);
}

Test(wordfacts, a_long_text_or_a_small_table_is_not_seeded)
{
    rs__word_cache c = {0};
    rs__word_cache_expect(&c, 1u << 20);
    cr_expect(!c.seed);
    rs__word_cache d = {0};
    rs__word_cache_expect(&d, 100);
    cr_expect(!d.seed, "64 slots have no room for the seeds");
}

/* A word with ’ (don’t, Westport’s) has an ASCII key, which the table may
   answer: rs__word_describe() gives what the rules give that key, whether
   the table has it or not. */
Test(wordfacts, curly_apostrophe_words_are_what_the_rules_say_of_their_key)
{
    static const char *const words[] = {"don\xE2\x80\x99t", "It\xE2\x80\x99s",
                                        "Westport\xE2\x80\x99s", "couldn\xE2\x80\x99t",
                                        "Qzxvorth\xE2\x80\x99s", "rock\xE2\x80\x99n\xE2\x80\x99roll",
                                        "o\342\200\231brien" /* octal: b is a hex digit */};
    unsigned in_table = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *w = words[i];
        size_t len = strlen(w);
        rs__token t = {.start = 0, .end = len, .type = RS_TOK_WORD, .kind = RS_WORD_PLAIN};
        for (size_t j = 0; j < len; j++)
            t.letters += (w[j] >= 'a' && w[j] <= 'z') || (w[j] >= 'A' && w[j] <= 'Z');
        rs__word_info wi;
        rs__word_describe(w, &t, true, &wi);
        cr_assert_gt(wi.key_len, 0u, "%s has a key", w);
        unsigned syllables;
        unsigned flags = rs__word_ascii_rules(wi.key, wi.key_len, &syllables);
        cr_expect_eq(wi.syllables, syllables, "%s: syllables", w);
        cr_expect_eq(wi.difficult, (flags & RS_WORD_DIFFICULT) != 0, "%s: difficult", w);
        cr_expect_eq(wi.unfamiliar, (flags & RS_WORD_UNFAMILIAR) != 0, "%s: unfamiliar", w);
        cr_expect_eq(wi.complex, (flags & RS_WORD_COMPLEX) != 0, "%s: complex", w);
        unsigned s, f;
        in_table += find(wi.key, wi.key_len, &s, &f);
    }
    cr_expect_geq(in_table, 3u, "don't, it's and couldn't are CMUdict words");
    cr_expect_lt(in_table, sizeof words / sizeof words[0], "Qzxvorth's is not");
}

/* A word too long for a key of its own is counted under a digest: the same
   word, the same key; a word one byte apart, another; never a word's bytes. */
Test(wordfacts, long_unfamiliar_words_are_kept_as_digests)
{
    size_t len = 100000;
    char *a = malloc(len), *b = malloc(len);
    cr_assert(a && b);
    for (size_t i = 0; i < len; i++)
        a[i] = b[i] = (char)('a' + i % 26);
    b[len / 2] = 'Z';
    char buf_a[RS_WORD_KEY_MAX], buf_a2[RS_WORD_KEY_MAX], buf_b[RS_WORD_KEY_MAX];
    size_t la, la2, lb;
    const char *ka = rs__word_unfamiliar_key(a, len, buf_a, &la);
    const char *ka2 = rs__word_unfamiliar_key(a, len, buf_a2, &la2);
    const char *kb = rs__word_unfamiliar_key(b, len, buf_b, &lb);
    cr_expect_eq(la, 25);
    cr_expect(la == la2 && memcmp(ka, ka2, la) == 0, "the same word, the same key");
    cr_expect(la == lb && memcmp(ka, kb, la) != 0, "another word, another key");
    cr_expect_eq(ka[0], '\0', "no word starts with NUL");
    /* up to 256 bytes a word is its own key, as it always was */
    size_t l256;
    const char *k256 = rs__word_unfamiliar_key(a, 256, buf_b, &l256);
    cr_expect(k256 == a && l256 == 256);
    free(a);
    free(b);
}

/* An allocator hook that never grows a block where it is: the old one is
   scribbled over and freed, so a table that kept using it would show. */
static void *moving_realloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    size_t *moves = ud;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    void *p = malloc(new_size);
    if (p && ptr) {
        memcpy(p, ptr, old_size < new_size ? old_size : new_size);
        memset(ptr, 0xA5, old_size);
        free(ptr);
        (*moves)++;
    }
    return p;
}

/* Every filled slot is reached from the slot its hash picks through filled
   slots only, and the count is the filled slots'. */
static void expect_probe_runs_hold(const rs__word_cache *c)
{
    size_t filled = 0;
    for (size_t i = 0; i < c->nslots; i++) {
        const rs__word_cache_entry *e = &c->slots[i];
        if (!e->tag)
            continue;
        filled++;
        size_t s = (size_t)(rs__word_cache_hash(e->key[0], e->key[1], e->key[2]) >> c->shift);
        while (s != i && c->slots[s].tag)
            s = (s + 1) & (c->nslots - 1);
        cr_expect_eq(s, i, "slot %zu of %zu is cut off from where its hash points", i,
                     c->nslots);
    }
    cr_expect_eq(filled, c->count);
}

/* A word of letters only for each n, a different one for each ("q", then
   n's base-26 digits as letters). */
static size_t word_for(size_t n, char *out)
{
    size_t len = 0;
    out[len++] = 'q';
    do {
        out[len++] = (char)('a' + n % 26);
        n /= 26;
    } while (n);
    return len;
}

/* A cache doubled again and again, a probe run wrapping past its end
   among them, keeps every word where it is found, with its answers. */
static void grow_and_find(rs_allocator *a)
{
    enum { WORDS = 3000, FIRST_SLOTS = 64, WRAPPING = 6 };
    size_t picked[WORDS];
    size_t npicked = 0;
    /* first some words whose hash picks the first table's last slot */
    for (size_t n = 0; npicked < WRAPPING; n++) {
        char w[16];
        uint64_t k[2];
        pack_eights(w, word_for(n + 1000000, w), k);
        if (rs__word_cache_hash(k[0], k[1], 0) >> 58 == FIRST_SLOTS - 1)
            picked[npicked++] = n + 1000000;
    }
    for (size_t n = 0; npicked < WORDS; n++)
        picked[npicked++] = n;
    char *text = malloc(WORDS * 16);
    cr_assert(text);
    size_t len = 0;
    for (size_t i = 0; i < WORDS; i++) {
        len += word_for(picked[i], text + len);
        text[len++] = ' ';
    }
    rs__token_vec toks = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(a, text, 0, len, &toks, &stats), RS_OK);
    cr_assert_eq(toks.count, 2 * WORDS, "a word and a space each");
    rs__word_cache cache = {0};
    rs__word_cache_expect(&cache, 100);
    rs__strset set = {0};
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < toks.count; i += 2) {
            const rs__token *t = &toks.items[i];
            rs__word_info wi;
            rs__word_describe(text, t, false, &wi);
            rs__word_facts wf;
            cr_assert_eq(rs__word_measure_lex(a, &cache, &set, text, len, t, false, true, &wf),
                         RS_OK);
            int n = (int)(t->end - t->start);
            cr_expect_eq(wf.syllables, wi.syllables, "%.*s", n, text + t->start);
            cr_expect_eq((wf.bits & RS_WORD_DIFFICULT) != 0, wi.difficult, "%.*s", n,
                         text + t->start);
            cr_expect_eq((wf.bits & RS_WORD_COMPLEX) != 0, wi.complex, "%.*s", n, text + t->start);
            if (pass == 0 && i == 2 * (WRAPPING - 1)) {
                cr_assert_eq(cache.nslots, (size_t)FIRST_SLOTS);
                const rs__word_cache_entry *e = &cache.slots[0];
                cr_assert(e->tag, "the probe run wraps to slot 0");
                cr_assert_eq(rs__word_cache_hash(e->key[0], e->key[1], e->key[2]) >> cache.shift,
                             FIRST_SLOTS - 1);
            }
        }
        cr_expect_eq(cache.count, (size_t)WORDS, "each word kept once");
        expect_probe_runs_hold(&cache);
    }
    cr_expect_geq(cache.nslots, (size_t)FIRST_SLOTS * 64, "the table doubled six times");
    rs__word_cache_free(&cache, a);
    rs__strset_free(&set, a);
    rs__free(a, toks.items, toks.cap * sizeof *toks.items);
    free(text);
}

Test(wordfacts, a_growing_cache_keeps_every_word)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    grow_and_find(&a);
}

Test(wordfacts, a_growing_cache_keeps_every_word_when_the_allocator_moves_it)
{
    size_t moves = 0;
    rs_allocator a = {moving_realloc, &moves};
    grow_and_find(&a);
    cr_expect_geq(moves, 6u, "the table moved as it grew");
}
