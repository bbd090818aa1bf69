/*
 * The word cache's RS_WORD_ID_PENDING: an unfamiliar word's entry says it
 * keeps no id until rs__word_cache_keep_id() gives it one, and says so
 * again once the ids stop holding.  The measuring loop reads the flag with
 * the key's bits and sends a word whose id is not at hand the slow way, so
 * a flag that lied would count a wrong id or none.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strset.h"
#include "text/tokenizer.h"
#include "text/wordinfo.h"

typedef struct fixture {
    rs_allocator alloc;
    rs__token_vec toks;
    rs__word_cache cache;
    rs__strset set;
} fixture;

static const char text[] = "zorbleck the zorbleck Zorbleck";

static void setup(fixture *f)
{
    memset(f, 0, sizeof *f);
    f->alloc = rs__allocator_or_default(NULL);
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&f->alloc, text, 0, sizeof text - 1, &f->toks, &stats), RS_OK);
    cr_assert_eq(f->toks.count, 7u, "four words and three blanks");
}

static void teardown(fixture *f)
{
    rs__word_cache_free(&f->cache, &f->alloc);
    rs__strset_free(&f->set, &f->alloc);
    rs__free(&f->alloc, f->toks.items, f->toks.cap * sizeof *f->toks.items);
}

static rs__word_facts measure(fixture *f, size_t token, bool initial)
{
    rs__word_facts wf;
    cr_assert_eq(rs__word_measure_lex(&f->alloc, &f->cache, &f->set, text, sizeof text - 1,
                                      &f->toks.items[token], initial, true, &wf),
                 RS_OK);
    return wf;
}

/* The cache's entry of the ASCII word at token (its only entry of that key). */
static const rs__word_cache_entry *entry_of(const fixture *f, size_t token)
{
    const rs__token *t = &f->toks.items[token];
    size_t len = t->end - t->start;
    uint64_t k[2];
    rs__word_ascii_key16((const unsigned char *)text + t->start, len, false, k);
    for (size_t i = 0; i < f->cache.nslots; i++) {
        const rs__word_cache_entry *e = &f->cache.slots[i];
        if (e->tag == rs__word_cache_tag(len, RS_WORD_KIND_ASCII_LOWER) && e->key[0] == k[0]
            && e->key[1] == k[1])
            return e;
    }
    return NULL;
}

Test(word_pending, an_unfamiliar_entry_waits_for_its_id_and_keeps_it)
{
    fixture f;
    setup(&f);
    rs__word_facts first = measure(&f, 0, true);
    cr_assert(first.bits & RS_WORD_UNFAMILIAR);
    cr_expect_not(first.bits & RS_WORD_KNOWN_ID);
    const rs__word_cache_entry *e = entry_of(&f, 0);
    cr_assert_not_null(e);
    cr_expect(e->flags & RS_WORD_ID_PENDING);
    cr_expect_eq(first.entry, e);

    /* no id to keep (a full set): still pending */
    rs__word_cache_keep_id(&f.cache, &f.set, &first, UINT32_MAX);
    cr_expect(e->flags & RS_WORD_ID_PENDING);
    cr_expect_not(measure(&f, 4, false).bits & RS_WORD_KNOWN_ID);

    uint32_t id;
    cr_assert_eq(rs__strset_add(&f.set, &f.alloc, "zorbleck", 8, &id), RS_OK);
    rs__word_cache_keep_id(&f.cache, &f.set, &first, id);
    cr_expect_not(e->flags & RS_WORD_ID_PENDING);
    cr_expect_eq(e->unfamiliar, id);
    rs__word_facts again = measure(&f, 4, false);
    cr_expect(again.bits & RS_WORD_KNOWN_ID);
    cr_expect_eq(again.unfamiliar_id, id);
    /* the flag is the entry's, not the key's: the key's bits and the
       lexicon above them read as before */
    cr_expect_eq(again.bits & RS_WORD_KEY_BITS, first.bits & RS_WORD_KEY_BITS);
    cr_expect_eq(again.lex, first.lex);
    teardown(&f);
}

Test(word_pending, ids_that_stop_holding_make_the_entry_wait_again)
{
    fixture f;
    setup(&f);
    rs__word_facts first = measure(&f, 0, true);
    uint32_t id;
    cr_assert_eq(rs__strset_add(&f.set, &f.alloc, "zorbleck", 8, &id), RS_OK);
    rs__word_cache_keep_id(&f.cache, &f.set, &first, id);
    const rs__word_cache_entry *e = entry_of(&f, 0);
    cr_assert_not_null(e);
    cr_assert_not(e->flags & RS_WORD_ID_PENDING);

    rs__strset_clear(&f.set); /* a new epoch: the kept id is no longer the word's */
    cr_expect_not(measure(&f, 4, false).bits & RS_WORD_KNOWN_ID);
    rs__word_cache_hold_ids(&f.cache, &f.set);
    cr_expect(e->flags & RS_WORD_ID_PENDING);
    teardown(&f);
}

Test(word_pending, familiar_words_and_proper_nouns_never_wait)
{
    fixture f;
    setup(&f);
    rs__word_facts the = measure(&f, 2, false);
    cr_assert_not(the.bits & RS_WORD_UNFAMILIAR);
    const rs__word_cache_entry *e = entry_of(&f, 2);
    cr_assert_not_null(e);
    cr_expect_not(e->flags & RS_WORD_ID_PENDING);
    /* a capital inside a sentence makes a proper noun: familiar, so it needs
       no id, though its key's entry waits for one */
    measure(&f, 0, true);
    rs__word_facts proper = measure(&f, 6, false);
    cr_expect_not(proper.bits & RS_WORD_UNFAMILIAR);
    cr_expect(entry_of(&f, 6)->flags & RS_WORD_ID_PENDING);
    teardown(&f);
}
