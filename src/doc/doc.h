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

/*
 * A long block measured in pieces: the sentence splitter's state where the
 * last piece ends, for the block that starts there (input offset from_at;
 * NULL: none), and where the piece being measured leaves it (NULL: not
 * wanted).  rs__doc_add_block() takes `from` once.
 */
typedef struct rs__piece_split {
    const rs__sentence_carry *from;
    size_t from_at;
    rs__sentence_carry *to;
} rs__piece_split;

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
    /* RS_OPT_STREAM (doc/stream.c); NULL otherwise */
    struct rs__stream *stream;
    size_t base;              /* input offset of report->text[0] */
    /* a long block measured in pieces (doc/stream_pieces.c); NULL else */
    struct rs__piece_split *piece_split;
    size_t unfamiliar_cap;    /* distinct unfamiliar words kept at most; 0: no cap */
    /* rs_analyzer_on_block(): each block once its role is settled; NULL: none */
    rs_block_fn hand_block;
    void *hand_block_ud;
} rs__doc;

/* An unfamiliar word past unfamiliar_cap: each occurrence counts as a new word. */
#define RS__UNFAMILIAR_OVERFLOW UINT32_MAX

void rs__doc_init(rs__doc *d, rs_report *report, const rs_allocator *alloc);
void rs__doc_release(rs__doc *d);

/* Measures one block and appends it.  Errors: RS_ERR_NOMEM, RS_ERR_LIMIT. */
rs_status rs__doc_add_block(rs__doc *d, const rs__block_in *block);

/* Roles, metadata from roles, sections, and every score. */
rs_status rs__doc_finish(rs__doc *d);

/* The report's blocks, their roles settled, to d->hand_block (if set);
   first_index is the first one's number in the input. */
void rs__doc_hand_blocks(const rs__doc *d, size_t first_index);

/* Starts a pass over d->seen: ids marked with the new d->pass are the ones
   seen in it (the marks are made to cover every id of the set). */
rs_status rs__doc_start_unique_pass(rs__doc *d);

/*
 * Adds the unfamiliar words of ids[0, n) not marked with `pass` yet (in
 * seen, a pass's marks) to *count, and marks them.  no_overflow_ids: none
 * is RS__UNFAMILIAR_OVERFLOW (an id past the set's cap, which counts each
 * time; such ids are only given once the set is full, as it never
 * shrinks); then the mark is written whatever it was, with no branch to
 * guess on whether a word is new.  Inline: a block's words, and a range of
 * blocks' words, are counted so.
 */
static inline void rs__count_unmarked(uint32_t *seen, uint32_t pass, const uint32_t *ids, size_t n,
                                      bool no_overflow_ids, uint64_t *count)
{
    uint64_t c = *count;
    if (no_overflow_ids) {
        for (size_t k = 0; k < n; k++) {
            c += seen[ids[k]] != pass;
            seen[ids[k]] = pass;
        }
    } else {
        for (size_t k = 0; k < n; k++) {
            uint32_t id = ids[k];
            if (id == RS__UNFAMILIAR_OVERFLOW) {
                c++;
            } else if (seen[id] != pass) {
                seen[id] = pass;
                c++;
            }
        }
    }
    *count = c;
}

/* Whether no id of d's unfamiliar words is RS__UNFAMILIAR_OVERFLOW. */
static inline bool rs__doc_no_overflow_ids(const rs__doc *d)
{
    return !d->unfamiliar_cap || d->unfamiliar.count < d->unfamiliar_cap;
}

/* The title and byline blocks tell the metadata, unless it is known already. */
rs_status rs__doc_meta_from_roles(rs__doc *d);

/*
 * Code is on the page and in the extract, but it is not prose: its
 * "sentences" and "syllables" would skew every score, and no reading-time
 * model covers it.  So it is left out of the main figures (not with --all).
 * A main block (rs__role_is_main) that is not code, or any block with all.
 * Inline, as rs__counts_add(): streaming folds every block into the figures.
 */
static inline bool rs__block_is_main(const rs_block *b, bool all)
{
    return rs__role_is_main(b->role, all) && (all || b->kind != RS_BLOCK_CODE);
}

/* Does block i count in the main figures (code is on the page, not prose)? */
static inline bool rs__block_counts_as_main(const rs_report *r, size_t i, bool all)
{
    return r && i < r->nblocks && rs__block_is_main(&r->blocks[i], all);
}

/* Adds every count but unfamiliar_words (unique words do not add up). */
static inline void rs__counts_add(rs_counts *into, const rs_counts *c)
{
    into->characters += c->characters;
    into->letters += c->letters;
    into->digits += c->digits;
    into->words += c->words;
    into->sentences += c->sentences;
    into->syllables += c->syllables;
    into->paragraphs += c->paragraphs;
    into->monosyllables += c->monosyllables;
    into->polysyllables += c->polysyllables;
    into->complex_words += c->complex_words;
    into->long_words += c->long_words;
    into->difficult_words += c->difficult_words;
    into->cjk_chars += c->cjk_chars;
    into->images += c->images;
    into->unscored_words += c->unscored_words;
}

/* A copy of text[0, len) in the report's arena, with the slack that the
   tokenizer may read past it; *ref points at it. */
rs_status rs__doc_arena_copy(rs__doc *d, const char *text, size_t len, rs__text_ref *ref);

/* *into made the text of *into, then next's: in place where they lie back
   to back, else a copy of both in the arena. */
rs_status rs__doc_arena_join(rs__doc *d, rs__text_ref *into, rs__text_ref next);

/* Scores and reading time of a section from its counts. */
void rs__section_score(const rs_report *r, rs_section *sec);

/* Scores and reading times of the main and page figures from their counts. */
void rs__report_score(rs_report *r);

/*
 * RS_OPT_STREAM (doc/stream.c).  Blocks are classified and folded into the
 * figures window by window, then dropped.  windows: whether the front-end
 * reads the input as it comes, so that a window may close before the end.
 */
rs_status rs__stream_start(rs__doc *d, bool windows);
void rs__stream_free(rs__doc *d);
/* After each block (its offsets made absolute already): a full window is closed. */
rs_status rs__stream_block_added(rs__doc *d);
/*
 * The front-end's open block holds text[start, end): if it is long, its
 * start is measured as a piece of it, and *cut tells where the front-end
 * is to go on from (start: nothing measured).
 */
rs_status rs__stream_slice(rs__doc *d, const char *text, size_t start, size_t end, size_t *cut);
/* Called once, before the first window closes ahead of the end of the input. */
void rs__stream_on_first_close(rs__doc *d, rs_status (*fn)(void *ud), void *ud);
/* RS_OPT_STREAM: blocks of an earlier window came before these. */
bool rs__stream_later_window(const rs__doc *d);
/* The first byte of report->text that the open window still points at. */
size_t rs__stream_text_needed(const rs__doc *d);
/*
 * The open window's blocks that point at report->text before `before` get
 * copies in the arena instead, so that those bytes can be dropped.
 */
rs_status rs__stream_copy_texts(rs__doc *d, size_t before);
/* The first delta bytes of report->text were dropped. */
void rs__stream_rebase(rs__doc *d, size_t delta);
/* The last window, then every score; the blocks and the input are let go. */
rs_status rs__stream_finish(rs__doc *d);

/*
 * Assigns every block a role (src/doc/roles.c): title, byline, content,
 * caption or boilerplate, from text and markup evidence.
 */
rs_status rs__assign_roles(rs__doc *d);

#endif
