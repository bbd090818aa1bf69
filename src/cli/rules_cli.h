/* rules_cli.h: --rules, --fail-on and `readstat rank` (readstat_rules.h). */
#ifndef READSTAT_CLI_RULES_CLI_H
#define READSTAT_CLI_RULES_CLI_H

#include "args.h"

#include "readstat.h"
#include "readstat_rules.h"

#include <stdbool.h>

/* The sandbox limits the command line asks for (--budget, --rule-memory, --rule-time). */
void cli_rule_limits(const cli_args *args, rs_rule_limits *limits);

/*
 * Loads every --rules file with the limits given on the command line.
 * Returns EXIT_OK with *out set, or the exit status after printing why
 * (EXIT_RULE_ERROR for a file that does not load).
 */
int cli_rules_load(const cli_args *args, rs_rules **out);

/*
 * Runs the rules on one report; `path` names the input (its modification
 * date becomes meta.date when the input has none).  Rule errors are printed
 * on stderr as "file:line: rule 'name': message".  NULL when out of memory.
 */
rs_rule_results *cli_rules_run(rs_rules *rules, const rs_report *report, const char *path);

/* The report's JSON with "tags", "scores", "checks" and "rule_errors"
 * added before the closing brace; then a newline. */
void cli_rules_print_json(const rs_report *report, const char *source, unsigned json_flags,
                          const rs_rule_results *results);

/* A JSON string on stdout (invalid UTF-8 becomes \ufffd). */
void cli_json_string(const char *s);

/* The rules' part of the text report. */
void cli_rules_print_human(const rs_report *report, const rs_rule_results *results);

/* `readstat rank`: analyses every input, runs the rules and prints the
 * inputs ordered by --by, highest first.  Returns the exit status. */
int cli_rank(const cli_args *args, const rs_options *opts, rs_rules *rules);

#endif
