/* rules_exec.h: running the rules without printing, so that it can happen
 * on any thread; the caller reports rule errors where its output goes. */
#ifndef READSTAT_CLI_RULES_EXEC_H
#define READSTAT_CLI_RULES_EXEC_H

#include "readstat.h"
#include "readstat_rules.h"

#include "args.h"
#include "strbuf.h"

#include <stdbool.h>

/* Runs rules on report with the same metadata as cli_rules_run (meta.file
 * = path, and the file's date when the article has none) plus `extra`.
 * NULL when out of memory. */
rs_rule_results *rules_exec_file(rs_rules *rules, const rs_report *report, const char *path,
                                 const rs_rule_meta *extra, size_t extra_count);

/* Appends one "file:line: rule 'name': message" line per rule error, the
 * text cli_rules_run prints, each without the "readstat: " prefix. */
void rules_exec_errors(const rs_rule_results *res, strbuf *out);

/*
 * Appends the rules' JSON members (",\"tags\":[...],\"scores\":{...},
 * \"checks\":[...],\"rule_errors\":[...]", compact) exactly as
 * `readstat --json` writes them for several inputs.  Each place in `where`
 * gets its "line" (and "col" when with_col).
 */
void rules_exec_json_members(strbuf *out, const rs_report *report,
                             const rs_rule_results *res, bool with_col);

/*
 * The report's compact JSON (rs_report_write_json) with the rules' members
 * (when res is not NULL) and then `extra` (raw JSON members, each starting
 * with a comma; may be NULL) inserted before its closing brace.  False when
 * out of memory.
 */
bool rules_exec_report_json(strbuf *out, const rs_report *report, const char *source,
                            unsigned json_flags, const rs_rule_results *res, bool with_col,
                            const char *extra);

/*
 * One rule set per worker thread (the rules engine allows one per thread):
 * states[0] is `rules` itself, the others are loaded again from the same
 * files.  All NULL when there are no rules.  Returns EXIT_OK, or the exit
 * status after printing why.
 */
int cli_rules_per_thread(const cli_args *args, rs_rules *rules, unsigned threads,
                         void ***states);
/* Frees the states cli_rules_per_thread made (not states[0]). */
void cli_rules_free_per_thread(rs_rules *rules, void **states, unsigned threads);

#endif
