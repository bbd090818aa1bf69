/* human.h: the report as aligned text for a terminal (80 columns). */
#ifndef READSTAT_CLI_HUMAN_H
#define READSTAT_CLI_HUMAN_H

#include "readstat.h"

#include <stdbool.h>

/* Writes the report on stdout; name is how the input is shown.  With
 * with_sentences, adds one line per sentence (the report must keep detail). */
void human_report(const rs_report *r, const char *name, bool with_sentences);

#endif
