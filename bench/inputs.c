/* The benchmark's inputs, generated from the prose of bench/corpus/. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

const char *const shape_names[3] = {"text", "markdown", "html"};
const char *const shape_ext[3] = {"txt", "md", "html"};

void buf_append(buffer *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        if (!b->data) {
            perror("bench");
            exit(1);
        }
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_appends(buffer *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_free(buffer *b)
{
    free(b->data);
    *b = (buffer){0};
}

static buffer read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    buffer b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    return b;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The corpus's files (*.txt), sorted, so that every run reads them in the
   same order and a seed always picks the same paragraphs. */
static size_t corpus_files(const char *dir, char ***names)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "bench: %s: %s\n", dir, strerror(errno));
        exit(1);
    }
    size_t count = 0, cap = 0;
    *names = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n <= 4 || strcmp(e->d_name + n - 4, ".txt") != 0)
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            *names = realloc(*names, cap * sizeof **names);
            if (!*names) {
                perror("bench");
                exit(1);
            }
        }
        (*names)[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(*names, count, sizeof **names, by_name);
    return count;
}

/* Prose paragraphs: lines of 60+ bytes that end a sentence. */
corpus corpus_load(const char *dir)
{
    enum { MOST_PARAGRAPHS = 65536 };
    corpus c = {malloc(MOST_PARAGRAPHS * sizeof(char *)), 0};
    char **files;
    size_t nfiles = corpus_files(dir, &files);
    for (size_t f = 0; f < nfiles; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        free(files[f]);
        buffer text = read_file(path);
        char *save = NULL;
        for (char *line = strtok_r(text.data, "\n", &save); line && c.count < MOST_PARAGRAPHS;
             line = strtok_r(NULL, "\n", &save)) {
            size_t n = strlen(line);
            while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
                n--;
            if (n >= 60 && strchr(".?!\"”)", line[n - 1]))
                c.paragraphs[c.count++] = strndup(line, n);
        }
        buf_free(&text);
    }
    free(files);
    if (c.count == 0) {
        fprintf(stderr, "bench: no prose paragraphs in %s\n", dir);
        exit(1);
    }
    return c;
}

void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->paragraphs[i]);
    free(c->paragraphs);
    *c = (corpus){0};
}

buffer generate(const corpus *c, size_t bytes, shape s, unsigned seed)
{
    buffer b = {0};
    size_t article = 0;
    if (s == AS_HTML)
        buf_appends(&b, "<!DOCTYPE html><html lang=\"en\"><head><title>Bench | Site</title></head>"
                        "<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main>");
    bool full = false;
    while (b.len < bytes && !full) {
        char title[128];
        snprintf(title, sizeof title, "Report number %zu from the harbor desk", ++article);
        if (s == AS_TEXT)
            buf_appends(&b, title), buf_appends(&b, "\n\n");
        else if (s == AS_MARKDOWN)
            buf_appends(&b, "# "), buf_appends(&b, title), buf_appends(&b, "\n\n");
        else
            buf_appends(&b, "<article><h1>"), buf_appends(&b, title), buf_appends(&b, "</h1>\n");
        for (int p = 0; p < 8; p++) {
            seed = seed * 1103515245u + 12345u;
            const char *para = c->paragraphs[(seed >> 8) % c->count];
            /* the last article ends once the size is reached */
            if (p > 0 && b.len >= bytes) {
                full = true;
                break;
            }
            if (p == 4) {
                const char *sub = s == AS_TEXT       ? "What Comes Next\n\n"
                                  : s == AS_MARKDOWN ? "## What comes *next*\n\n"
                                                     : "<h2>What comes <em>next</em></h2>\n";
                buf_appends(&b, sub);
            }
            if (s == AS_HTML)
                buf_appends(&b, "<p>"), buf_appends(&b, para), buf_appends(&b, "</p>\n");
            else
                buf_appends(&b, para), buf_appends(&b, "\n\n");
        }
        const char *list =
            s == AS_TEXT ? "• Ferries run nightly\n• Tickets cost less\n\n"
            : s == AS_MARKDOWN
                ? "- Ferries run **nightly**\n- Tickets cost [less](https://example.org)\n\n"
                : "<ul><li>Ferries run nightly</li><li>Tickets cost <a href=\"/t\">less</a>"
                  "</li></ul></article>\n";
        buf_appends(&b, list);
    }
    if (s == AS_HTML)
        buf_appends(&b, "</main><footer><p>© Harbor City Daily</p></footer></body></html>\n");
    return b;
}

void write_file(const char *path, const buffer *b)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        exit(1);
    }
}
