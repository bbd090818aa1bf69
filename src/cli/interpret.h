/* interpret.h: what the scores mean, in plain English. */
#ifndef READSTAT_CLI_INTERPRET_H
#define READSTAT_CLI_INTERPRET_H

#include "readstat.h"

#include <stddef.h>

/* A short display name, e.g. "Flesch Reading Ease"; "?" if out of range. */
const char *score_label(rs_score_id id);

/* The meaning of a score value, e.g. "fairly difficult" or
 * "grade 10 (high school)", written to buf. */
void score_meaning(rs_score_id id, double value, char *buf, size_t size);

#endif
