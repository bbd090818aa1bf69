/* args.h: the command line. */
#ifndef READSTAT_CLI_ARGS_H
#define READSTAT_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

/* The subcommand: argv[1] when it is one of these words. */
typedef enum cli_mode {
    CLI_MODE_ANALYZE = 0, /* readstat [OPTIONS] [FILE...] */
    CLI_MODE_RANK,        /* readstat rank ... */
    CLI_MODE_CHECK,       /* readstat check PATH... (check.c) */
    CLI_MODE_SERVE        /* readstat serve (serve.c) */
} cli_mode;

/* Upper bounds that keep a typo from asking for a million threads. */
#define CLI_MAX_JOBS 256
/* check and serve fail on error-level checks unless --fail-on says otherwise. */
#define CLI_FAIL_ON_DEFAULT 2
#define CLI_DEFAULT_MAX_BODY (8u * 1024 * 1024)

typedef struct cli_args {
    cli_mode mode;
    bool json;
    bool detail;
    bool help;
    bool version;
    bool wpm_given;
    double wpm;
    const char *lang;    /* NULL: the library's default */
    const char *output;  /* -o FILE: written whole or not at all; NULL: stdout */

    /* Rules (readstat_rules.h) */
    bool rank;           /* the "rank" subcommand */
    const char **rules;  /* --rules FILE, in order; points into argv */
    size_t rule_count;
    int fail_on;         /* --fail-on: an rs_check_level, or -1 */
    const char *rank_by; /* rank --by SCORE */
    bool budget_given;
    unsigned long long budget;   /* --budget N instructions */
    bool rule_memory_given;
    size_t rule_memory;  /* --rule-memory MiB, in bytes */
    bool rule_seconds_given;
    double rule_seconds; /* --rule-time SECONDS */

    bool format_given;
    int format;          /* rs_format; AUTO goes by extension, then sniffing */
    bool all;            /* --all: the whole page makes the main figures */
    bool extract;        /* --extract: print the main content */
    const char **meta;   /* --meta key=value, in order (points into argv) */
    size_t meta_count;
    unsigned jobs;       /* -j N / --jobs N: worker threads (1: none) */
    bool ndjson_in;      /* --ndjson-in: the inputs are NDJSON article streams */

    /* check */
    const char **includes; /* --include GLOB (repeatable), points into argv */
    size_t include_count;
    const char **excludes; /* --exclude GLOB (repeatable) */
    size_t exclude_count;
    bool ndjson;         /* --ndjson */
    bool csv;            /* --csv */
    const char *junit;   /* --junit FILE */
    const char *changed_since; /* --changed-since REV */
    bool quiet;          /* -q, --quiet: no progress bar */
    bool fail_on_given;

    /* serve */
    const char *listen;  /* --listen ADDR:PORT (default 127.0.0.1:8080) */
    const char *token_file; /* --token-file FILE */
    unsigned threads;    /* --threads N (default 2) */
    size_t max_body;     /* --max-body BYTES (default 8 MiB) */
    unsigned timeout;    /* --timeout SECONDS (default 30) */
    const char *payload; /* --payload ghost|wordpress|generic */
    const char **fields; /* --field NAME=/json/pointer (repeatable) */
    size_t field_count;

    char **inputs;       /* points into argv; "-" is stdin */
    size_t input_count;  /* 0: read stdin */
} cli_args;

/* Exit statuses, also listed by --help. */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_INTERNAL = 1, /* a write error or out of memory */
    EXIT_GATE_FAILED = 1,      /* a check at --fail-on level or above failed */
    EXIT_USAGE = 2,
    EXIT_BAD_INPUT = 3,
    EXIT_RULE_ERROR = 4        /* a rule file failed to load, or a rule failed */
};

/*
 * Parses argv.  Returns true on success; on a usage error prints the reason
 * and a hint on stderr and returns false.  The input names are moved to
 * the front of argv (args->inputs points there).
 */
bool cli_parse_args(int argc, char **argv, cli_args *args);

/* Releases what cli_parse_args allocated. */
void cli_free_args(cli_args *args);

/* The --help text, on stdout. */
void cli_print_usage(void);

#endif
