/*
 * repeat FORMAT FILE [N]: rs_analyze() of FILE N times (default 1) and the
 * time per run.  FORMAT is t, m, h or a (text, Markdown, HTML, auto).  The
 * program to run under `valgrind --tool=callgrind` for instruction counts,
 * which, unlike wall time, do not change with the machine's load.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "readstat.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: repeat t|m|h|a FILE [N]\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    size_t cap = 1 << 20, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        return 1;
    rs_options o;
    rs_options_init(&o);
    const char c = argv[1][0];
    o.format = c == 't' ? RS_FORMAT_TEXT : c == 'm' ? RS_FORMAT_MARKDOWN
             : c == 'h' ? RS_FORMAT_HTML : RS_FORMAT_AUTO;
    int repeat = argc > 3 ? atoi(argv[3]) : 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < repeat; i++) {
        rs_report *r;
        rs_status st = rs_analyze(buf, len, &o, &r);
        if (st != RS_OK) {
            fprintf(stderr, "repeat: %s\n", rs_strerror(st));
            return 1;
        }
        rs_report_free(r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%.1f us per run, %.2f MB/s\n", s / repeat * 1e6, len * (double)repeat / s / 1e6);
    free(buf);
    return 0;
}
