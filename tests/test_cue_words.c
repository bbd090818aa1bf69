/*
 * Blocks that their words spare the cue scan: a long block none of whose
 * words holds a core of a phrase (rs__cue_word()) is searched only for the
 * coreless phrases and those under four bytes.  Whatever a block holds
 * (phrases in any case, glued to letters or digits, inside links,
 * addresses, handles and tags, split by a combining accent), its cues must
 * be the ones the full scan finds.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "cue_index_helper.h"
#include "doc/roles_text.h"
#include "text/tokenizer.h"
#include "text/wordinfo.h"

Test(cue_words, a_word_holds_a_core_only_where_a_phrase_puts_it)
{
    cr_expect(rs__cue_word("cookies", 7));
    cr_expect(rs__cue_word("COOKIE", 6), "ASCII case aside");
    cr_expect(rs__cue_word("mycookiejar", 11), "a core with no edges stands anywhere");
    cr_expect(rs__cue_word("sites", 5), "\"our site\": a word that starts with site");
    cr_expect_not(rs__cue_word("opposite", 8), "...not one that ends with it");
    cr_expect(rs__cue_word("about", 5), "\"about us\": a word that ends with about");
    cr_expect(rs__cue_word("whereabout", 10));
    cr_expect_not(rs__cue_word("abouts", 6));
    cr_expect(rs__cue_word("EPA", 3), "\"epa/\": the slash ends the word");
    char long_word[300];
    memset(long_word, 'x', sizeof long_word);
    cr_expect_not(rs__cue_word(long_word, 256), "256 bytes are read");
    cr_expect(rs__cue_word(long_word, 257), "past 256 bytes, the block's scan decides");
    cr_expect_not(rs__cue_word("separate", 8));
    cr_expect_not(rs__cue_word("the", 3));
    cr_expect_not(rs__cue_word("", 0));
    cr_expect_not(rs__cue_word("co", 2), "shorter than any core");
}

Test(cue_words, every_phrase_has_a_core_but_the_few_searched_for_as_they_are)
{
    const rs__cue_phrases *x = &rs__cue_phrases_table;
    cr_assert(x->by_words);
    cr_assert_eq(x->ncoreless, 1u);
    cr_expect_str_eq(x->text[x->coreless_ids[0]], "(c) ");
    cr_expect_eq(x->text[x->coreless_ids[0]][x->coreless_anchor[0]], '(');
    size_t ncores = 0;
    for (size_t letter = 0; letter < 26; letter++)
        for (size_t k = 0; k < rs__cue_cores[letter].n; k++, ncores++)
            cr_expect_eq(rs__cue_cores[letter].cores[k].text[0], 'a' + (int)letter,
                         "%s: listed by its first letter", rs__cue_cores[letter].cores[k].text);
    cr_expect_gt(ncores, 30u);
    /* a phrase of those sets with a core makes its own text a word that holds it */
    size_t with_core = 0;
    for (size_t id = 0; id < RS__CUE_PHRASES && x->text[id]; id++) {
        if (!(x->set[id] & RS__CUE_SETS_BY_WORDS) || x->len[id] < RS__CUE_GRAM_LEN
            || id == x->coreless_ids[0])
            continue;
        /* the phrase's runs of letters and marks, each a word */
        bool held = false;
        const char *p = x->text[id];
        for (size_t start = 0; start < x->len[id];) {
            size_t end = start;
            while (end < x->len[id] && !strchr(RS__CUE_EDGE_BYTES, p[end]))
                end++;
            held = held || (end > start && rs__cue_word(p + start, end - start));
            start = end + 1;
        }
        cr_expect(held, "%s", p);
        with_core++;
    }
    cr_expect_gt(with_core, 80u);
}

static uint32_t next_random(uint32_t *state)
{
    uint32_t v = *state;
    v ^= v << 13;
    v ^= v >> 17;
    v ^= v << 5;
    return *state = v;
}

static const char *const FILLER[] = {
    "the", "river", "Town", "opened", "library", "where", "residents", "borrow", "tools",
    "not", "books", "and", "keep", "them", "for", "a", "week", "Millbrook", "said", "in",
    "opposite", "separate", "abouts", "1990s", "16th", "3D",
    "caf\xc3\xa9", "na\xc3\xafve", "don\xe2\x80\x99t", "U.S.", "e.g.", "300", "2024", "/", "(",
};

/* The phrases of the sets a block's words may rule out. */
static const char *random_phrase(uint32_t *state)
{
    const rs__cue_phrases *x = &rs__cue_phrases_table;
    for (;;) {
        size_t id = next_random(state) % RS__CUE_PHRASES;
        if (x->text[id] && (x->set[id] & RS__CUE_SETS_BY_WORDS))
            return x->text[id];
    }
}

/* The phrase in random case, with no blanks (for a link or a tag). */
static size_t put_phrase(char *out, const char *phrase, bool blanks, uint32_t *state)
{
    size_t n = 0;
    for (const char *p = phrase; *p; p++) {
        if (*p == ' ' && !blanks)
            continue;
        char c = *p;
        if (c >= 'a' && c <= 'z' && (next_random(state) & 1))
            c = (char)(c - 32);
        out[n++] = c;
    }
    return n;
}

/* One piece of a block: a filler word, or a phrase as words may hide it. */
static size_t put_piece(char *out, uint32_t *state)
{
    /* a phrase in 24 pieces: blocks of forty words with none are common */
    uint32_t how = next_random(state) % (12 * 24);
    const char *phrase = random_phrase(state);
    size_t n = 0;
    if (how >= 12) {
        const char *w = FILLER[next_random(state) % (sizeof FILLER / sizeof FILLER[0])];
        memcpy(out, w, strlen(w));
        return strlen(w);
    }
    switch (how) {
    case 0: /* as it is */
    case 1:
        return put_phrase(out, phrase, true, state);
    case 2: /* glued to letters */
        out[n++] = 'x';
        n += put_phrase(out + n, phrase, true, state);
        out[n++] = 'y';
        return n;
    case 3: /* after digits: a number */
        out[n++] = '3';
        return n + put_phrase(out + n, phrase, true, state);
    case 4: /* in a link */
        memcpy(out, "www.", 4);
        n = 4 + put_phrase(out + 4, phrase, false, state);
        memcpy(out + n, ".com", 4);
        return n + 4;
    case 5:
        memcpy(out, "https://example.org/", 20);
        return 20 + put_phrase(out + 20, phrase, false, state);
    case 6: /* in an address */
        memcpy(out, "a.b@", 4);
        n = 4 + put_phrase(out + 4, phrase, false, state);
        memcpy(out + n, ".org", 4);
        return n + 4;
    case 7: /* a handle and a tag */
        out[0] = '@';
        return 1 + put_phrase(out + 1, phrase, false, state);
    case 8:
        out[0] = '#';
        return 1 + put_phrase(out + 1, phrase, false, state);
    case 9: { /* a combining accent after a letter: the key composes it */
        n = put_phrase(out, phrase, true, state);
        size_t at = next_random(state) % n + 1;
        memmove(out + at + 2, out + at, n - at);
        memcpy(out + at, "\xcc\x81", 2);
        return n + 2;
    }
    case 10: /* the coreless and the short */
        memcpy(out, "(C) 2024", 8);
        return 8;
    default:
        memcpy(out, "\xc2\xa9 2024", 7);
        return 7;
    }
}

/* The cues of a description as the full scan gives them. */
static uint32_t scanned_cues(const rs__cue_index *x, const char *text, size_t len,
                             const rs__text_block *described)
{
    rs__text_block b = *described;
    b.cues &= RS__CUE_EMAIL; /* the words' own cue */
    rs__text_cues(x, text, len, &b);
    return b.cues;
}

Test(cue_words, sparing_blocks_by_their_words_changes_no_cue)
{
    rs__cue_index *x = new_index();
    rs_allocator alloc = rs__allocator_or_default(NULL);
    rs__token_vec tokens = {0};
    rs__word_cache cache = {0};
    rs__strset set = {0};
    uint32_t state = 2463534242u;
    size_t spared = 0, scanned = 0, with_cues = 0;
    for (int block = 0; block < 3000; block++) {
        char buf[4096];
        size_t len = 0;
        /* few phrases a block: most of them spared, as prose is */
        unsigned pieces = 14 + next_random(&state) % 60;
        for (unsigned k = 0; k < pieces; k++) {
            len += put_piece(buf + len, &state);
            buf[len++] = k + 1 == pieces ? '.' : ' ';
        }
        char *text = malloc(len); /* of its own size: ASan sees a read past it */
        cr_assert_not_null(text);
        memcpy(text, buf, len);
        tokens.count = 0;
        rs__text_stats stats = {0};
        cr_assert_eq(rs__tokenize(&alloc, text, 0, len, &tokens, &stats), RS_OK);
        /* the words as measuring hands them over, and as the classifier looks them up */
        rs__text_words words;
        rs__text_words_init(&words);
        size_t nwords = 0;
        for (size_t k = 0; k < tokens.count; k++) {
            const rs__token *t = &tokens.items[k];
            if (t->type != RS_TOK_WORD)
                continue;
            rs__word_facts wf;
            cr_assert_eq(rs__word_measure_lex(&alloc, &cache, &set, text, len, t, nwords == 0,
                                              true, &wf),
                         RS_OK);
            if (t->kind == RS_WORD_NUMBER)
                rs__text_words_add_number(&words);
            else if (wf.bits & RS_WORD_LEX_KNOWN)
                rs__text_words_add_known(&words, t, wf.lex, wf.fold_hash);
            else
                rs__text_words_add_other(&words, x, text, len, t);
            nwords++;
        }
        rs_block b = {.kind = RS_BLOCK_PARAGRAPH, .words = nwords, .sentences = 1};
        rs__text_block known, looked_up;
        rs__text_describe_words(x, text, 0, len, tokens.items, tokens.count, &b, &words, &known);
        rs__text_describe_tokens(x, text, 0, len, tokens.items, tokens.count, &b, &looked_up);
        uint32_t want = scanned_cues(x, text, len, &known);
        cr_assert_eq(known.cues, want, "%.*s", (int)len, text);
        cr_assert_eq(looked_up.cues, want, "%.*s", (int)len, text);
        if (words.lex_seen & RS__WORD_CUE)
            scanned++;
        else
            spared++;
        with_cues += want != 0;
        free(text);
    }
    cr_expect_gt(spared, 300u, "blocks whose words hold no core");
    cr_expect_gt(scanned, 300u, "blocks scanned");
    cr_expect_gt(with_cues, 300u, "blocks with cues");
    rs__word_cache_free(&cache, &alloc);
    rs__strset_free(&set, &alloc);
    rs__free(&alloc, tokens.items, tokens.cap * sizeof *tokens.items);
    rs__cue_index_release(x);
    free(x);
}
