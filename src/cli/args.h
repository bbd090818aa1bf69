/* args.h: the command line. */
#ifndef READSTAT_CLI_ARGS_H
#define READSTAT_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cli_args {
    bool json;
    bool detail;
    bool help;
    bool version;
    bool wpm_given;
    double wpm;
    const char *lang;    /* NULL: the library's default */

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
