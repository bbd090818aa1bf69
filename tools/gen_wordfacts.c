/*
 * gen_wordfacts: precomputes rs__word_ascii_rules() for a vocabulary.
 *
 * Usage: gen_wordfacts OUTPUT.c LIST... [--bare LIST...]
 *
 * Each LIST holds one word a line (a tab and a value may follow; blank
 * lines and lines starting with '#' are skipped), as data/wordlists/,
 * data/syllables/ and data/vocabulary/ have them.  The vocabulary is every
 * ASCII word of the lists in lower case with its regular inflections
 * (plural or third person, past, -ing, possessive), keys of up to
 * RS_WORD_TABLE_KEY bytes; the words of the lists after --bare come without
 * them (the syllable exceptions are mostly rare words, whose forms prose
 * hardly uses, and CMUdict lists the forms it knows as words of their own).
 * Built for the build machine and linked with the library's own rules, it
 * writes the table that src/text/wordfacts.h describes; the answers are
 * whatever the rules say, right or wrong for the inflected word, so a word
 * the table has counts exactly as if the rules had been run.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/wordfacts.h"

/* A word of the vocabulary: its facts as the palette keeps them, with the
   key's length above. */
typedef struct word {
    uint64_t k[2];
    uint32_t facts;
} word;

enum { LEN_SHIFT = 24 };

/* The vocabulary so far, and an index that keeps it free of repeats. */
typedef struct vocabulary {
    word *words;
    size_t count, cap;
    uint32_t *index; /* 0: free, else 1 + the word */
    size_t index_size;
} vocabulary;


static void die(const char *what, const char *arg)
{
    fprintf(stderr, "gen_wordfacts: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static size_t word_len(const word *w)
{
    return w->facts >> LEN_SHIFT;
}

static size_t index_slot(const vocabulary *v, const uint64_t k[2], size_t len)
{
    size_t mask = v->index_size - 1;
    for (size_t s = (size_t)(rs__word_table_hash(k[0], k[1]) ^ len) & mask;; s = (s + 1) & mask) {
        uint32_t e = v->index[s];
        if (e == 0)
            return s;
        const word *w = &v->words[e - 1];
        if (w->k[0] == k[0] && w->k[1] == k[1] && word_len(w) == len)
            return s;
    }
}

static void grow(vocabulary *v)
{
    v->cap = v->cap ? v->cap * 2 : 4096;
    word *words = xcalloc(v->cap, sizeof *words);
    if (v->count)
        memcpy(words, v->words, v->count * sizeof *words);
    free(v->words);
    v->words = words;
    free(v->index);
    v->index_size = 2 * v->cap;
    v->index = xcalloc(v->index_size, sizeof *v->index);
    for (size_t e = 0; e < v->count; e++)
        v->index[index_slot(v, v->words[e].k, word_len(&v->words[e]))] = (uint32_t)(e + 1);
}

static void pack(const char *key, size_t len, uint64_t k[2])
{
    k[0] = k[1] = 0;
    for (size_t i = 0; i < len; i++)
        k[i / 8] |= (uint64_t)(unsigned char)key[i] << (8 * (i % 8));
}

static void add(vocabulary *v, const char *key, size_t len)
{
    if (len == 0 || len > RS_WORD_TABLE_KEY)
        return;
    if (v->count == v->cap)
        grow(v);
    uint64_t k[2];
    pack(key, len, k);
    size_t s = index_slot(v, k, len);
    if (v->index[s])
        return; /* already there */
    unsigned syllables;
    unsigned flags = rs__word_ascii_rules(key, len, &syllables);
    if (syllables > 0xFF || flags > 0xFFFF)
        die("facts too large for an entry", key);
    v->words[v->count] = (word){{k[0], k[1]},
                                (uint32_t)syllables | (uint32_t)flags << RS_WORD_TABLE_FLAGS_SHIFT
                                    | (uint32_t)len << LEN_SHIFT};
    v->index[s] = (uint32_t)++v->count;
}

static bool ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

static bool vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* w with its last `drop` bytes replaced by suffix. */
static void add_form(vocabulary *v, const char *w, size_t n, size_t drop, const char *suffix)
{
    char buf[RS_WORD_TABLE_KEY + 8];
    size_t k = strlen(suffix);
    if (n - drop + k > RS_WORD_TABLE_KEY)
        return;
    memcpy(buf, w, n - drop);
    memcpy(buf + n - drop, suffix, k);
    add(v, buf, n - drop + k);
}

/* The word and its regular inflections. */
static void add_word(vocabulary *v, const char *w, size_t n)
{
    add(v, w, n);
    add_form(v, w, n, 0, "'s");
    bool consonant_y = n >= 2 && w[n - 1] == 'y' && !vowel(w[n - 2]);
    if (ends_with(w, n, "s") || ends_with(w, n, "x") || ends_with(w, n, "z")
        || ends_with(w, n, "ch") || ends_with(w, n, "sh"))
        add_form(v, w, n, 0, "es");
    else if (consonant_y)
        add_form(v, w, n, 1, "ies");
    else
        add_form(v, w, n, 0, "s");
    if (w[n - 1] == 'e')
        add_form(v, w, n, 0, "d");
    else if (consonant_y)
        add_form(v, w, n, 1, "ied");
    else
        add_form(v, w, n, 0, "ed");
    if (ends_with(w, n, "ie"))
        add_form(v, w, n, 2, "ying");
    else if (n > 2 && w[n - 1] == 'e' && !ends_with(w, n, "ee") && !ends_with(w, n, "ye")
             && !ends_with(w, n, "oe"))
        add_form(v, w, n, 1, "ing");
    else
        add_form(v, w, n, 0, "ing");
}

/* The lower-case ASCII words of a list; others are left to the rules. */
static void add_list(vocabulary *v, const char *path, bool inflect)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open", path);
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        size_t n = strcspn(line, "\t\r\n");
        size_t start = 0;
        while (start < n && line[start] == ' ')
            start++;
        while (n > start && line[n - 1] == ' ')
            n--;
        bool ascii = n > start;
        for (size_t i = start; i < n && ascii; i++) {
            unsigned char c = (unsigned char)line[i];
            ascii = c >= 0x20 && c < 0x80;
            if (c >= 'A' && c <= 'Z')
                line[i] = (char)(c + 32);
        }
        if (ascii && n - start <= RS_WORD_TABLE_KEY) {
            if (inflect)
                add_word(v, line + start, n - start);
            else
                add(v, line + start, n - start);
        }
    }
    if (ferror(f))
        die("cannot read", path);
    fclose(f);
}

/* The keys of one length class in lines, and each line's overflow byte. */
typedef struct part {
    uint64_t (*keys)[2]; /* the first word with the palette index in its top bits */
    uint8_t *overflow;
    size_t count, lines, slots; /* slots: keys a line holds */
} part;

typedef struct palette {
    uint32_t facts[RS_WORD_TABLE_PALETTE_MAX];
    size_t count;
} palette;

static unsigned palette_index(palette *p, uint32_t facts)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->facts[i] == facts)
            return (unsigned)i;
    if (p->count == RS_WORD_TABLE_PALETTE_MAX)
        die("more kinds of facts than a key's top bits have room for", NULL);
    p->facts[p->count] = facts;
    return (unsigned)p->count++;
}

static bool in_part(const word *w, bool long_keys)
{
    return (word_len(w) > RS_WORD_TABLE_SHORT_KEY) == long_keys;
}

static size_t first_line(const part *p, const word *w)
{
    return rs__word_table_line(rs__word_table_hash(w->k[0], w->k[1]), (uint32_t)p->lines);
}

static uint64_t second_hash(const word *w)
{
    return rs__word_table_rehash(rs__word_table_hash(w->k[0], w->k[1]));
}

static size_t second_line(const part *p, const word *w)
{
    return rs__word_table_line(second_hash(w), (uint32_t)p->lines);
}

static void put(part *p, palette *pal, size_t slot, const word *w)
{
    if ((w->k[0] | w->k[1]) & RS_WORD_TABLE_HIGH)
        die("a key that is not ASCII", NULL);
    unsigned index = palette_index(pal, w->facts & ((1u << LEN_SHIFT) - 1));
    p->keys[slot][0] = w->k[0] | rs__word_table_palette_bits(index);
    p->keys[slot][1] = w->k[1];
    if (rs__word_table_palette_index(p->keys[slot][0]) != index)
        die("the palette index does not come back", NULL);
}

/* The line of w's two that is not line. */
static size_t other_line(const part *p, const word *w, size_t line)
{
    size_t first = first_line(p, w);
    return first == line ? second_line(p, w) : first;
}

static bool has_room(const part *p, const size_t *owner, size_t line)
{
    for (size_t i = line * p->slots; i < (line + 1) * p->slots; i++)
        if (!owner[i])
            return true;
    return false;
}

/* xorshift64: the generator's choices, the same on every build. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/*
 * Places the keys in p->lines lines: each in its first line while there is
 * room, in the vocabulary's order, so that the lists' common words come
 * before CMUdict's rare ones.  A key that finds it full goes to its second
 * line; if that is full too, it takes the slot of one of the line's keys,
 * which moves to its other line in turn (a cuckoo's walk): the latest
 * whose other line has room, else the later of two picked at random, so
 * that the common words mostly keep their first lines.  False if the walk
 * goes on too long.
 */
static bool place(const vocabulary *v, bool long_keys, palette *pal, part *p)
{
    size_t nslots = p->lines * p->slots;
    size_t *owner = xcalloc(nslots, sizeof *owner); /* 0: free, else 1 + the word */
    size_t *later = xcalloc(v->count, sizeof *later), nlater = 0;
    for (size_t e = 0; e < v->count; e++) {
        const word *w = &v->words[e];
        if (!in_part(w, long_keys))
            continue;
        size_t line = first_line(p, w), i = line * p->slots;
        while (i < (line + 1) * p->slots && owner[i])
            i++;
        if (i < (line + 1) * p->slots)
            owner[i] = e + 1;
        else
            later[nlater++] = e;
    }
    uint64_t random = UINT64_C(0x9E3779B97F4A7C15);
    bool placed = true;
    for (size_t n = 0; n < nlater && placed; n++) {
        size_t e = later[n], line = second_line(p, &v->words[e]), steps = 0;
        for (;;) {
            size_t i = line * p->slots;
            while (i < (line + 1) * p->slots && owner[i])
                i++;
            if (i < (line + 1) * p->slots) {
                owner[i] = e + 1;
                break;
            }
            if (++steps > 100000) {
                placed = false;
                break;
            }
            /* the latest key whose other line has room ends the walk */
            size_t victim = SIZE_MAX;
            for (size_t j = line * p->slots; j < (line + 1) * p->slots; j++)
                if ((victim == SIZE_MAX || owner[j] > owner[victim])
                    && has_room(p, owner, other_line(p, &v->words[owner[j] - 1], line)))
                    victim = j;
            if (victim == SIZE_MAX) {
                size_t a = line * p->slots + next_random(&random) % p->slots;
                size_t b = line * p->slots + next_random(&random) % p->slots;
                victim = owner[a] > owner[b] ? a : b;
            }
            size_t moved = owner[victim] - 1;
            owner[victim] = e + 1;
            e = moved;
            line = other_line(p, &v->words[e], line);
        }
    }
    /* a key the walk left in its second line returns if its first has room */
    for (size_t i = 0; i < nslots && placed; i++) {
        if (!owner[i])
            continue;
        size_t line = first_line(p, &v->words[owner[i] - 1]);
        for (size_t j = line * p->slots; j < (line + 1) * p->slots && i / p->slots != line; j++) {
            if (!owner[j]) {
                owner[j] = owner[i];
                owner[i] = 0;
                break;
            }
        }
    }
    memset(p->keys, 0, nslots * sizeof *p->keys);
    memset(p->overflow, 0, p->lines);
    for (size_t i = 0; i < nslots && placed; i++) {
        if (!owner[i])
            continue;
        const word *w = &v->words[owner[i] - 1];
        put(p, pal, i, w);
        if (i / p->slots != first_line(p, w))
            p->overflow[first_line(p, w)] |= (uint8_t)rs__word_table_fingerprint(second_hash(w));
    }
    free(owner);
    free(later);
    return placed;
}

/* Lines about LOAD_PERCENT full: a key of the lists' common words all but
   always in its first line, the table no larger than buckets with starts
   made it, and a word the table lacks rarely reads a second line (a first
   line that overflowed, with its fingerprint). */
enum { LOAD_PERCENT = 90 };

static void build_part(const vocabulary *v, bool long_keys, palette *pal, part *p)
{
    p->count = 0;
    for (size_t e = 0; e < v->count; e++)
        p->count += in_part(&v->words[e], long_keys);
    p->slots = long_keys ? RS_WORD_TABLE_LONG_SLOTS : RS_WORD_TABLE_SHORT_SLOTS;
    size_t lines = p->count * 100 / (p->slots * LOAD_PERCENT) + 1;
    for (;; lines += lines / 100 + 1) {
        if (lines > UINT32_MAX)
            die("too many keys", NULL);
        free(p->keys);
        free(p->overflow);
        p->lines = lines;
        p->keys = xcalloc(lines * p->slots, sizeof *p->keys);
        p->overflow = xcalloc(lines, 1);
        if (place(v, long_keys, pal, p))
            return;
    }
}

static void write_overflow(FILE *f, const char *name, const part *p)
{
    fprintf(f, "static const uint8_t %s[] = {\n", name);
    for (size_t i = 0; i < p->lines; i++)
        fprintf(f, "%s%u,%s", i % 16 ? " " : "    ", (unsigned)p->overflow[i],
                i % 16 == 15 || i + 1 == p->lines ? "\n" : "");
    fprintf(f, "};\n\n");
}

/* The lexicon's English function words: lower-case letters only (so
   every byte is a letter), in the order the vocabulary has them. */
enum { ENGLISH_FUNCTION_WORD = 1u << 0 }; /* lexicon.tsv: bit 0 is English */

static bool is_seed(const word *w)
{
    unsigned flags = (w->facts >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF;
    if (!((flags >> RS_WORD_LEX_SHIFT) & ENGLISH_FUNCTION_WORD))
        return false;
    for (size_t i = 0; i < word_len(w); i++) {
        unsigned c = (unsigned)(w->k[i / 8] >> (8 * (i % 8))) & 0xFF;
        if (c < 'a' || c > 'z')
            return false;
    }
    return true;
}

static void write_seeds(FILE *f, const vocabulary *v, size_t *count)
{
    fprintf(f, "static const rs__word_seed seeds[] = {\n");
    *count = 0;
    for (size_t e = 0; e < v->count; e++) {
        const word *w = &v->words[e];
        if (!is_seed(w))
            continue;
        size_t len = word_len(w);
        unsigned flags = (w->facts >> RS_WORD_TABLE_FLAGS_SHIFT) & 0xFFFF;
        if (len > 6)
            flags |= RS_WORD_LONG;
        fprintf(f, "    {0x%llxu, 0x%llxu, 0x%llxu, 0x%x, %u, %zu},\n",
                (unsigned long long)w->k[0], (unsigned long long)w->k[1],
                (unsigned long long)rs__word_table_hash(w->k[0], w->k[1]), flags,
                (unsigned)(w->facts & 0xFF), len);
        ++*count;
    }
    if (*count == 0)
        fprintf(f, "    {0, 0, 0, 0, 0, 0},\n"); /* C has no empty arrays; the count says there is none */
    fprintf(f, "};\n\n");
}

static void write_table(const part *s, const part *l, const palette *pal, const vocabulary *v,
                        const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write", path);
    fprintf(f, "/* Generated by tools/gen_wordfacts.c: do not edit. */\n"
               "#include \"text/wordfacts.h\"\n\n"
               "/* a line of keys is a cache line */\n"
               "static _Alignas(RS_WORD_TABLE_LINE) const uint64_t short_keys[] = {\n");
    size_t nshort = s->lines * s->slots; /* at least one line: never an empty array */
    for (size_t i = 0; i < nshort; i++)
        fprintf(f, "%s0x%llx,%s", i % 4 ? " " : "    ", (unsigned long long)s->keys[i][0],
                i % 4 == 3 || i + 1 == nshort ? "\n" : "");
    fprintf(f, "};\n\n");
    write_overflow(f, "short_overflow", s);
    fprintf(f, "static _Alignas(RS_WORD_TABLE_LINE) const uint64_t long_keys[][2] = {\n");
    size_t nlong = l->lines * l->slots;
    for (size_t i = 0; i < nlong; i++)
        fprintf(f, "%s{0x%llx, 0x%llx},%s", i % 2 ? " " : "    ",
                (unsigned long long)l->keys[i][0], (unsigned long long)l->keys[i][1],
                i % 2 == 1 || i + 1 == nlong ? "\n" : "");
    fprintf(f, "};\n\n");
    write_overflow(f, "long_overflow", l);
    size_t nseeds;
    write_seeds(f, v, &nseeds);
    fprintf(f, "static const uint32_t palette[] = {\n");
    for (size_t i = 0; i < pal->count; i++)
        fprintf(f, "%s0x%06lx,%s", i % 8 ? " " : "    ", (unsigned long)pal->facts[i],
                i % 8 == 7 || i + 1 == pal->count ? "\n" : "");
    fprintf(f,
            "};\n\nconst rs__word_table rs__word_facts_table = {\n"
            "    short_keys, short_overflow, %zuu, %zuu,\n"
            "    long_keys, long_overflow, %zuu, %zuu,\n"
            "    palette, %zuu,\n"
            "    seeds, %zuu};\n",
            s->count, s->lines, l->count, l->lines, pal->count, nseeds);
    if (ferror(f) || fclose(f) != 0)
        die("cannot write", path);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        die("usage: gen_wordfacts OUTPUT.c LIST... [--bare LIST...]", NULL);
    vocabulary v = {0};
    bool inflect = true;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--bare") == 0)
            inflect = false;
        else
            add_list(&v, argv[i], inflect);
    }
    palette pal = {0};
    part s = {0}, l = {0};
    build_part(&v, false, &pal, &s);
    build_part(&v, true, &pal, &l);
    write_table(&s, &l, &pal, &v, argv[1]);
    free(s.keys);
    free(s.overflow);
    free(l.keys);
    free(l.overflow);
    free(v.words);
    free(v.index);
    return 0;
}
