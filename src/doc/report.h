/* report.h: the report's layout, shared by the analyzer that fills it. */
#ifndef RS_DOC_REPORT_H
#define RS_DOC_REPORT_H

#include "readstat.h"

struct rs_report {
    rs_allocator alloc;
    rs_options opts;          /* lang points at static storage */
    char *text;               /* the input, as fed */
    size_t text_len, text_cap;
    rs_counts counts;
    rs_readability readability;
    rs_reading_time reading_time;
    uint64_t invalid_utf8;
    rs_block *blocks;
    size_t nblocks, blocks_cap;
    rs_section *sections;
    size_t nsections, sections_cap;
    rs_sentence *sentences;
    size_t nsentences, sentences_cap;
    rs_word *words;
    size_t nwords, words_cap;
};

#endif
