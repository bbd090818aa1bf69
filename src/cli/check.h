/* check.h: `readstat check PATH...`, the publish gate for static sites. */
#ifndef READSTAT_CLI_CHECK_H
#define READSTAT_CLI_CHECK_H

#include "args.h"
#include "input.h"
#include "strbuf.h"

#include "readstat.h"
#include "readstat_rules.h"

#include <stdbool.h>
#include <stddef.h>

/* Runs the check; returns the exit status. */
int cli_check(const cli_args *args, const rs_options *opts, rs_rules *rules);

/* One file, analysed on a worker thread and printed on the main one. */
typedef struct check_job {
    const char *path;
    rs_report *report;         /* NULL when the file could not be read */
    rs_rule_results *results;  /* NULL without rules */
    input_result result;
    char reason[256];
} check_job;

/* Totals over the files, for the summary line and the exit status. */
typedef struct check_totals {
    size_t files, unreadable, gate_failed_files;
    size_t failed[3];          /* failed checks by rs_check_level */
    size_t rule_errors;
} check_totals;

/* Does this check fail the gate (a failure at --fail-on level or worse)? */
bool check_fails_gate(const cli_args *args, const rs_rule_check *c);

/* Output formats (check_out.c): begin, one file, end. */
void check_out_begin(const cli_args *args);
void check_out_file(const cli_args *args, const check_job *job, size_t index);
void check_out_end(const cli_args *args, const check_totals *totals);

/* JUnit XML (junit.c): one <testsuite> per file, appended to body. */
void junit_file(strbuf *body, const cli_args *args, const check_job *job, size_t *tests,
                size_t *failures, size_t *errors);
/* Writes the whole document to path; false after printing why. */
bool junit_write(const char *path, const strbuf *body, size_t tests, size_t failures,
                 size_t errors);

#endif
