/*
 * What the plain-text classifier measures in each block: its words (how
 * many, how many function words per language, how many capitalised), how it
 * ends, and a hash of its words so that repeated blocks can be found.  The
 * cue words are matched in roles_text_cues.c.
 */
#include <string.h>

#include "core/alloc.h"
#include "doc/roles_text.h"
#include "text/charclass.h"
#include "text/wordinfo.h"

static const uint64_t fnv64_basis = 14695981039346656037ull;
static const uint64_t fnv64_prime = 1099511628211ull;

static uint64_t fnv64(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= fnv64_prime;
    }
    return h;
}

/* "Comments0", "teilen17", "Share": a counter word, digits glued on or not. */
static bool is_widget_word(const char *fold, size_t n, unsigned lists)
{
    size_t whole = n;
    while (n > 1 && fold[n - 1] >= '0' && fold[n - 1] <= '9')
        n--;
    return n == whole ? (lists & RS__LEX_COUNTER) != 0 : rs__text_counter_word(fold, n);
}

/* How the block's text ends, past closing quotes and brackets. */
static void examine_end(const char *text, const rs__token *tokens, size_t count,
                        rs__text_block *b)
{
    for (size_t k = count; k-- > 0;) {
        const rs__token *t = &tokens[k];
        if (t->type == RS_TOK_SPACE)
            continue;
        if (t->type == RS_TOK_PUNCT && rs__is_closer(t->cp))
            continue;
        if (t->type == RS_TOK_WORD) {
            /* "U.S." keeps its dot inside the word; it still ends a sentence */
            b->terminal = (t->flags & RS_TF_DOTTED) != 0 && text[t->end - 1] == '.';
            return;
        }
        b->terminal = rs__is_terminal(t->cp);
        b->soft_end = t->cp == ':' || t->cp == ';' || t->cp == ',';
        return;
    }
}

void rs__text_describe_tokens(const rs__cue_index *index, const char *buffer, size_t offset,
                              size_t len, const rs__token *tokens, size_t count,
                              const rs_block *block, rs__text_block *out)
{
    const char *text = buffer + offset;
    memset(out, 0, sizeof *out);
    out->kind = block->kind;
    out->words = (uint32_t)(block->words > UINT32_MAX ? UINT32_MAX : block->words);
    out->sentences = (uint32_t)(block->sentences > UINT32_MAX ? UINT32_MAX : block->sentences);
    out->cjk = (uint32_t)(block->counts.cjk_chars > UINT32_MAX ? UINT32_MAX
                                                                : block->counts.cjk_chars);
    out->lines = len ? 1 : 0;
    for (const char *nl = text; (nl = memchr(nl, '\n', len - (size_t)(nl - text))) != NULL; nl++)
        out->lines++;
    out->bytes = (uint32_t)(len > UINT32_MAX ? UINT32_MAX : len);
    uint64_t key = fnv64_basis;
    bool keyed = false, after_by = false;
    for (size_t k = 0; k < count; k++) {
        const rs__token *t = &tokens[k];
        if (t->type != RS_TOK_WORD)
            continue;
        if (t->kind == RS_WORD_NUMBER) {
            out->numbers++;
            out->widget++;
            continue; /* "1 Novavax ..." and "2 Novavax ..." are the same item */
        }
        if (t->kind == RS_WORD_EMAIL)
            out->cues |= RS__CUE_EMAIL;
        if (t->kind != RS_WORD_PLAIN && t->kind != RS_WORD_CJK)
            continue;
        char fold[RS_WORD_KEY_MAX];
        size_t n = rs__word_key(buffer + t->start, t->end - t->start, fold, sizeof fold);
        if (n) {
            key = fnv64(key, fold, n);
            key = fnv64(key, " ", 1);
            keyed = true;
        }
        if (t->kind == RS_WORD_CJK)
            continue;
        bool capital = (t->flags & RS_TF_UPPER_FIRST) != 0;
        /* "By Name", "Posted by Name": the author word among the first two */
        if (after_by && capital && out->alpha <= 2)
            out->by_name = true;
        /* one lookup tells every list the word is on */
        unsigned lists = n ? rs__text_lexicon(fold, n) : 0;
        after_by = (lists & RS__LEX_BYLINE) != 0;
        if (n && is_widget_word(fold, n, lists))
            out->widget++;
        if (n && rs__text_month_word_of(fold, n, lists))
            out->month = true;
        if (capital) {
            out->capitalised++;
            out->capitalised_inner += out->alpha > 0;
        }
        out->alpha++;
        unsigned langs = n ? rs__text_stopword_langs_of(fold, n, lists) : 0;
        for (int lang = 0; lang < RS__TEXT_LANGS; lang++)
            out->stop[lang] += (langs >> lang) & 1u;
    }
    /* 0 means "no words": a real hash of 0 only loses one repeat check */
    out->key = keyed ? (key ? key : 1) : 0;
    examine_end(buffer, tokens, count, out);
    rs__text_cues(index, text, len, out);
}

rs_status rs__text_describe(rs__doc *d, size_t i, rs__text_block *out)
{
    const rs_report *r = d->report;
    size_t len;
    const char *text = rs_report_block_text(r, i, &len);
    const rs__cue_index *index = rs__doc_cue_index(d);
    if (!index)
        return RS_ERR_NOMEM;
    d->tokens.count = 0;
    rs__text_stats stats = {0};
    rs_status st = len ? rs__tokenize(&d->alloc, text, 0, len, &d->tokens, &stats) : RS_OK;
    if (st != RS_OK)
        return st;
    rs__text_describe_tokens(index, text, 0, len, d->tokens.items, d->tokens.count,
                             &r->blocks[i], out);
    return RS_OK;
}

const rs__cue_index *rs__doc_cue_index(rs__doc *d)
{
    if (!d->cue_index) {
        d->cue_index = rs__alloc(&d->alloc, sizeof *d->cue_index);
        if (!d->cue_index)
            return NULL;
        rs__cue_index_build(d->cue_index);
    }
    return d->cue_index;
}
