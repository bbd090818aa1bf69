/*
 * check_accuracy.c: measures the syllable counter against the CMU
 * Pronouncing Dictionary and grows the exception table.  A development tool:
 * it is not part of the library and may keep global state and print.
 *
 * Input: the export of tools/syllables/export_cmu.js, "word<TAB>c1,c2,..."
 * (all pronunciations' counts, the first pronunciation's first).  A count is
 * right when it equals any of them.
 *
 *   check_accuracy rules  CMU.tsv [FAILURES]   rules alone over all words
 *   check_accuracy table  CMU.tsv              rules + the compiled table
 *   check_accuracy gen    CMU.tsv OUT.tsv      writes the exception table
 *   check_accuracy kfold  CMU.tsv K            held-out estimate, K folds
 *   check_accuracy prose  CMU.tsv FILE...      running text occurrences
 *   check_accuracy bench  CMU.tsv ROUNDS [FILE...]  speed over words (and text)
 *
 * See tools/syllables/README.md for the build command.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "readstat.h"
#include "text/syllables.h"

#define MAX_COUNTS 4

typedef struct entry {
    char *word;
    size_t len;
    unsigned char counts[MAX_COUNTS];
    unsigned char ncounts;
    int fold;
} entry;

static entry *entries;
static size_t nentries;

/* Open-addressing map from word to entry index (dictionary) and to an
   exception value (the table being built). */
typedef struct map {
    size_t cap;
    const char **keys;
    size_t *lens;
    int *values;
} map;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void map_init(map *m, size_t cap)
{
    m->cap = cap;
    m->keys = calloc(cap, sizeof *m->keys);
    m->lens = calloc(cap, sizeof *m->lens);
    m->values = calloc(cap, sizeof *m->values);
    if (!m->keys || !m->lens || !m->values) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
}

static void map_clear(map *m)
{
    memset(m->keys, 0, m->cap * sizeof *m->keys);
}

static void map_put(map *m, const char *k, size_t n, int v)
{
    size_t i = hash_bytes(k, n) % m->cap;
    while (m->keys[i] && !(m->lens[i] == n && memcmp(m->keys[i], k, n) == 0))
        i = (i + 1) % m->cap;
    m->keys[i] = k;
    m->lens[i] = n;
    m->values[i] = v;
}

static int map_get(const map *m, const char *k, size_t n)
{
    size_t i = hash_bytes(k, n) % m->cap;
    while (m->keys[i]) {
        if (m->lens[i] == n && memcmp(m->keys[i], k, n) == 0)
            return m->values[i];
        i = (i + 1) % m->cap;
    }
    return -1;
}

static map dict;       /* word -> entry index */
static map exceptions; /* word -> count, the table under construction */

static int lookup_exceptions(const char *k, size_t n)
{
    return map_get(&exceptions, k, n);
}

static void load_cmu(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 17;
    entries = malloc(cap * sizeof *entries);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, f)) > 0) {
        char *tab = strchr(line, '\t');
        if (!tab || line[0] == '#')
            continue;
        if (nentries == cap) {
            cap *= 2;
            entries = realloc(entries, cap * sizeof *entries);
        }
        entry *e = &entries[nentries];
        e->len = (size_t)(tab - line);
        e->word = strndup(line, e->len);
        e->ncounts = 0;
        for (char *p = tab + 1; *p && *p != '\n';) {
            long v = strtol(p, &p, 10);
            if (e->ncounts < MAX_COUNTS)
                e->counts[e->ncounts++] = (unsigned char)v;
            if (*p == ',')
                p++;
        }
        /* A fixed shuffle, so that folds mix all letters of the alphabet. */
        e->fold = (int)(hash_bytes(e->word, e->len) % 1000003u);
        nentries++;
    }
    free(line);
    fclose(f);
    map_init(&dict, nentries * 3);
    for (size_t i = 0; i < nentries; i++)
        map_put(&dict, entries[i].word, entries[i].len, (int)i);
}

static int right(const entry *e, unsigned got)
{
    for (int k = 0; k < e->ncounts; k++)
        if (e->counts[k] == got)
            return 1;
    return 0;
}

static int cmd_rules(const char *fail_path, int with_table)
{
    FILE *fail = fail_path ? fopen(fail_path, "w") : NULL;
    size_t ok = 0;
    for (size_t i = 0; i < nentries; i++) {
        const entry *e = &entries[i];
        unsigned got = with_table ? rs__syllables_ascii(e->word, e->len) : rs__syllables_rules(e->word, e->len);
        if (right(e, got))
            ok++;
        else if (fail)
            fprintf(fail, "%s\t%u\t%u\n", e->word, got, e->counts[0]);
    }
    printf("%s: %zu / %zu dictionary words right = %.2f%%\n", with_table ? "rules + table" : "rules only", ok,
           nentries, 100.0 * (double)ok / (double)nentries);
    if (fail)
        fclose(fail);
    return 0;
}

/* Adds the words of `in_fold(i) == 0` that the counter gets wrong, until the
   counter with the table gets all of them right (a table entry can change a
   compound's count, hence the passes). */
static size_t grow_table(int (*excluded)(size_t i, void *ctx), void *ctx)
{
    size_t added = 0;
    for (int pass = 0; pass < 5; pass++) {
        size_t this_pass = 0;
        for (size_t i = 0; i < nentries; i++) {
            const entry *e = &entries[i];
            if (excluded && excluded(i, ctx))
                continue;
            unsigned got = rs__syllables_with(e->word, e->len, lookup_exceptions);
            if (!right(e, got)) {
                map_put(&exceptions, e->word, e->len, e->counts[0] ? e->counts[0] : 1);
                this_pass++;
            }
        }
        added += this_pass;
        if (!this_pass)
            break;
    }
    return added;
}

static int cmp_str(const void *a, const void *b)
{
    const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
    return strcmp(x->word, y->word);
}

static int cmd_gen(const char *out_path)
{
    map_init(&exceptions, nentries * 2);
    grow_table(NULL, NULL);
    entry **list = malloc(nentries * sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < nentries; i++)
        if (map_get(&exceptions, entries[i].word, entries[i].len) >= 0)
            list[n++] = &entries[i];
    qsort(list, n, sizeof *list, cmp_str);
    FILE *o = fopen(out_path, "w");
    if (!o) {
        perror(out_path);
        return 1;
    }
    fprintf(o, "# Syllable counts from the CMU Pronouncing Dictionary (Copyright (C) 1993-2014 Carnegie Mellon "
               "University,\n# BSD-style licence in SOURCES.md) for the words the rules in src/text/syllables.c get "
               "wrong; made by tools/syllables/check_accuracy gen.\n");
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%s\t%d\n", list[i]->word, map_get(&exceptions, list[i]->word, list[i]->len));
    fclose(o);
    size_t ok = 0;
    for (size_t i = 0; i < nentries; i++)
        ok += (size_t)right(&entries[i], rs__syllables_with(entries[i].word, entries[i].len, lookup_exceptions));
    printf("exceptions: %zu entries; rules + these exceptions: %zu / %zu = %.3f%%\n", n, ok, nentries,
           100.0 * (double)ok / (double)nentries);
    free(list);
    return 0;
}

static int in_fold(size_t i, void *ctx)
{
    int k = ((int *)ctx)[0], folds = ((int *)ctx)[1];
    return entries[i].fold % folds == k;
}

static int cmd_kfold(int folds)
{
    map_init(&exceptions, nentries * 2);
    size_t ok = 0, total = 0, rules_ok = 0;
    for (int k = 0; k < folds; k++) {
        map_clear(&exceptions);
        int ctx[2] = {k, folds};
        grow_table(in_fold, ctx);
        size_t fok = 0, ftotal = 0;
        for (size_t i = 0; i < nentries; i++) {
            if (!in_fold(i, ctx))
                continue;
            const entry *e = &entries[i];
            fok += (size_t)right(e, rs__syllables_with(e->word, e->len, lookup_exceptions));
            rules_ok += (size_t)right(e, rs__syllables_rules(e->word, e->len));
            ftotal++;
        }
        printf("fold %d: %zu / %zu = %.2f%%\n", k, fok, ftotal, 100.0 * (double)fok / (double)ftotal);
        ok += fok;
        total += ftotal;
    }
    printf("held-out (table from the other folds): %zu / %zu = %.2f%%; rules only on the same words: %.2f%%\n", ok,
           total, 100.0 * (double)ok / (double)total, 100.0 * (double)rules_ok / (double)total);
    return 0;
}

/* Running text: tokens of ASCII letters, apostrophes (also U+2019) and inner
   hyphens.  Fills raw (as in the text) and low (lowercased, ' for U+2019);
   returns 0 at the end of the text. */
static int next_token(const char *text, size_t got, size_t *pos, char *raw, size_t *nraw, char *low, size_t *nlow)
{
    size_t i = *pos;
    for (;;) {
        size_t nr = 0, nl = 0, start = i;
        if (i >= got)
            return 0;
        while (i < got) {
            unsigned char c = (unsigned char)text[i];
            int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            int apos = c == '\'' || (c == 0xE2 && i + 2 < got && (unsigned char)text[i + 1] == 0x80 &&
                                     (unsigned char)text[i + 2] == 0x99);
            int inner = (apos || c == '-') && nl > 0;
            if (!letter && !inner)
                break;
            size_t k = apos && c == 0xE2 ? 3 : 1;
            if (nr + k >= 255)
                break;
            memcpy(raw + nr, text + i, k);
            nr += k;
            low[nl++] = apos ? '\'' : (char)(c | (letter ? 0x20 : 0));
            i += k;
        }
        if (i == start) {
            i++;
            continue;
        }
        while (nl > 0 && (low[nl - 1] == '\'' || low[nl - 1] == '-')) {
            nr -= (unsigned char)raw[nr - 1] == 0x99 ? 3 : 1;
            nl--;
        }
        *pos = i;
        *nraw = nr;
        *nlow = nl;
        return 1;
    }
}

static char *read_file(const char *path, size_t *size)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        perror(path);
        exit(1);
    }
    fseek(in, 0, SEEK_END);
    long n = ftell(in);
    fseek(in, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    *size = fread(text, 1, (size_t)n, in);
    fclose(in);
    text[*size] = 0;
    return text;
}

/* Occurrences scored when the lowercased token is a dictionary word. */
static int cmd_prose(int nfiles, char **files)
{
    size_t total = 0, ok_table = 0, ok_rules = 0, ok_public = 0;
    FILE *fail = fopen("/tmp/syllables_prose_failures.txt", "w");
    for (int f = 0; f < nfiles; f++) {
        size_t got, pos = 0, nr, nl;
        char *text = read_file(files[f], &got);
        char raw[256], low[256];
        while (next_token(text, got, &pos, raw, &nr, low, &nl)) {
            int idx = map_get(&dict, low, nl);
            if (idx < 0)
                continue;
            const entry *e = &entries[idx];
            total++;
            int r = right(e, rs__syllables_rules(low, nl));
            int t = right(e, rs__syllables_ascii(low, nl));
            ok_rules += (size_t)r;
            ok_table += (size_t)t;
            ok_public += (size_t)right(e, rs_syllables(raw, nr));
            if (!r && fail)
                fprintf(fail, "%.*s\t%u\t%u\n", (int)nl, low, rs__syllables_rules(low, nl), e->counts[0]);
        }
        free(text);
    }
    if (fail)
        fclose(fail);
    printf("occurrences scored (in CMU): %zu\n", total);
    printf("rules only:            %.3f%%\n", 100.0 * (double)ok_rules / (double)total);
    printf("rules + table:         %.3f%%\n", 100.0 * (double)ok_table / (double)total);
    printf("rs_syllables (UTF-8):  %.3f%%\n", 100.0 * (double)ok_public / (double)total);
    return 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Speed of rs_syllables over the dictionary words, and over the tokens of
   FILE... (every token, dictionary word or not) when given. */
static int cmd_bench(int rounds, int nfiles, char **files)
{
    unsigned long sum = 0;
    size_t bytes = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < nentries; i++) {
            sum += rs_syllables(entries[i].word, entries[i].len);
            bytes += entries[i].len;
        }
    double s = now() - t0;
    printf("dictionary words: %.1f M words/s, %.0f MB/s of word bytes (checksum %lu)\n",
           (double)rounds * (double)nentries / s / 1e6, (double)bytes / s / 1e6, sum);
    if (nfiles == 0)
        return 0;
    /* Collect the tokens once, then time only the counting. */
    size_t cap = 1 << 16, ntok = 0, text_bytes = 0;
    char **tok = malloc(cap * sizeof *tok);
    size_t *tlen = malloc(cap * sizeof *tlen);
    for (int f = 0; f < nfiles; f++) {
        size_t got, pos = 0, nr, nl;
        char *text = read_file(files[f], &got);
        text_bytes += got;
        char raw[256], low[256];
        while (next_token(text, got, &pos, raw, &nr, low, &nl)) {
            if (ntok == cap) {
                cap *= 2;
                tok = realloc(tok, cap * sizeof *tok);
                tlen = realloc(tlen, cap * sizeof *tlen);
            }
            tok[ntok] = strndup(raw, nr);
            tlen[ntok++] = nr;
        }
        free(text);
    }
    t0 = now();
    for (int r = 0; r < rounds * 10; r++)
        for (size_t i = 0; i < ntok; i++)
            sum += rs_syllables(tok[i], tlen[i]);
    s = now() - t0;
    printf("prose tokens: %zu tokens in %zu bytes of text; %.1f M words/s = %.0f MB/s of text (checksum %lu)\n",
           ntok, text_bytes, (double)rounds * 10 * (double)ntok / s / 1e6,
           (double)rounds * 10 * (double)text_bytes / s / 1e6, sum);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s rules|table|gen|kfold|prose|bench CMU.tsv [args]\n", argv[0]);
        return 2;
    }
    load_cmu(argv[2]);
    if (!strcmp(argv[1], "rules"))
        return cmd_rules(argc > 3 ? argv[3] : NULL, 0);
    if (!strcmp(argv[1], "table"))
        return cmd_rules(argc > 3 ? argv[3] : NULL, 1);
    if (!strcmp(argv[1], "gen") && argc == 4)
        return cmd_gen(argv[3]);
    if (!strcmp(argv[1], "kfold") && argc == 4)
        return cmd_kfold(atoi(argv[3]));
    if (!strcmp(argv[1], "prose"))
        return cmd_prose(argc - 3, argv + 3);
    if (!strcmp(argv[1], "bench") && argc >= 4)
        return cmd_bench(atoi(argv[3]), argc - 4, argv + 4);
    fprintf(stderr, "bad arguments\n");
    return 2;
}
