/* bench.h: what the benchmark's parts share (inputs.c, procs.c, bench.c). */
#ifndef READSTAT_BENCH_H
#define READSTAT_BENCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer;

void buf_append(buffer *b, const char *s, size_t n);
void buf_appends(buffer *b, const char *s);
void buf_free(buffer *b);

/* The prose paragraphs of the corpus (bench/corpus/: real articles). */
typedef struct corpus {
    char **paragraphs;
    size_t count;
} corpus;

corpus corpus_load(const char *corpus_dir);
void corpus_free(corpus *c);

typedef enum { AS_TEXT, AS_MARKDOWN, AS_HTML } shape;
extern const char *const shape_names[3];
extern const char *const shape_ext[3];

/*
 * About `bytes` of articles in the shape: a title, paragraphs, a
 * subheading, a list.  seed picks the paragraphs, so different seeds give
 * different articles of the same kind.
 */
buffer generate(const corpus *c, size_t bytes, shape s, unsigned seed);

void write_file(const char *path, const buffer *b);

double now_seconds(void);

/* The `peak` program (bench/peak.c) that run_process() measures through. */
extern const char *bench_peak_program;

/* Runs argv with stdout and stderr to /dev/null; wall seconds and peak
 * RSS (KiB).  With feed, the child's stdin is a pipe that gets `feed`
 * repeated until `feed_total` bytes were written.  Returns the exit
 * status, or -1. */
int run_process(char *const argv[], const buffer *feed, size_t feed_total, double *seconds,
                long *peak_kib);

/* The same, also giving the user + system CPU seconds it used. */
int run_process_cpu(char *const argv[], const buffer *feed, size_t feed_total, double *seconds,
                    long *peak_kib, double *cpu_seconds);

/* Best wall time of `runs` runs (the largest peak RSS); non-zero if one failed. */
int best_process(char *const argv[], int runs, double *seconds, long *peak_kib);

/* Runs a shell command and reads the first line it prints into out. */
bool command_line_output(const char *command, char *out, size_t size);

bool have_program(const char *name);

#endif
