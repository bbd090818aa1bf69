/*
 * html_debug: shows how readstat reads a page, for tuning the HTML
 * front-end and classifier.
 *
 *   html_debug FILE            every block: index, role, kind/level, words, text
 *   html_debug --extract FILE  the main content, as `readstat --extract` prints it
 *   html_debug --meta FILE     the metadata
 *
 * Reads the file in 64 KiB chunks, as the CLI does, so streaming is exercised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"

static rs_report *analyze(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return NULL;
    }
    rs_options opts;
    rs_options_init(&opts);
    opts.format = RS_FORMAT_HTML;
    rs_analyzer *a;
    if (rs_analyzer_new(&opts, &a) != RS_OK) {
        fclose(fp);
        return NULL;
    }
    static char chunk[65536];
    size_t n;
    rs_status st = RS_OK;
    while (st == RS_OK && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        st = rs_analyzer_feed(a, chunk, n);
    fclose(fp);
    rs_report *r = NULL;
    if (st == RS_OK)
        st = rs_analyzer_finish(a, &r);
    rs_analyzer_free(a);
    if (st != RS_OK)
        fprintf(stderr, "%s: %s\n", path, rs_strerror(st));
    return r;
}

int main(int argc, char **argv)
{
    const char *mode = "blocks", *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) == 0)
            mode = argv[i] + 2;
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: html_debug [--extract|--meta] FILE\n");
        return 2;
    }
    rs_report *r = analyze(path);
    if (!r)
        return 1;
    size_t nb = rs_report_block_count(r);
    if (strcmp(mode, "extract") == 0) {
        bool first = true;
        for (size_t i = 0; i < nb; i++) {
            const rs_block *b = rs_report_block(r, i);
            if (b->role != RS_ROLE_CONTENT && b->role != RS_ROLE_CAPTION)
                continue;
            size_t len;
            const char *t = rs_report_block_text(r, i, &len);
            if (!len)
                continue;
            printf("%s%.*s\n", first ? "" : "\n", (int)len, t);
            first = false;
        }
    } else if (strcmp(mode, "meta") == 0) {
        for (size_t i = 0; i < rs_report_meta_count(r); i++) {
            const char *k, *v;
            rs_report_meta_at(r, i, &k, &v);
            printf("%s: %s\n", k, v);
        }
    } else {
        for (size_t i = 0; i < nb; i++) {
            const rs_block *b = rs_report_block(r, i);
            size_t len;
            const char *t = rs_report_block_text(r, i, &len);
            printf("%4zu %-11s %-9s%d %5zu-%-5zu w=%-4llu i=%llu |%.*s%s\n", i,
                   rs_role_name(b->role), rs_block_kind_name(b->kind), b->level, b->start, b->end,
                   (unsigned long long)b->words, (unsigned long long)b->counts.images,
                   (int)(len > 100 ? 100 : len), t, len > 100 ? "..." : "");
        }
    }
    rs_report_free(r);
    return 0;
}
