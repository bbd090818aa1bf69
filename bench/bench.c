/*
 * bench: throughput and memory of readstat, beside GNU style when it is
 * installed.  Run by `meson test -C build --benchmark --verbose`.
 *
 * Usage: bench READSTAT_BINARY EXAMPLES_DIR [MEGABYTES]
 *
 * The inputs are generated from the bundled example articles (our own
 * text), so the benchmark needs nothing from outside the repository: a
 * plain-text file of MEGABYTES (default 10) MB, the same content as
 * Markdown and as HTML, and a 5 KB article.  For each it prints:
 *  - library throughput: rs_analyze() in this process, MB/s;
 *  - whole-process throughput and peak RSS of `readstat --json FILE`;
 *  - for the 5 KB article, articles per second through the library;
 *  - GNU style on the same text, and the ratio, when `style` is found.
 * Timings are wall-clock, best of three: the machines are shared.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "readstat.h"

typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer;

static void append(buffer *b, const char *s, size_t n)
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

static void appends(buffer *b, const char *s)
{
    append(b, s, strlen(s));
}

static char *read_file(const char *path, size_t *len)
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
        append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return b.data;
}

/* The prose paragraphs of the examples: lines of 60+ bytes ending a sentence. */
typedef struct corpus {
    char **paragraphs;
    size_t count;
} corpus;

static corpus load_corpus(const char *dir)
{
    static const char *const files[] = {"article.txt", "sections.txt", "short.txt"};
    corpus c = {malloc(4096 * sizeof(char *)), 0};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        size_t len;
        char *text = read_file(path, &len);
        for (char *line = strtok(text, "\n"); line && c.count < 4096; line = strtok(NULL, "\n")) {
            size_t n = strlen(line);
            while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
                n--;
            if (n >= 60 && strchr(".?!\"”", line[n - 1]))
                c.paragraphs[c.count++] = strndup(line, n);
        }
        free(text);
    }
    if (c.count == 0) {
        fprintf(stderr, "bench: no prose paragraphs in %s\n", dir);
        exit(1);
    }
    return c;
}

typedef enum { AS_TEXT, AS_MARKDOWN, AS_HTML } shape;

/* About `bytes` of articles: a title, paragraphs, a subheading, a list. */
static buffer generate(const corpus *c, size_t bytes, shape s)
{
    buffer b = {0};
    unsigned seed = 7;
    size_t article = 0;
    if (s == AS_HTML)
        appends(&b, "<!DOCTYPE html><html lang=\"en\"><head><title>Bench | Site</title></head><body>"
                    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main>");
    while (b.len < bytes) {
        char title[128];
        snprintf(title, sizeof title, "Report number %zu from the harbor desk", ++article);
        if (s == AS_TEXT)
            appends(&b, title), appends(&b, "\n\n");
        else if (s == AS_MARKDOWN)
            appends(&b, "# "), appends(&b, title), appends(&b, "\n\n");
        else
            appends(&b, "<article><h1>"), appends(&b, title), appends(&b, "</h1>\n");
        for (int p = 0; p < 8; p++) {
            seed = seed * 1103515245u + 12345u;
            const char *para = c->paragraphs[(seed >> 8) % c->count];
            if (p == 4) {
                const char *sub = s == AS_TEXT ? "What Comes Next\n\n"
                                  : s == AS_MARKDOWN ? "## What comes *next*\n\n"
                                                     : "<h2>What comes <em>next</em></h2>\n";
                appends(&b, sub);
            }
            if (s == AS_HTML)
                appends(&b, "<p>"), appends(&b, para), appends(&b, "</p>\n");
            else
                appends(&b, para), appends(&b, "\n\n");
        }
        const char *list = s == AS_TEXT ? "• Ferries run nightly\n• Tickets cost less\n\n"
                           : s == AS_MARKDOWN ? "- Ferries run **nightly**\n- Tickets cost [less](https://example.org)\n\n"
                                              : "<ul><li>Ferries run nightly</li><li>Tickets cost <a href=\"/t\">less</a></li></ul></article>\n";
        appends(&b, list);
    }
    if (s == AS_HTML)
        appends(&b, "</main><footer><p>© Harbor City Daily</p></footer></body></html>\n");
    return b;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static rs_format format_of(shape s)
{
    return s == AS_TEXT ? RS_FORMAT_TEXT : s == AS_MARKDOWN ? RS_FORMAT_MARKDOWN : RS_FORMAT_HTML;
}

/* Best of three wall-clock runs of rs_analyze over the whole input. */
static double library_seconds(const buffer *in, shape s, int repeat)
{
    rs_options o;
    rs_options_init(&o);
    o.format = format_of(s);
    double best = 1e30;
    for (int run = 0; run < 3; run++) {
        double t0 = now();
        for (int k = 0; k < repeat; k++) {
            rs_report *r;
            if (rs_analyze(in->data, in->len, &o, &r) != RS_OK) {
                fprintf(stderr, "bench: analysis failed\n");
                exit(1);
            }
            rs_report_free(r);
        }
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    return best / repeat;
}

/* Runs argv with stdout to /dev/null; wall seconds and peak RSS in KiB. */
static int run_process(char *const argv[], double *seconds, long *peak_kib)
{
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    *seconds = now() - t0;
    *peak_kib = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int best_process(char *const argv[], double *seconds, long *peak_kib)
{
    *seconds = 1e30;
    *peak_kib = 0;
    for (int run = 0; run < 3; run++) {
        double t;
        long kib;
        int st = run_process(argv, &t, &kib);
        if (st != 0)
            return st;
        if (t < *seconds)
            *seconds = t;
        if (kib > *peak_kib)
            *peak_kib = kib;
    }
    return 0;
}

static void write_file(const char *path, const buffer *b)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        exit(1);
    }
}

static bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench READSTAT EXAMPLES_DIR [MEGABYTES]\n");
        return 2;
    }
    const char *readstat = argv[1];
    double megabytes = argc > 3 ? atof(argv[3]) : 10.0;
    corpus c = load_corpus(argv[2]);
    char dir[] = "/tmp/readstat-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return 1;
    }
    bool style = have_program("style");
    printf("readstat %s benchmark, %.0f MB inputs, best of 3 wall-clock runs\n", readstat_version(),
           megabytes);
    printf("%-10s %12s %12s %12s %12s %12s\n", "input", "lib MB/s", "cli MB/s", "cli peak MiB",
           "MiB per MB", "vs style");
    static const char *const names[] = {"text", "markdown", "html"};
    static const char *const ext[] = {"txt", "md", "html"};
    for (shape s = AS_TEXT; s <= AS_HTML; s++) {
        buffer in = generate(&c, (size_t)(megabytes * 1e6), s);
        double mb = in.len / 1e6;
        char path[256];
        snprintf(path, sizeof path, "%s/large.%s", dir, ext[s]);
        write_file(path, &in);
        double lib = library_seconds(&in, s, 1);
        char *cli_argv[] = {(char *)readstat, "--json", path, NULL};
        double cli;
        long kib;
        if (best_process(cli_argv, &cli, &kib) != 0) {
            fprintf(stderr, "bench: %s failed on %s\n", readstat, path);
            return 1;
        }
        char ratio[32] = "-";
        if (style && s == AS_TEXT) {
            char *style_argv[] = {"style", path, NULL};
            double st;
            long skib;
            if (best_process(style_argv, &st, &skib) == 0)
                snprintf(ratio, sizeof ratio, "%.1fx", st / cli);
            printf("%-10s %12s %12.1f %12.1f\n", "style", "-", mb / st, skib / 1024.0);
        }
        printf("%-10s %12.1f %12.1f %12.1f %12.2f %12s\n", names[s], mb / lib, mb / cli,
               kib / 1024.0, kib / 1024.0 / mb, ratio);
        unlink(path);
        free(in.data);
    }
    /* Small articles: what a CMS pays per request. */
    for (shape s = AS_TEXT; s <= AS_HTML; s++) {
        buffer article = generate(&c, 5000, s);
        double each = library_seconds(&article, s, 2000);
        printf("5 KB %-8s article: %.1f us per analysis, %.0f articles/s (library, one thread)\n",
               names[s], each * 1e6, 1.0 / each);
        free(article.data);
    }
    buffer small = generate(&c, 5000, AS_TEXT);
    char path[256];
    snprintf(path, sizeof path, "%s/small.txt", dir);
    write_file(path, &small);
    char *cli_argv[] = {(char *)readstat, "--json", path, NULL};
    double cli;
    long kib;
    if (best_process(cli_argv, &cli, &kib) == 0)
        printf("5 KB article: %.2f ms for the whole readstat process\n", cli * 1e3);
    unlink(path);
    rmdir(dir);
    free(small.data);
    for (size_t i = 0; i < c.count; i++)
        free(c.paragraphs[i]);
    free(c.paragraphs);
    return 0;
}
