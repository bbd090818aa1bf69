/*
 * fuzz_rules: arbitrary Lua source as a rule file, under tight sandbox
 * limits, run on a small article.  Whatever the source, loading and running
 * must end (within the limits) with results or a reported error: no crash,
 * no leak, no escape from the limits, and the article unchanged.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_util.h"
#include "readstat.h"
#include "readstat_rules.h"

static const char article[] =
    "A Short Story\n\nThe ferry left at nine. It was late, and the band played on.\n\n"
    "• One item\n• Another item\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    rs_options o;
    rs_options_init(&o);
    o.flags = RS_OPT_DETAIL;
    rs_report *r = NULL;
    FUZZ_CHECK(rs_analyze(article, sizeof article - 1, &o, &r) == RS_OK, "analysis");
    uint64_t words = rs_report_counts(r)->words;

    rs_rule_limits limits;
    rs_rule_limits_init(&limits);
    limits.instructions = 200000; /* small, so that each input runs fast */
    limits.memory = 8u << 20;
    limits.seconds = 0.5;
    rs_rules *rules = NULL;
    FUZZ_CHECK(rs_rules_new(&limits, &rules) == RS_OK, "rules_new");
    rs_status st = rs_rules_load_string(rules, "fuzz.lua", (const char *)data, size);
    FUZZ_CHECK(st == RS_OK || st == RS_ERR_ARG || st == RS_ERR_NOMEM, "load: %s",
               rs_strerror(st));
    if (st == RS_OK) {
        rs_rule_results *res = NULL;
        st = rs_rules_run(rules, r, NULL, 0, &res);
        FUZZ_CHECK(st == RS_OK || st == RS_ERR_NOMEM, "run: %s", rs_strerror(st));
        rs_rule_results_free(res);
    }
    FUZZ_CHECK(rs_report_counts(r)->words == words, "a rule changed the article");
    rs_rules_free(rules);
    rs_report_free(r);
    return 0;
}
