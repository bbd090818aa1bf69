/*
 * bench: readstat's speed and memory, beside GNU style when it is installed.
 * Run by `meson test -C build --benchmark --verbose`, or directly:
 *
 *   bench READSTAT CORPUS_DIR [--mb N] [--stream-mb N] [--shapes-mb N]
 *         [--lua LUA_INTERPRETER --lua-cpath MODULE_DIR]
 *   bench READSTAT CORPUS_DIR --write-inputs DIR
 *
 * Every input is generated from the real articles of bench/corpus/
 * (SOURCES.md), so nothing outside the repository is needed.  It prints:
 *  1. large inputs (--mb, default 10) as text, Markdown and HTML: rs_analyze()
 *     MB/s in this process, `readstat --json FILE` MB/s and peak RSS, and
 *     GNU style on the same text with the ratio;
 *  2. 5 KB articles in each format: library µs and articles/s, the whole
 *     `readstat --json FILE` process in ms and its peak RSS, and `analyze`
 *     through the Lua module when --lua is given;
 *  3. batches: 1,000 articles as files and as one NDJSON stream, with -j 1
 *     and -j 2 (articles/s, the speed-up, and how many cores -j 2 kept busy:
 *     CPU seconds over wall seconds, steadier than the speed-up when the
 *     machine is shared);
 *  4. streaming: text piped through stdin at 64 MB and at --stream-mb
 *     (default 1024): MB/s and peak RSS, which must not grow with the size;
 *  5. pathological shapes at --shapes-mb (default 8) and twice that: the time
 *     ratio, which is about 2 when the cost is linear.
 * --write-inputs writes the generated inputs (gen10.{txt,md,html} of --mb
 * MB, gen1.* of 1 MB, gen0.005.* of 5 KB, and the shapes at 1 and 2 MB) to
 * DIR and stops: the
 * files to profile with callgrind (bench/README.md).
 * Timings are wall-clock, best of several runs: the machines are shared.
 * Peak RSS is measured through bench/peak.c (it says why).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "readstat.h"

const char *bench_peak_program;

/* `peak` is built beside this program. */
static void find_peak_program(void)
{
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 16);
    if (n <= 0) {
        fprintf(stderr, "bench: cannot find my own path\n");
        exit(1);
    }
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    strcpy(slash ? slash + 1 : path, "peak");
    if (access(path, X_OK) != 0) {
        fprintf(stderr, "bench: %s is missing (build the bench target)\n", path);
        exit(1);
    }
    bench_peak_program = path;
}

typedef struct settings {
    const char *readstat, *corpus_dir, *lua, *lua_cpath, *write_inputs;
    double mb, stream_mb, shapes_mb;
} settings;

static rs_format format_of(shape s)
{
    return s == AS_TEXT ? RS_FORMAT_TEXT : s == AS_MARKDOWN ? RS_FORMAT_MARKDOWN : RS_FORMAT_HTML;
}

/*
 * Runs of each large input, by the library, readstat and style alike.  A
 * run of 50 ms on a shared machine is often slowed by a neighbour; the best
 * of ten (a second of readstat) finds a quiet moment far more often than
 * the best of three did, which let one run's neighbour halve a figure.
 */
enum { LARGE_RUNS = 10 };

/* Best of `runs` wall-clock runs of rs_analyze, per analysis. */
static double library_seconds(const char *data, size_t len, rs_format format, int runs,
                              int repeat)
{
    rs_options o;
    rs_options_init(&o);
    o.format = format;
    double best = 1e30;
    for (int run = 0; run < runs; run++) {
        double t0 = now_seconds();
        for (int k = 0; k < repeat; k++) {
            rs_report *r;
            if (rs_analyze(data, len, &o, &r) != RS_OK) {
                fprintf(stderr, "bench: analysis failed\n");
                exit(1);
            }
            rs_report_free(r);
        }
        double t = now_seconds() - t0;
        if (t < best)
            best = t;
    }
    return best / repeat;
}

static void large_inputs(const settings *cfg, const corpus *c, const char *dir)
{
    bool style = have_program("style");
    printf("\n1. Large inputs, %.0f MB each (best of %d)\n", cfg->mb, LARGE_RUNS);
    printf("%-10s %12s %12s %12s %12s %12s\n", "input", "lib MB/s", "cli MB/s", "cli peak MiB",
           "MiB per MB", "vs style");
    for (shape s = AS_TEXT; s <= AS_HTML; s++) {
        buffer in = generate(c, (size_t)(cfg->mb * 1e6), s, 7);
        double mb = in.len / 1e6;
        char path[512];
        snprintf(path, sizeof path, "%s/large.%s", dir, shape_ext[s]);
        write_file(path, &in);
        double lib = library_seconds(in.data, in.len, format_of(s), LARGE_RUNS, 1);
        char *argv[] = {(char *)cfg->readstat, "--json", path, NULL};
        double cli;
        long kib;
        if (best_process(argv, LARGE_RUNS, &cli, &kib) != 0) {
            fprintf(stderr, "bench: %s failed on %s\n", cfg->readstat, path);
            exit(1);
        }
        char ratio[32] = "-";
        if (style && s == AS_TEXT) {
            char *style_argv[] = {"style", path, NULL};
            double st;
            long skib;
            if (best_process(style_argv, LARGE_RUNS, &st, &skib) == 0) {
                snprintf(ratio, sizeof ratio, "%.1fx", st / cli);
                printf("%-10s %12s %12.1f %12.1f\n", "GNU style", "-", mb / st, skib / 1024.0);
            }
        }
        printf("%-10s %12.1f %12.1f %12.1f %12.2f %12s\n", shape_names[s], mb / lib, mb / cli,
               kib / 1024.0, kib / 1024.0 / mb, ratio);
        unlink(path);
        buf_free(&in);
    }
}

/* analyze() on the article through the Lua module: µs per call, or < 0. */
static double lua_microseconds(const settings *cfg, const char *dir, const char *article)
{
    char script[512], cmd[2048], line[256];
    snprintf(script, sizeof script, "%s/bench.lua", dir);
    FILE *f = fopen(script, "w");
    if (!f)
        return -1;
    fputs("local rs = require \"readstat\"\n"
          "local f = assert(io.open(arg[1], \"rb\")); local text = f:read(\"a\"); f:close()\n"
          "local n, best = 2000, math.huge\n"
          "for _ = 1, 200 do rs.analyze(text) end\n"
          "for _ = 1, 3 do\n"
          "  local t0 = os.clock()\n"
          "  for _ = 1, n do rs.analyze(text) end\n"
          "  best = math.min(best, (os.clock() - t0) / n)\n"
          "end\n"
          "print(string.format(\"%.2f\", best * 1e6))\n",
          f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "LUA_CPATH='%s/?.so' '%s' '%s' '%s'", cfg->lua_cpath, cfg->lua,
             script, article);
    bool ok = command_line_output(cmd, line, sizeof line);
    unlink(script);
    return ok ? atof(line) : -1;
}

static void small_articles(const settings *cfg, const corpus *c, const char *dir)
{
    printf("\n2. 5 KB articles (library: best of 3 x 2,000 analyses; process: best of 20)\n");
    printf("%-10s %12s %12s %14s %12s\n", "input", "lib us", "articles/s", "process ms",
           "peak MiB");
    for (shape s = AS_TEXT; s <= AS_HTML; s++) {
        buffer article = generate(c, 5000, s, 7);
        double each = library_seconds(article.data, article.len, format_of(s), 3, 2000);
        char path[512];
        snprintf(path, sizeof path, "%s/small.%s", dir, shape_ext[s]);
        write_file(path, &article);
        char *argv[] = {(char *)cfg->readstat, "--json", path, NULL};
        double cli;
        long kib;
        if (best_process(argv, 20, &cli, &kib) != 0) {
            fprintf(stderr, "bench: %s failed on %s\n", cfg->readstat, path);
            exit(1);
        }
        printf("%-10s %12.1f %12.0f %14.2f %12.1f\n", shape_names[s], each * 1e6, 1.0 / each,
               cli * 1e3, kib / 1024.0);
        if (s == AS_TEXT && cfg->lua) {
            double us = lua_microseconds(cfg, dir, path);
            if (us >= 0)
                printf("%-10s %12.1f %12.0f   (Lua: readstat.analyze(text), os.clock)\n",
                       "text, Lua", us, 1e6 / us);
            else
                printf("text, Lua: the module could not be run\n");
        }
        unlink(path);
        buf_free(&article);
    }
}

/* Appends text as a JSON string. */
static void append_json_string(buffer *b, const char *s, size_t n)
{
    buf_appends(b, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char esc[8];
        if (ch == '"' || ch == '\\')
            esc[0] = '\\', esc[1] = (char)ch, esc[2] = 0;
        else if (ch == '\n')
            strcpy(esc, "\\n");
        else if (ch < 0x20)
            snprintf(esc, sizeof esc, "\\u%04x", ch);
        else
            esc[0] = (char)ch, esc[1] = 0;
        buf_appends(b, esc);
    }
    buf_appends(b, "\"");
}

enum { BATCH_ARTICLES = 1000 };

static void batches(const settings *cfg, const corpus *c, const char *dir)
{
    printf("\n3. Batches of %d different 5 KB text articles (best of 3)\n", BATCH_ARTICLES);
    printf("%-24s %12s %12s %10s %12s\n", "input", "-j 1 art/s", "-j 2 art/s", "speed-up",
           "-j 2 cores");
    char **paths = calloc(BATCH_ARTICLES, sizeof *paths);
    buffer ndjson = {0};
    for (int i = 0; i < BATCH_ARTICLES; i++) {
        buffer article = generate(c, 5000, AS_TEXT, 1000u + (unsigned)i);
        if (asprintf(&paths[i], "%s/a%04d.txt", dir, i) < 0)
            exit(1);
        write_file(paths[i], &article);
        char id[32];
        snprintf(id, sizeof id, "{\"id\":\"a%d\",\"text\":", i);
        buf_appends(&ndjson, id);
        append_json_string(&ndjson, article.data, article.len);
        buf_appends(&ndjson, "}\n");
        buf_free(&article);
    }
    char ndjson_path[512];
    snprintf(ndjson_path, sizeof ndjson_path, "%s/articles.ndjson", dir);
    write_file(ndjson_path, &ndjson);
    for (int kind = 0; kind < 2; kind++) {
        double rate[2], busy = 0;
        for (int jobs = 1; jobs <= 2; jobs++) {
            char **argv = calloc(BATCH_ARTICLES + 8, sizeof *argv);
            int n = 0;
            argv[n++] = (char *)cfg->readstat;
            argv[n++] = "-j";
            argv[n++] = jobs == 1 ? "1" : "2";
            if (kind == 0) {
                argv[n++] = "--json";
                for (int i = 0; i < BATCH_ARTICLES; i++)
                    argv[n++] = paths[i];
            } else {
                argv[n++] = "--ndjson-in";
                argv[n++] = ndjson_path;
            }
            double best = 1e30;
            for (int run = 0; run < 3; run++) {
                double t, cpu;
                long kib;
                if (run_process_cpu(argv, NULL, 0, &t, &kib, &cpu) != 0) {
                    fprintf(stderr, "bench: %s failed on the batch\n", cfg->readstat);
                    exit(1);
                }
                if (t < best) {
                    best = t;
                    if (jobs == 2)
                        busy = cpu / t;
                }
            }
            rate[jobs - 1] = BATCH_ARTICLES / best;
            free(argv);
        }
        printf("%-24s %12.0f %12.0f %9.2fx %12.2f\n",
               kind == 0 ? "files (--json)" : "NDJSON (--ndjson-in)", rate[0], rate[1],
               rate[1] / rate[0], busy);
    }
    for (int i = 0; i < BATCH_ARTICLES; i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
    free(paths);
    unlink(ndjson_path);
    buf_free(&ndjson);
}

static void streaming(const settings *cfg, const corpus *c)
{
    printf("\n4. Text piped through stdin (`readstat --json -`)\n");
    printf("%-10s %12s %12s\n", "MB", "MB/s", "peak MiB");
    buffer chunk = generate(c, 1 << 20, AS_TEXT, 7);
    double sizes[2] = {64, cfg->stream_mb};
    for (int i = 0; i < 2; i++) {
        if (i == 1 && sizes[1] <= sizes[0])
            break;
        size_t total = (size_t)(sizes[i] * 1e6);
        char *argv[] = {(char *)cfg->readstat, "--json", "-", NULL};
        double t;
        long kib;
        if (run_process(argv, &chunk, total, &t, &kib) != 0) {
            fprintf(stderr, "bench: %s failed on stdin\n", cfg->readstat);
            exit(1);
        }
        printf("%-10.0f %12.1f %12.1f\n", sizes[i], total / 1e6 / t, kib / 1024.0);
    }
    buf_free(&chunk);
}

/* The pathological shapes, built in memory. */
static buffer shape_input(int kind, size_t bytes, const corpus *c)
{
    buffer b = {0};
    while (b.len < bytes) {
        switch (kind) {
        case 0: /* one line of prose */
            buf_appends(&b, c->paragraphs[b.len % c->count]);
            buf_appends(&b, " ");
            break;
        case 1: buf_appends(&b, "Word. "); break;
        case 2: buf_appends(&b, "\n\n\n\n\n\n\n\n"); break;
        default: buf_appends(&b, "wordwordwordword"); break;
        }
    }
    return b;
}

static void shapes(const settings *cfg, const corpus *c)
{
    static const char *const names[] = {"one line, no break", "one-word sentences",
                                        "blank lines only", "one word"};
    size_t base = (size_t)(cfg->shapes_mb * 1e6);
    printf("\n5. Pathological shapes as text, %.0f MB and %.0f MB (library, best of 3)\n",
           cfg->shapes_mb, 2 * cfg->shapes_mb);
    printf("%-20s %12s %12s %8s\n", "shape", "s", "s at 2x", "ratio");
    for (int kind = 0; kind < 4; kind++) {
        double t[2];
        for (int k = 0; k < 2; k++) {
            buffer in = shape_input(kind, base << k, c);
            t[k] = library_seconds(in.data, in.len, RS_FORMAT_TEXT, 3, 1);
            buf_free(&in);
        }
        printf("%-20s %12.3f %12.3f %8.2f\n", names[kind], t[0], t[1], t[1] / t[0]);
    }
}

static void write_inputs(const corpus *c, const char *dir, double large_mb)
{
    const double sizes_mb[] = {large_mb, 1, 0.005};
    for (int k = 0; k < 3; k++) {
        if (k == 1 && large_mb == 1)
            continue;
        for (shape s = AS_TEXT; s <= AS_HTML; s++) {
            buffer in = generate(c, (size_t)(sizes_mb[k] * 1e6), s, 7);
            char path[4096];
            snprintf(path, sizeof path, "%s/gen%g.%s", dir, sizes_mb[k], shape_ext[s]);
            write_file(path, &in);
            printf("%s: %zu bytes\n", path, in.len);
            buf_free(&in);
        }
    }
    /* the pathological shapes at 1 and 2 MB, for instruction counts */
    static const char *const shape_files[] = {"line", "sentences", "blank", "word"};
    for (int kind = 0; kind < 4; kind++) {
        for (size_t mb = 1; mb <= 2; mb++) {
            buffer in = shape_input(kind, mb * 1000000, c);
            char path[4096];
            snprintf(path, sizeof path, "%s/shape-%s-%zu.txt", dir, shape_files[kind], mb);
            write_file(path, &in);
            printf("%s: %zu bytes\n", path, in.len);
            buf_free(&in);
        }
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: bench READSTAT CORPUS_DIR [--mb N] [--stream-mb N] [--shapes-mb N]"
                    " [--lua LUA --lua-cpath DIR] [--write-inputs DIR]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        usage();
    settings cfg = {.readstat = argv[1], .corpus_dir = argv[2], .mb = 10, .stream_mb = 1024,
                    .shapes_mb = 8};
    for (int i = 3; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        const char *opt = argv[i], *val = argv[++i];
        if (!strcmp(opt, "--mb"))
            cfg.mb = atof(val);
        else if (!strcmp(opt, "--stream-mb"))
            cfg.stream_mb = atof(val);
        else if (!strcmp(opt, "--shapes-mb"))
            cfg.shapes_mb = atof(val);
        else if (!strcmp(opt, "--lua"))
            cfg.lua = val;
        else if (!strcmp(opt, "--lua-cpath"))
            cfg.lua_cpath = val;
        else if (!strcmp(opt, "--write-inputs"))
            cfg.write_inputs = val;
        else
            usage();
    }
    if (cfg.mb <= 0 || cfg.stream_mb <= 0 || cfg.shapes_mb <= 0 || (!cfg.lua != !cfg.lua_cpath))
        usage();
    corpus c = corpus_load(cfg.corpus_dir);
    if (cfg.write_inputs) {
        write_inputs(&c, cfg.write_inputs, cfg.mb);
        corpus_free(&c);
        return 0;
    }
    find_peak_program();
    char dir[] = "/tmp/readstat-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return 1;
    }
    printf("readstat %s benchmark (wall clock on a shared machine: compare runs with care)\n",
           readstat_version());
    large_inputs(&cfg, &c, dir);
    small_articles(&cfg, &c, dir);
    batches(&cfg, &c, dir);
    streaming(&cfg, &c);
    shapes(&cfg, &c);
    rmdir(dir);
    corpus_free(&c);
    return 0;
}
