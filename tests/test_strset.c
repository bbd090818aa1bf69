/* The set of unfamiliar words: ids in the order keys first came, every key
   told apart from every other whatever its length or bytes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strset.h"
#include "helpers.h"

Test(strset, ids_are_the_order_of_first_insertion)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    static const char *const words[] = {"harbour", "ferry", "harbour", "toll", "ferry", "pier"};
    static const uint32_t want[] = {0, 1, 0, 2, 1, 3};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        uint32_t id = 99;
        cr_assert_eq(rs__strset_add(&set, &a, words[i], strlen(words[i]), &id), RS_OK);
        cr_expect_eq(id, want[i], "%s", words[i]);
    }
    cr_expect_eq(set.count, 4u);
    uint32_t id = 99;
    cr_expect(rs__strset_find(&set, "toll", 4, &id));
    cr_expect_eq(id, 2u);
    cr_expect_not(rs__strset_find(&set, "tol", 3, &id));
    cr_expect_not(rs__strset_find(&set, "tolls", 5, &id));
    cr_expect_not(rs__strset_find(&set, "Toll", 4, NULL));
    rs__strset_free(&set, &a);
}

/* Prefixes of one another, keys that differ in one byte at every position
   and keys with zero bytes in them, across the 8-byte steps of the hash. */
Test(strset, keys_that_differ_in_length_or_one_byte)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    char base[41];
    memset(base, 'x', sizeof base);
    uint32_t next = 0;
    for (size_t len = 0; len <= 40; len++) {
        uint32_t id;
        cr_assert_eq(rs__strset_add(&set, &a, base, len, &id), RS_OK);
        cr_expect_eq(id, next++, "prefix of %zu", len);
        for (size_t at = 0; at < len; at++) {
            char k[41];
            memcpy(k, base, len);
            k[at] = '\0';
            cr_assert_eq(rs__strset_add(&set, &a, k, len, &id), RS_OK);
            cr_expect_eq(id, next++, "length %zu, zero at %zu", len, at);
        }
    }
    cr_expect_eq(set.count, next);
    /* all of them again: nothing new */
    uint32_t again = 0;
    for (size_t len = 0; len <= 40; len++) {
        uint32_t id;
        cr_assert_eq(rs__strset_add(&set, &a, base, len, &id), RS_OK);
        cr_expect_eq(id, again++);
        for (size_t at = 0; at < len; at++) {
            char k[41];
            memcpy(k, base, len);
            k[at] = '\0';
            cr_assert(rs__strset_find(&set, k, len, &id));
            cr_expect_eq(id, again++);
        }
    }
    cr_expect_eq(set.count, next);
    rs__strset_free(&set, &a);
}

/* Short keys are copied as two eights where the bytes have room for them
   (and byte by byte where not): every key stays as it came, whatever
   follows it. */
Test(strset, keys_are_kept_byte_for_byte)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    char keys[300][20];
    size_t lens[300];
    for (size_t i = 0; i < 300; i++) {
        /* "i." makes each its own; letters pad it to 2 to 19 bytes */
        size_t n = (size_t)snprintf(keys[i], sizeof keys[i], "%zu.", i);
        lens[i] = 1 + (i * 7) % 19 > n ? 1 + (i * 7) % 19 : n;
        for (size_t j = n; j < lens[i]; j++)
            keys[i][j] = (char)('a' + (i * 31 + j * 17) % 26);
        uint32_t id;
        cr_assert_eq(rs__strset_add(&set, &a, keys[i], lens[i], &id), RS_OK);
        cr_assert_eq(id, set.count - 1);
    }
    for (size_t i = 0; i < set.count; i++) {
        const struct rs__strset_entry *e = &set.entries[i];
        uint32_t id;
        cr_assert(rs__strset_find(&set, set.bytes + e->offset, e->len, &id));
        cr_expect_eq(id, i);
    }
    for (size_t i = 0; i < 300; i++) {
        uint32_t id;
        cr_assert(rs__strset_find(&set, keys[i], lens[i], &id), "key %zu", i);
        cr_expect_eq(set.entries[id].len, lens[i]);
        cr_expect_eq(memcmp(set.bytes + set.entries[id].offset, keys[i], lens[i]), 0, "key %zu", i);
    }
    rs__strset_free(&set, &a);
}

Test(strset, grows_past_what_the_first_key_reserves)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    enum { N = 20000 };
    char k[32];
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(k, sizeof k, "w%u-%s", i, i % 3 ? "long-enough-suffix" : "");
        uint32_t id;
        cr_assert_eq(rs__strset_add(&set, &a, k, (size_t)n, &id), RS_OK);
        cr_assert_eq(id, i);
    }
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(k, sizeof k, "w%u-%s", i, i % 3 ? "long-enough-suffix" : "");
        uint32_t id;
        cr_assert(rs__strset_find(&set, k, (size_t)n, &id), "%s", k);
        cr_assert_eq(id, i);
    }
    cr_expect_eq(set.count, N);
    cr_expect_leq(2 * set.count, set.nslots, "at most half full");
    rs__strset_free(&set, &a);
}

Test(strset, clear_forgets_keys_and_changes_the_epoch)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    uint32_t id;
    cr_assert_eq(rs__strset_add(&set, &a, "one", 3, &id), RS_OK);
    cr_assert_eq(rs__strset_add(&set, &a, "two", 3, &id), RS_OK);
    uint64_t epoch = set.epoch;
    rs__strset_clear(&set);
    cr_expect_neq(set.epoch, epoch);
    cr_expect_not(rs__strset_find(&set, "one", 3, NULL));
    cr_assert_eq(rs__strset_add(&set, &a, "two", 3, &id), RS_OK);
    cr_expect_eq(id, 0u);
    rs__strset_free(&set, &a);
    cr_expect_not(rs__strset_find(&set, "two", 3, NULL));
}

/* An allocator that refuses once its budget of allocations is spent. */
typedef struct budget {
    int left;
} budget;

static void *limited_realloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    (void)old_size;
    budget *b = ud;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    if (b->left-- <= 0)
        return NULL;
    return realloc(ptr, new_size);
}

Test(strset, out_of_memory_keeps_what_was_added)
{
    for (int allowed = 0; allowed < 12; allowed++) {
        budget b = {allowed};
        rs_allocator a = {limited_realloc, &b};
        rs__strset set = {0};
        char k[16];
        uint32_t added = 0;
        rs_status st = RS_OK;
        for (uint32_t i = 0; i < 1000 && st == RS_OK; i++) {
            int n = snprintf(k, sizeof k, "key%u", i);
            uint32_t id;
            st = rs__strset_add(&set, &a, k, (size_t)n, &id);
            if (st == RS_OK)
                cr_assert_eq(id, added++);
        }
        cr_expect(st == RS_OK || st == RS_ERR_NOMEM, "budget %d", allowed);
        cr_expect_eq(set.count, added);
        for (uint32_t i = 0; i < added; i++) {
            int n = snprintf(k, sizeof k, "key%u", i);
            uint32_t id;
            cr_expect(rs__strset_find(&set, k, (size_t)n, &id), "budget %d: %s", allowed, k);
            cr_expect_eq(id, i);
        }
        rs__strset_free(&set, &a);
    }
}

/* A key given as eights is the same key as its bytes: either way of adding
   finds what the other added, at every length from 1 to 16, zero bytes
   inside included. */
Test(strset, short_keys_as_eights_are_their_bytes)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    char keys[200][16];
    size_t lens[200];
    for (size_t i = 0; i < 200; i++) {
        lens[i] = 1 + i % 16;
        for (size_t j = 0; j < lens[i]; j++)
            keys[i][j] = (char)('a' + (i * 7 + j * 3) % 26);
        if (i % 5 == 0 && lens[i] > 2)
            keys[i][lens[i] / 2] = '\0';
    }
    for (size_t i = 0; i < 200; i++) {
        uint64_t w[2];
        pack_eights(keys[i], lens[i], w);
        uint32_t id = 999;
        if (i % 2)
            cr_assert_eq(rs__strset_add_short(&set, &a, w[0], w[1], lens[i], &id), RS_OK);
        else
            cr_assert_eq(rs__strset_add(&set, &a, keys[i], lens[i], &id), RS_OK);
        cr_expect_eq(id, (uint32_t)i, "key %zu", i);
    }
    for (size_t i = 0; i < 200; i++) {
        uint64_t w[2];
        pack_eights(keys[i], lens[i], w);
        uint32_t id = 999;
        if (i % 2)
            cr_assert_eq(rs__strset_add(&set, &a, keys[i], lens[i], &id), RS_OK);
        else
            cr_assert_eq(rs__strset_add_short(&set, &a, w[0], w[1], lens[i], &id), RS_OK);
        cr_expect_eq(id, (uint32_t)i, "key %zu again", i);
        cr_expect(rs__strset_find(&set, keys[i], lens[i], &id));
        cr_expect_eq(id, (uint32_t)i);
    }
    cr_expect_eq(set.count, 200u);
    /* a prefix padded with zeros is another key */
    uint32_t id;
    cr_assert_eq(rs__strset_add_short(&set, &a, '~', 0, 2, &id), RS_OK);
    cr_expect_eq(id, 200u);
    cr_assert_eq(rs__strset_add(&set, &a, "~", 1, &id), RS_OK);
    cr_expect_eq(id, 201u);
    rs__strset_free(&set, &a);
}

/* Reserving changes no id and no answer, whether keys came before it or
   not, and the keys reserved for fit without the arrays growing again. */
Test(strset, reserve_keeps_keys_and_makes_room)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__strset set = {0};
    char key[32];
    uint32_t id;
    for (int i = 0; i < 10; i++) {
        int n = snprintf(key, sizeof key, "early%d", i);
        cr_assert_eq(rs__strset_add(&set, &a, key, (size_t)n, &id), RS_OK);
    }
    cr_assert_eq(rs__strset_reserve(&set, &a, 500, 500 * 8), RS_OK);
    size_t nslots = set.nslots, entries_cap = set.entries_cap, bytes_cap = set.bytes_cap;
    cr_expect_geq(nslots, 1000u);
    for (int i = 0; i < 10; i++) {
        int n = snprintf(key, sizeof key, "early%d", i);
        cr_expect(rs__strset_find(&set, key, (size_t)n, &id));
        cr_expect_eq(id, (uint32_t)i);
    }
    for (int i = 10; i < 500; i++) {
        int n = snprintf(key, sizeof key, "w%d", i);
        cr_assert_eq(rs__strset_add(&set, &a, key, (size_t)n, &id), RS_OK);
        cr_expect_eq(id, (uint32_t)i);
    }
    cr_expect_eq(set.nslots, nslots);
    cr_expect_eq(set.entries_cap, entries_cap);
    cr_expect_eq(set.bytes_cap, bytes_cap);
    /* never shrinks */
    cr_assert_eq(rs__strset_reserve(&set, &a, 4, 16), RS_OK);
    cr_expect_eq(set.nslots, nslots);
    cr_expect(rs__strset_find(&set, "w499", 4, &id));
    cr_expect_eq(id, 499u);
    rs__strset_free(&set, &a);
}
