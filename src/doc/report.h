/* report.h: the report's layout, shared by the analyzer that fills it. */
#ifndef RS_DOC_REPORT_H
#define RS_DOC_REPORT_H

#include "readstat.h"

/* Where a piece of text lives: in the input, or in the report's text arena. */
typedef struct rs__text_ref {
    size_t offset, len;
    bool in_arena;
} rs__text_ref;

typedef struct rs__meta_entry {
    size_t key, value; /* offsets of NUL-terminated strings in meta_bytes */
} rs__meta_entry;

struct rs_report {
    rs_allocator alloc;
    rs_options opts;          /* lang points at static storage */
    rs_format format;
    char *text;               /* the input, as fed */
    size_t text_len, text_cap;
    bool text_lent;           /* text is the caller's (rs_analyzer_lend()) */
    char *arena;              /* block texts that are not input bytes (markup removed) */
    size_t arena_len, arena_cap;
    rs_counts counts, page_counts;
    rs_readability readability, page_readability;
    rs_reading_time reading_time, page_reading_time;
    uint64_t invalid_utf8;
    rs_block *blocks;
    rs__text_ref *block_text; /* parallel to blocks */
    size_t nblocks, blocks_cap, block_text_cap;
    rs_section *sections;
    size_t nsections, sections_cap;
    rs_sentence *sentences;
    rs__text_ref *sentence_text;
    size_t nsentences, sentences_cap, sentence_text_cap;
    rs_word *words;
    rs__text_ref *word_text;
    size_t nwords, words_cap, word_text_cap;
    rs__meta_entry *meta;
    size_t nmeta, meta_cap;
    char *meta_bytes;
    size_t meta_bytes_len, meta_bytes_cap;
    /* RS_OPT_STREAM: the blocks are gone, so sections keep their heading text */
    bool stream;
    rs__text_ref *section_heading; /* parallel to sections; offsets into headings */
    size_t section_heading_cap;
    char *headings;
    size_t headings_len, headings_cap;
    uint64_t sections_truncated;   /* sections past the kept ones */
};

/* The bytes a text reference points at. */
static inline const char *rs__text_at(const rs_report *r, rs__text_ref ref)
{
    const char *base = ref.in_arena ? r->arena : r->text;
    return base ? base + ref.offset : "";
}

/* Adds a metadata entry unless the key is already set (first one wins). */
rs_status rs__report_add_meta(rs_report *r, const char *key, const char *value, size_t value_len);

/* Whether a block of this role is part of the main content: the article's
   content and captions, or every block with all (RS_OPT_ALL). */
static inline bool rs__role_is_main(rs_role role, bool all)
{
    return all || role == RS_ROLE_CONTENT || role == RS_ROLE_CAPTION;
}

#endif
