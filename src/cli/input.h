/* input.h: one input (a file or stdin) through the streaming analyzer. */
#ifndef READSTAT_CLI_INPUT_H
#define READSTAT_CLI_INPUT_H

#include "readstat.h"

#include <stddef.h>

typedef enum input_result {
    INPUT_OK = 0,
    INPUT_UNREADABLE, /* missing, a directory, not text, ...: exit status 3 */
    INPUT_NO_MEMORY   /* exit status 1 */
} input_result;

/*
 * Analyzes path ("-" is stdin), reading it in 64 KiB chunks.  On INPUT_OK
 * *out owns the report; otherwise *reason points to a static message.
 * For one thread at a time (strerror); threads use cli_analyze_input_r.
 */
input_result cli_analyze_input(const char *path, const rs_options *opts, const char *const *meta,
                               size_t meta_count, rs_report **out, const char **reason);

/* The same, safe on any thread: the reason is written to reason_buf.
 * on_block, unless NULL, is handed each block (rs_analyzer_on_block()). */
input_result cli_analyze_input_r(const char *path, const rs_options *opts,
                                 const char *const *meta, size_t meta_count,
                                 rs_block_fn on_block, void *on_block_ud, rs_report **out,
                                 char *reason_buf, size_t reason_size);

/* A key and a value, both copied by the analyzer. */
typedef struct cli_meta_pair {
    const char *key;
    const char *value;
} cli_meta_pair;

/*
 * Analyzes text held in memory (an NDJSON line's or a request's article)
 * with `pairs` set as metadata first (they win over the document's own),
 * then the "key=value" strings of meta.  On failure *reason is a static
 * message.
 */
input_result cli_analyze_memory(const char *text, size_t len, const rs_options *opts,
                                const cli_meta_pair *pairs, size_t pair_count,
                                const char *const *meta, size_t meta_count, rs_report **out,
                                const char **reason);

/* RS_FORMAT_AUTO resolved by the file's extension, when it tells. */
rs_format cli_format_for_path(const char *path, rs_format asked);

/* How messages name an input: "<stdin>" for "-". */
const char *cli_input_display_name(const char *path);

#endif
