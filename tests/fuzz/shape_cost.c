/*
 * shape_cost UNIT BYTES [detail]: analyses UNIT repeated to BYTES bytes, for
 * measuring how the cost grows with the input (tools/fuzz.sh cost runs it
 * under callgrind at N and 2N bytes; only rs_analyze is counted there).
 * Prints the counts, so that a run can be checked by eye.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: shape_cost UNIT BYTES [detail]\n");
        return 2;
    }
    const char *unit = argv[1];
    size_t unit_len = strlen(unit), total = strtoull(argv[2], NULL, 10);
    if (unit_len == 0 || total == 0) {
        fprintf(stderr, "shape_cost: empty unit or size\n");
        return 2;
    }
    char *buf = malloc(total);
    if (!buf)
        return 1;
    for (size_t i = 0; i < total; i++)
        buf[i] = unit[i % unit_len];
    rs_options o;
    rs_options_init(&o);
    if (argc > 3)
        o.flags = RS_OPT_DETAIL;
    rs_report *r;
    rs_status st = rs_analyze(buf, total, &o, &r);
    free(buf);
    if (st != RS_OK) {
        fprintf(stderr, "shape_cost: %s\n", rs_strerror(st));
        return 1;
    }
    const rs_counts *c = rs_report_counts(r);
    printf("words %llu sentences %llu blocks %zu\n", (unsigned long long)c->words,
           (unsigned long long)c->sentences, rs_report_block_count(r));
    rs_report_free(r);
    return 0;
}
