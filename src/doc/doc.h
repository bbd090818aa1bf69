/*
 * doc.h: the document while it is being read.  Front-ends hand blocks to
 * rs__doc_add_block(), which measures each at once; rs__doc_finish() then
 * assigns roles, builds the sections and derives every figure.
 */
#ifndef RS_DOC_DOC_H
#define RS_DOC_DOC_H

#include "core/strset.h"
#include "doc/report.h"
#include "format/frontend.h"
#include "text/sentences.h"
#include "text/tokenizer.h"
#include "text/wordinfo.h"

/* What the classifier may weigh about a block, beyond its counts. */
typedef struct rs__evidence {
    uint32_t hints;       /* RS_HINT_* */
    uint32_t link_bytes;
    uint16_t depth;
    size_t names, names_len; /* class/id words, in names_bytes */
    size_t unfamiliar, unfamiliar_len; /* ids in unfamiliar_ids */
    size_t path, path_len;   /* enclosing elements, in doc->paths */
} rs__evidence;

typedef struct rs__doc {
    rs_allocator alloc;
    rs_report *report;
    rs__evidence *evidence;   /* parallel to report->blocks */
    size_t evidence_cap;
    char *names_bytes;
    size_t names_len, names_cap;
    rs__ancestor *paths;      /* every block's enclosing elements, back to back */
    size_t paths_len, paths_cap;
    /* Spache: every unfamiliar word once, and each block's occurrences */
    rs__strset unfamiliar;
    uint32_t *unfamiliar_ids;
    size_t nunfamiliar_ids, unfamiliar_ids_cap;
    /* scratch, reused for every block */
    rs__token_vec tokens;
    rs__span_vec spans;
    uint32_t *seen;           /* per unfamiliar word: the last pass that saw it */
    size_t seen_cap;
    uint32_t pass;
    rs__word_cache words;     /* what each frequent word contributes */
    /* plain text: what the role classifier needs of each block, taken while
       the block's tokens are at hand (doc/roles_text_features.c) */
    struct rs__text_block *text_blocks;
    size_t ntext_blocks, text_blocks_cap;
    struct rs__cue_index *cue_index; /* the cue phrases, indexed on first use */
} rs__doc;

void rs__doc_init(rs__doc *d, rs_report *report, const rs_allocator *alloc);
void rs__doc_release(rs__doc *d);

/* Measures one block and appends it.  Errors: RS_ERR_NOMEM, RS_ERR_LIMIT. */
rs_status rs__doc_add_block(rs__doc *d, const rs__block_in *block);

/* Roles, metadata from roles, sections, and every score. */
rs_status rs__doc_finish(rs__doc *d);

/*
 * Counts the distinct unfamiliar words over blocks [first, last] that pass
 * the filter (NULL: every block).
 */
rs_status rs__doc_unique_unfamiliar(rs__doc *d, size_t first, size_t last,
                                    bool (*keep)(const rs_block *b, void *ud), void *ud,
                                    uint64_t *out);

/*
 * Assigns every block a role (src/doc/roles.c): title, byline, content,
 * caption or boilerplate, from text and markup evidence.
 */
rs_status rs__assign_roles(rs__doc *d);

#endif
