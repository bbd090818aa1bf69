/*
 * readstat_rules.h: publisher rules, written in Lua, run in a sandbox.
 *
 * A rule file is a Lua 5.4 chunk that declares tags, scores and checks
 * (see lua/README.md).  rs_rules loads any number of them and runs them on
 * a report: each file in a Lua state of its own, with an allow-listed
 * environment, an instruction budget, a wall-clock deadline and a memory
 * cap.  A rule that fails or runs out of budget is reported as a rule error
 * and the other rules still run.
 *
 * Conventions are those of readstat.h: rs_status codes, *_new / *_free
 * pairs, no global state.  One rs_rules per thread.
 */
#ifndef READSTAT_RULES_H
#define READSTAT_RULES_H

#include "readstat.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Limits that apply to every rule. */
typedef struct rs_rule_limits {
    /** VM instructions (and pattern-matching steps) per rule and article.
     *  Default 20,000,000 (about 0.1 s of plain Lua). */
    uint64_t instructions;
    /** Bytes that one rule file's Lua state may hold.  Default 64 MiB. */
    size_t memory;
    /** Wall-clock seconds per rule and article.  Default 1. */
    double seconds;
} rs_rule_limits;

/** Fills *limits with the defaults. */
RS_API void rs_rule_limits_init(rs_rule_limits *limits);

typedef struct rs_rules rs_rules;

/**
 * Makes an empty rule set.  limits may be NULL for the defaults (it is
 * copied).  Errors: RS_ERR_NOMEM, RS_ERR_ARG (a zero limit).
 */
RS_API rs_status rs_rules_new(const rs_rule_limits *limits, rs_rules **out);

/** Releases a rule set; NULL is allowed. */
RS_API void rs_rules_free(rs_rules *rules);

/**
 * Loads one rule file (Lua source text; precompiled chunks are refused)
 * and checks its declarations by running it once on an empty article.
 * Errors: RS_ERR_ARG (unreadable file, syntax error, bytecode, a bad
 * declaration), RS_ERR_NOMEM; rs_rules_error() then tells why, with file
 * and line.
 */
RS_API rs_status rs_rules_load_file(rs_rules *rules, const char *path);

/** The same for source text held in memory; name is used in messages. */
RS_API rs_status rs_rules_load_string(rs_rules *rules, const char *name, const char *source,
                                      size_t len);

/** Why the last load failed (owned by the rule set; "" if it did not). */
RS_API const char *rs_rules_error(const rs_rules *rules);

/** Number of rule files loaded. */
RS_API size_t rs_rules_count(const rs_rules *rules);

/** Metadata handed to the rules as `article.meta` (strings only). */
typedef struct rs_rule_meta {
    const char *key;
    const char *value;
} rs_rule_meta;

typedef enum rs_check_level {
    RS_CHECK_INFO = 0,
    RS_CHECK_WARNING = 1,
    RS_CHECK_ERROR = 2
} rs_check_level;

/** "info", "warning" or "error"; NULL if out of range. */
RS_API const char *rs_check_level_name(rs_check_level level);

/** Where a check points: a sentence, block or section of the article. */
typedef struct rs_rule_place {
    const char *kind;   /* "sentence", "section", "word", or a block kind
                           such as "paragraph" (static storage) */
    size_t index;       /* 1-based, in the article's list of that kind;
                           0 when the rule gave bare offsets */
    size_t start, end;  /* byte offsets in the input, [start, end) */
} rs_rule_place;

typedef struct rs_rule_tag {
    const char *name;
    const char *file;
} rs_rule_tag;

typedef struct rs_rule_score {
    const char *name;
    const char *file;
    double value;       /* always finite */
} rs_rule_score;

typedef struct rs_rule_check {
    const char *name;
    const char *file;
    rs_check_level level;
    bool passed;
    const char *message;
    rs_rule_place *where; /* where_count places, in the order given */
    size_t where_count;
} rs_rule_check;

typedef struct rs_rule_error {
    const char *file;
    int line;           /* 0 if unknown */
    const char *rule;   /* the rule's name, or "(file)" for the chunk itself */
    const char *message;
} rs_rule_error;

/** Results of one run.  Everything is owned by the results. */
typedef struct rs_rule_results {
    rs_rule_tag *tags;       /* tags whose predicate held, once per name */
    size_t tag_count;
    rs_rule_score *scores;   /* one per name */
    size_t score_count;
    rs_rule_check *checks;   /* every check that ran to completion */
    size_t check_count;
    rs_rule_error *errors;   /* rules that failed or were stopped */
    size_t error_count;
} rs_rule_results;

/**
 * Runs every loaded rule on a report (which should have been made with
 * RS_OPT_DETAIL: without it the rules see no sentences).  meta may be NULL
 * when meta_count is 0.  Rule failures are not errors of this function:
 * they are listed in (*out)->errors.  Errors: RS_ERR_ARG, RS_ERR_NOMEM.
 */
RS_API rs_status rs_rules_run(rs_rules *rules, const rs_report *report,
                              const rs_rule_meta *meta, size_t meta_count,
                              rs_rule_results **out);

RS_API void rs_rule_results_free(rs_rule_results *results);

/** The worst level among the failed checks, or -1 if none failed. */
RS_API int rs_rule_results_worst(const rs_rule_results *results);

#ifdef __cplusplus
}
#endif

#endif /* READSTAT_RULES_H */
