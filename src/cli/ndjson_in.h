/* ndjson_in.h: `readstat --ndjson-in`: NDJSON article streams in, one
 * JSON line out per article, in input order, on -j N threads. */
#ifndef READSTAT_CLI_NDJSON_IN_H
#define READSTAT_CLI_NDJSON_IN_H

#include "args.h"

#include "readstat.h"
#include "readstat_rules.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ndjson_result {
    int status;        /* EXIT_OK, EXIT_BAD_INPUT (a bad line or file), ... */
    bool rule_failed;
    bool gate_failed;
} ndjson_result;

/* Reads each input ("-" is stdin) line by line. */
ndjson_result cli_ndjson_in(const cli_args *args, const rs_options *opts, rs_rules *rules,
                            char **inputs, size_t count);

#endif
