/*
 * gen_wordfacts: precomputes rs__word_ascii_rules() for a vocabulary.
 *
 * Usage: gen_wordfacts OUTPUT.c LIST... [--bare LIST...]
 *
 * Each LIST holds one word a line (a tab and a value may follow; blank
 * lines and lines starting with '#' are skipped), as data/wordlists/ and
 * data/syllables/ have them.  The vocabulary is every ASCII word of the
 * lists in lower case with its regular inflections (plural or third person,
 * past, -ing, possessive), keys of up to RS_WORD_TABLE_KEY bytes; the words
 * of the lists after --bare come without them (the syllable exceptions are
 * mostly rare words, whose forms prose hardly uses and would double the
 * table).  Built for
 * the build machine and linked with the library's own rules, it writes the
 * table that src/text/wordfacts.h describes; the answers are whatever the
 * rules say, right or wrong for the inflected word, so a word the table has
 * counts exactly as if the rules had been run.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/wordfacts.h"

typedef struct table {
    uint64_t (*keys)[2];
    uint32_t *facts;
    uint16_t *slots;
    size_t count, cap;
    unsigned bits;
} table;

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

static void pack(const char *key, size_t len, uint64_t k[2])
{
    k[0] = k[1] = 0;
    for (size_t i = 0; i < len; i++)
        k[i / 8] |= (uint64_t)(unsigned char)key[i] << (8 * (i % 8));
}

static void add(table *t, const char *key, size_t len)
{
    if (len == 0 || len > RS_WORD_TABLE_KEY)
        return;
    uint64_t k[2];
    pack(key, len, k);
    rs__word_table view = {(const uint64_t(*)[2])t->keys, t->facts, t->slots, (uint32_t)t->count,
                           t->bits};
    size_t s = rs__word_table_slot(&view, k[0], k[1], len);
    if (t->slots[s])
        return; /* already there */
    if (t->count == t->cap)
        die("more words than the index was sized for", NULL);
    unsigned syllables;
    unsigned flags = rs__word_ascii_rules(key, len, &syllables);
    if (syllables > 0xFF || flags > 0xFFFF)
        die("facts too large for an entry", key);
    t->keys[t->count][0] = k[0];
    t->keys[t->count][1] = k[1];
    t->facts[t->count] = (uint32_t)syllables | (uint32_t)flags << RS_WORD_TABLE_FLAGS_SHIFT
                         | (uint32_t)len << RS_WORD_TABLE_LEN_SHIFT;
    t->count++;
    t->slots[s] = (uint16_t)t->count;
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
static void add_form(table *t, const char *w, size_t n, size_t drop, const char *suffix)
{
    char buf[RS_WORD_TABLE_KEY + 8];
    size_t k = strlen(suffix);
    if (n - drop + k > RS_WORD_TABLE_KEY)
        return;
    memcpy(buf, w, n - drop);
    memcpy(buf + n - drop, suffix, k);
    add(t, buf, n - drop + k);
}

/* The word and its regular inflections. */
static void add_word(table *t, const char *w, size_t n)
{
    add(t, w, n);
    add_form(t, w, n, 0, "'s");
    bool consonant_y = n >= 2 && w[n - 1] == 'y' && !vowel(w[n - 2]);
    if (ends_with(w, n, "s") || ends_with(w, n, "x") || ends_with(w, n, "z")
        || ends_with(w, n, "ch") || ends_with(w, n, "sh"))
        add_form(t, w, n, 0, "es");
    else if (consonant_y)
        add_form(t, w, n, 1, "ies");
    else
        add_form(t, w, n, 0, "s");
    if (w[n - 1] == 'e')
        add_form(t, w, n, 0, "d");
    else if (consonant_y)
        add_form(t, w, n, 1, "ied");
    else
        add_form(t, w, n, 0, "ed");
    if (ends_with(w, n, "ie"))
        add_form(t, w, n, 2, "ying");
    else if (n > 2 && w[n - 1] == 'e' && !ends_with(w, n, "ee") && !ends_with(w, n, "ye")
             && !ends_with(w, n, "oe"))
        add_form(t, w, n, 1, "ing");
    else
        add_form(t, w, n, 0, "ing");
}

/* The lower-case ASCII words of a list; others are left to the rules. */
static void add_list(table *t, const char *path, bool inflect)
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
                add_word(t, line + start, n - start);
            else
                add(t, line + start, n - start);
        }
    }
    if (ferror(f))
        die("cannot read", path);
    fclose(f);
}

static void write_table(const table *t, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write", path);
    fprintf(f, "/* Generated by tools/gen_wordfacts.c: do not edit. */\n"
               "#include \"text/wordfacts.h\"\n\n"
               "static const uint64_t keys[][2] = {\n");
    for (size_t i = 0; i < t->count; i++)
        fprintf(f, "    {0x%016llxu, 0x%016llxu},\n", (unsigned long long)t->keys[i][0],
                (unsigned long long)t->keys[i][1]);
    fprintf(f, "};\n\nstatic const uint32_t facts[] = {\n");
    for (size_t i = 0; i < t->count; i++)
        fprintf(f, "%s0x%08lxu,%s", i % 8 ? " " : "    ", (unsigned long)t->facts[i],
                i % 8 == 7 || i + 1 == t->count ? "\n" : "");
    fprintf(f, "};\n\nstatic const uint16_t slots[] = {\n");
    size_t nslots = (size_t)1 << t->bits;
    for (size_t i = 0; i < nslots; i++)
        fprintf(f, "%s%u,%s", i % 16 ? " " : "    ", (unsigned)t->slots[i],
                i % 16 == 15 || i + 1 == nslots ? "\n" : "");
    fprintf(f,
            "};\n\nconst rs__word_table rs__word_facts_table = {keys, facts, slots, %zuu, %uu};\n",
            t->count, t->bits);
    if (ferror(f) || fclose(f) != 0)
        die("cannot write", path);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        die("usage: gen_wordfacts OUTPUT.c LIST...", NULL);
    /* The index is sized before the words are known: at most half full with
       every form of every line, and entries numbered in 16 bits. */
    size_t lines = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--bare") == 0)
            continue;
        FILE *f = fopen(argv[i], "r");
        if (!f)
            die("cannot open", argv[i]);
        for (int c; (c = getc(f)) != EOF;)
            lines += c == '\n';
        fclose(f);
    }
    table t = {.cap = lines * 6 + 6};
    if (t.cap > 0xFFFF)
        t.cap = 0xFFFF;
    t.bits = 1;
    while (((size_t)1 << t.bits) < 2 * t.cap)
        t.bits++;
    t.keys = xcalloc(t.cap, sizeof *t.keys);
    t.facts = xcalloc(t.cap, sizeof *t.facts);
    t.slots = xcalloc((size_t)1 << t.bits, sizeof *t.slots);
    bool inflect = true;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--bare") == 0)
            inflect = false;
        else
            add_list(&t, argv[i], inflect);
    }
    /* Once the words are known, the smallest index at most half full. */
    unsigned bits = 1;
    while (((size_t)1 << bits) < 2 * t.count)
        bits++;
    uint16_t *slots = xcalloc((size_t)1 << bits, sizeof *slots);
    table out = t;
    out.bits = bits;
    out.slots = slots;
    for (size_t e = 0; e < t.count; e++) {
        rs__word_table view = {(const uint64_t(*)[2])out.keys, out.facts, out.slots,
                               (uint32_t)out.count, out.bits};
        size_t len = t.facts[e] >> RS_WORD_TABLE_LEN_SHIFT;
        out.slots[rs__word_table_slot(&view, t.keys[e][0], t.keys[e][1], len)] =
            (uint16_t)(e + 1);
    }
    write_table(&out, argv[1]);
    free(t.keys);
    free(t.facts);
    free(t.slots);
    free(slots);
    return 0;
}
