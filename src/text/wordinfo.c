/*
 * Per-word measures.  Proper nouns (a capital not at the start of a
 * sentence) count as familiar for Dale-Chall and Spache, as Dale and Chall's
 * counting rules have it, and are never Gunning Fog complex words.  Fog also
 * leaves out hyphenated compounds and words that reach three syllables only
 * through -es, -ed or -ing (Gunning 1952).
 */
#include "text/wordinfo.h"

#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "text/syllables.h"
#include "text/wordlists.h"

size_t rs__word_key(const char *word, size_t len, char *out, size_t cap)
{
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)word[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        if (len >= cap)
            return 0;
        for (size_t i = 0; i < len; i++) {
            char c = word[i];
            out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out[len] = '\0';
        return len;
    }
    /* utf8proc works in a caller buffer here, so no allocation happens. */
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
    if (n <= 0)
        return 0;
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

static bool ends_with(const char *key, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len > n && memcmp(key + len - n, suffix, n) == 0;
}

/* Syllables the word has without an -es, -ed or -ing that adds one. */
static unsigned stem_syllables(const char *key, size_t len, unsigned syllables)
{
    if (ends_with(key, len, "ing"))
        return syllables - 1;
    if (ends_with(key, len, "ted") || ends_with(key, len, "ded"))
        return syllables - 1;
    if (ends_with(key, len, "es") && len > 3) {
        char c = key[len - 3];
        if (c == 's' || c == 'z' || c == 'x' || ends_with(key, len, "ches")
            || ends_with(key, len, "shes") || ends_with(key, len, "ges")
            || ends_with(key, len, "ces"))
            return syllables - 1;
    }
    return syllables;
}

/* U.S., e.g., Ph.D. are read letter by letter; "w" alone has three. */
static unsigned spelled_syllables(const char *key, size_t len)
{
    unsigned n = 0;
    for (size_t i = 0; i < len; i++)
        if (key[i] >= 'a' && key[i] <= 'z')
            n += key[i] == 'w' ? 3 : 1;
    return n ? n : 1;
}

void rs__word_describe(const char *text, const rs__token *t, bool sentence_initial,
                       rs__word_info *out)
{
    memset(out, 0, sizeof *out);
    const char *word = text + t->start;
    size_t len = t->end - t->start;
    if (t->kind != RS_WORD_PLAIN && t->kind != RS_WORD_NUMBER)
        return; /* links, addresses, handles, tags and CJK have no syllables */
    out->scored = true;
    if (t->kind == RS_WORD_NUMBER) {
        out->syllables = rs__syllables_number(word, len);
        return;
    }
    out->key_len = rs__word_key(word, len, out->key, sizeof out->key);
    bool ascii_key = out->key_len > 0;
    for (size_t i = 0; i < out->key_len; i++)
        if ((unsigned char)out->key[i] >= 0x80)
            ascii_key = false;
    if (t->flags & RS_TF_DOTTED)
        out->syllables = spelled_syllables(out->key, out->key_len);
    else if (ascii_key)
        out->syllables = rs__syllables_ascii(out->key, out->key_len);
    else
        out->syllables = rs_syllables(word, len);
    if (out->syllables == 0)
        out->syllables = 1;

    out->long_word = t->letters > 6;
    bool proper = (t->flags & RS_TF_UPPER_FIRST) && !sentence_initial;
    if (proper)
        return;
    bool listed_dc = out->key_len && rs__dale_chall_familiar(out->key, out->key_len);
    bool listed_spache = out->key_len && rs__spache_familiar(out->key, out->key_len);
    out->difficult = !listed_dc;
    out->unfamiliar = !listed_spache;
    out->complex = out->syllables >= 3 && !(t->flags & RS_TF_HYPHEN)
                   && stem_syllables(out->key, out->key_len, out->syllables) >= 3;
}

/* ------------------------------------------------------------------ */
/* The cache                                                            */

enum {
    CACHED_DALE_CHALL = 1u << 0, /* familiar to Dale-Chall */
    CACHED_SPACHE = 1u << 1,     /* familiar to Spache */
    CACHED_STEM_3 = 1u << 2,     /* three syllables or more without -es, -ed, -ing */
    CACHE_FIRST_SLOTS = 512,
    CACHE_MAX_SLOTS = 1u << 16   /* 2 MiB: ample for the vocabulary of a book */
};

static uint32_t key_hash(const char *key, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h ? h : 1;
}

/* The slot of key, or the free slot where it would go. */
static rs__word_cache_entry *cache_slot(const rs__word_cache *c, const char *key, size_t len,
                                        uint32_t hash)
{
    size_t mask = c->nslots - 1;
    for (size_t s = hash & mask;; s = (s + 1) & mask) {
        rs__word_cache_entry *e = &c->slots[s];
        if (e->len == 0 || (e->hash == hash && e->len == len && memcmp(e->key, key, len) == 0))
            return e;
    }
}

/* Makes room for one more entry: *room is false once the cache is full. */
static rs_status cache_room(const rs_allocator *alloc, rs__word_cache *c, bool *room)
{
    *room = true;
    if (c->nslots && (c->count + 1) * 2 <= c->nslots)
        return RS_OK;
    size_t n = c->nslots ? c->nslots * 2 : CACHE_FIRST_SLOTS;
    *room = n <= CACHE_MAX_SLOTS;
    if (!*room)
        return RS_OK;
    rs__word_cache_entry *slots = rs__alloc(alloc, n * sizeof *slots);
    if (!slots)
        return RS_ERR_NOMEM;
    memset(slots, 0, n * sizeof *slots);
    rs__word_cache old = *c;
    c->slots = slots;
    c->nslots = n;
    for (size_t i = 0; i < old.nslots; i++)
        if (old.slots[i].len)
            *cache_slot(c, old.slots[i].key, old.slots[i].len, old.slots[i].hash) = old.slots[i];
    rs__free(alloc, old.slots, old.nslots * sizeof *old.slots);
    return RS_OK;
}

void rs__word_cache_free(rs__word_cache *cache, const rs_allocator *alloc)
{
    rs__free(alloc, cache->slots, cache->nslots * sizeof *cache->slots);
    memset(cache, 0, sizeof *cache);
}

rs_status rs__word_describe_cached(const rs_allocator *alloc, rs__word_cache *cache,
                                   const char *text, const rs__token *t, bool sentence_initial,
                                   rs__word_info *out)
{
    size_t len = t->end - t->start;
    if (t->kind != RS_WORD_PLAIN || (t->flags & RS_TF_DOTTED) || !(t->flags & RS_TF_ASCII)
        || len > RS_WORD_CACHE_KEY) {
        rs__word_describe(text, t, sentence_initial, out);
        return RS_OK;
    }
    /* The key of an ASCII word is its lower case (as rs__word_key makes it). */
    const char *word = text + t->start;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        out->key[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out->key_len = len;
    uint32_t hash = key_hash(out->key, len);
    rs__word_cache_entry *e = cache->nslots ? cache_slot(cache, out->key, len, hash) : NULL;
    unsigned syllables, flags;
    if (e && e->len) {
        syllables = e->syllables;
        flags = e->flags;
    } else {
        syllables = rs__syllables_ascii(out->key, len);
        if (syllables == 0)
            syllables = 1;
        flags = 0;
        if (rs__dale_chall_familiar(out->key, len))
            flags |= CACHED_DALE_CHALL;
        if (rs__spache_familiar(out->key, len))
            flags |= CACHED_SPACHE;
        if (syllables >= 3 && stem_syllables(out->key, len, syllables) >= 3)
            flags |= CACHED_STEM_3;
        bool room = false;
        if (syllables <= UINT8_MAX) {
            rs_status st = cache_room(alloc, cache, &room);
            if (st != RS_OK)
                return st;
        }
        if (room) {
            e = cache_slot(cache, out->key, len, hash);
            *e = (rs__word_cache_entry){.len = (uint8_t)len, .syllables = (uint8_t)syllables,
                                        .flags = (uint8_t)flags, .hash = hash};
            memcpy(e->key, out->key, len);
            cache->count++;
        }
    }
    out->scored = true;
    out->syllables = syllables;
    out->long_word = t->letters > 6;
    if ((t->flags & RS_TF_UPPER_FIRST) && !sentence_initial)
        return RS_OK; /* a proper noun: familiar, and never complex */
    out->difficult = !(flags & CACHED_DALE_CHALL);
    out->unfamiliar = !(flags & CACHED_SPACHE);
    out->complex = (flags & CACHED_STEM_3) && !(t->flags & RS_TF_HYPHEN);
    return RS_OK;
}
