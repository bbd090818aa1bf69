/*
 * check.c: `readstat check`: finds the files (check_walk.c), analyses each
 * one and runs the rules on -j N threads (batch.h), prints one entry per
 * file in the chosen format (check_out.c) and the JUnit report (junit.c),
 * and exits 1 when a check at the --fail-on level failed.
 */
#include "check.h"

#include "batch.h"
#include "check_walk.h"
#include "output.h"
#include "rules_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A bar for two or three files flashes by and says nothing. */
#define PROGRESS_MIN_FILES 4
#define PROGRESS_WIDTH 30

typedef struct check_run {
    const cli_args *args;
    const rs_options *opts;
    file_list files;
    size_t next, emitted;
    check_totals totals;
    strbuf junit;
    size_t junit_tests, junit_failures, junit_errors;
    bool progress;
    int status;
} check_run;

bool check_fails_gate(const cli_args *args, const rs_rule_check *c)
{
    return !c->passed && args->fail_on >= 0 && (int)c->level >= args->fail_on;
}

static void merge_status(int *status, int s)
{
    if (s == EXIT_FAILURE_INTERNAL || (s != EXIT_OK && *status == EXIT_OK))
        *status = s;
}

static void *check_next(void *ud)
{
    check_run *run = ud;
    if (run->next >= run->files.count)
        return NULL;
    check_job *job = calloc(1, sizeof *job);
    if (!job) {
        merge_status(&run->status, EXIT_FAILURE_INTERNAL);
        return NULL;
    }
    job->path = run->files.paths[run->next++];
    return job;
}

static void check_work(void *ud, void *state, void *vjob)
{
    check_run *run = ud;
    check_job *job = vjob;
    job->result = cli_analyze_input_r(job->path, run->opts, run->args->meta,
                                      run->args->meta_count, NULL, NULL, &job->report,
                                      job->reason, sizeof job->reason);
    if (job->result != INPUT_OK || !state)
        return;
    /* The front matter is already in the report's metadata, which the
     * rules see as article.meta; meta.file and meta.date are added as for
     * `readstat --rules`. */
    job->results = rules_exec_file(state, job->report, job->path, NULL, 0);
    if (!job->results) {
        job->result = INPUT_NO_MEMORY;
        snprintf(job->reason, sizeof job->reason, "out of memory running the rules");
        rs_report_free(job->report);
        job->report = NULL;
    }
}

static void draw_progress(const check_run *run)
{
    size_t total = run->files.count, done = run->emitted;
    size_t filled = total ? done * PROGRESS_WIDTH / total : 0;
    char bar[PROGRESS_WIDTH + 1];
    memset(bar, '#', filled);
    memset(bar + filled, '.', PROGRESS_WIDTH - filled);
    bar[PROGRESS_WIDTH] = '\0';
    fprintf(stderr, "\rreadstat check [%s] %zu/%zu", bar, done, total);
    fflush(stderr);
}

static void tally(check_run *run, const check_job *job)
{
    check_totals *t = &run->totals;
    t->files++;
    if (job->result != INPUT_OK) {
        t->unreadable++;
        merge_status(&run->status,
                     job->result == INPUT_NO_MEMORY ? EXIT_FAILURE_INTERNAL : EXIT_BAD_INPUT);
        return;
    }
    if (!job->results)
        return;
    bool gate = false;
    for (size_t i = 0; i < job->results->check_count; i++) {
        const rs_rule_check *c = &job->results->checks[i];
        if (!c->passed && c->level <= RS_CHECK_ERROR)
            t->failed[c->level]++;
        gate |= check_fails_gate(run->args, c);
    }
    t->gate_failed_files += gate;
    t->rule_errors += job->results->error_count;
}

static bool check_emit(void *ud, void *vjob)
{
    check_run *run = ud;
    check_job *job = vjob;
    tally(run, job);
    /* Messages first, as `readstat FILE` prints them. */
    if (job->result != INPUT_OK) {
        cli_error("%s: %s", job->path, job->reason);
    } else {
        uint64_t invalid = rs_report_invalid_utf8(job->report);
        if (invalid > 0)
            cli_error("%s: %llu invalid UTF-8 sequence(s) replaced by U+FFFD", job->path,
                      (unsigned long long)invalid);
        if (job->results) {
            strbuf errors = {0};
            rules_exec_errors(job->results, &errors);
            const char *text = sb_cstr(&errors);
            for (const char *nl; (nl = strchr(text, '\n')) != NULL; text = nl + 1)
                cli_error("%.*s", (int)(nl - text), text);
            sb_free(&errors);
        }
    }
    check_out_file(run->args, job, run->emitted);
    if (run->args->junit)
        junit_file(&run->junit, run->args, job, &run->junit_tests, &run->junit_failures,
                   &run->junit_errors);
    run->emitted++;
    if (run->progress)
        draw_progress(run);
    rs_rule_results_free(job->results);
    rs_report_free(job->report);
    free(job);
    return out_ok();
}

int cli_check(const cli_args *args, const rs_options *opts, rs_rules *rules)
{
    check_run run = {.args = args, .opts = opts};
    run.status = check_collect(args, &run.files);
    if (run.status == EXIT_FAILURE_INTERNAL || run.status == EXIT_USAGE) {
        file_list_free(&run.files);
        return run.status;
    }
    run.progress = !args->quiet && run.files.count >= PROGRESS_MIN_FILES &&
                   isatty(STDERR_FILENO);
    unsigned threads = args->jobs;
    if (threads > run.files.count)
        threads = run.files.count ? (unsigned)run.files.count : 1;
    void **states = NULL;
    int st = cli_rules_per_thread(args, rules, threads, &states);
    if (st != EXIT_OK) {
        file_list_free(&run.files);
        return st;
    }
    check_out_begin(args);
    batch_ops ops = {.ud = &run, .next = check_next, .work = check_work, .emit = check_emit};
    if (!batch_run(&ops, states, threads)) {
        cli_error("could not start %u threads", threads);
        merge_status(&run.status, EXIT_FAILURE_INTERNAL);
    }
    cli_rules_free_per_thread(rules, states, threads);
    if (run.progress) {
        /* Leave the terminal line as it was. */
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    check_out_end(args, &run.totals);
    if (args->junit && !junit_write(args->junit, &run.junit, run.junit_tests,
                                    run.junit_failures, run.junit_errors))
        merge_status(&run.status, EXIT_FAILURE_INTERNAL);
    sb_free(&run.junit);
    file_list_free(&run.files);
    if (!out_flush())
        return EXIT_FAILURE_INTERNAL;
    /* Same precedence as `readstat FILE...`: input, then rules, then gate. */
    if (run.status == EXIT_OK && run.totals.rule_errors > 0)
        run.status = EXIT_RULE_ERROR;
    if (run.status == EXIT_OK && run.totals.gate_failed_files > 0)
        run.status = EXIT_GATE_FAILED;
    return run.status;
}
