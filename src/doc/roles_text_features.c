/*
 * What the plain-text classifier measures in each block: its words (how
 * many, how many function words per language, how many capitalised), how it
 * ends, and a hash of its words so that repeated blocks can be found.  The
 * cue words are matched in roles_text_cues.c.
 */
#include <stdint.h>
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

/* What the lexicon says of a folded word, as the block description needs it. */
enum {
    INFO_LANGS = (1u << RS__TEXT_LANGS) - 1,
    INFO_WIDGET = 1u << 7, /* is_widget_word() */
    INFO_MONTH = 1u << 8,  /* rs__text_month_word_of() */
    INFO_BYLINE = 1u << 9, /* on the byline list */
    INFO_LEN_SHIFT = 16    /* the memo keeps the word's length above the answers */
};

static unsigned word_info(const char *fold, size_t n)
{
    unsigned lists = rs__text_lexicon(fold, n);
    unsigned info = rs__text_stopword_langs_of(fold, n, lists) & INFO_LANGS;
    if (is_widget_word(fold, n, lists))
        info |= INFO_WIDGET;
    if (rs__text_month_word_of(fold, n, lists))
        info |= INFO_MONTH;
    if (lists & RS__LEX_BYLINE)
        info |= INFO_BYLINE;
    return info;
}

/*
 * word_info() through the memo.  fold holds RS__MEMO_KEY bytes or more,
 * zero past the word (folded words hold no NUL, and the length is kept
 * too).  Each set has two ways; a new word goes first and pushes the
 * older one out of the second.  A memo that missed as often as it has
 * entries grows fourfold, forgetting what it held.
 */
static unsigned word_info_memo(rs__word_memo *memo, const char *fold, size_t n)
{
    if (!memo || n > RS__MEMO_KEY)
        return word_info(fold, n);
    uint64_t a, b;
    memcpy(&a, fold, sizeof a);
    memcpy(&b, fold + 8, sizeof b);
    uint64_t h = (a ^ (b * 0xC2B2AE3D27D4EB4Full) ^ n) * 0x9E3779B97F4A7C15ull;
    rs__memo_entry *set = &memo->entry[(size_t)(h >> (64 - memo->set_bits)) * RS__MEMO_WAYS];
    uint32_t tag = (uint32_t)n << INFO_LEN_SHIFT;
    for (size_t way = 0; way < RS__MEMO_WAYS; way++)
        if ((set[way].info >> INFO_LEN_SHIFT) == n && set[way].key[0] == a && set[way].key[1] == b)
            return set[way].info & ~tag;
    unsigned info = word_info(fold, n);
    size_t entries = (size_t)RS__MEMO_WAYS << memo->set_bits;
    if (++memo->misses > entries && memo->set_bits < RS__MEMO_MAX_BITS) {
        memo->set_bits = memo->set_bits + 2 < RS__MEMO_MAX_BITS ? memo->set_bits + 2 : RS__MEMO_MAX_BITS;
        memset(memo->entry, 0, sizeof memo->entry[0] * ((size_t)RS__MEMO_WAYS << memo->set_bits));
        memo->misses = 0;
        set = &memo->entry[(size_t)(h >> (64 - memo->set_bits)) * RS__MEMO_WAYS];
    }
    for (size_t way = RS__MEMO_WAYS - 1; way > 0; way--)
        set[way] = set[way - 1];
    set[0] = (rs__memo_entry){{a, b}, tag | info};
    return info;
}

/* A-Z to a-z in each of eight bytes; other bytes stay as they are. */
static uint64_t ascii_lower8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t low7 = v & (0x7F * ones);
    uint64_t from_a = low7 + (0x80 - 'A') * ones;     /* bit 7: at least 'A' */
    uint64_t past_z = low7 + (0x80 - 'Z' - 1) * ones; /* bit 7: past 'Z' */
    uint64_t upper = from_a & ~past_z & ~v & (0x80 * ones);
    return v | (upper >> 2);
}

/* Room past a fold for the last eight-byte store of fold_ascii(). */
enum { FOLD_SLACK = 8 };

/*
 * rs__word_key() for an ASCII word, its bytes hashed into *h: out (cap
 * bytes and FOLD_SLACK more) gets the word in lower case, eight bytes at
 * a time where `readable` bytes from word allow it, and zeros for eight
 * bytes after it.  Returns SIZE_MAX for a word with other bytes
 * (rs__word_key() folds those), 0 for one too long to fold.
 */
static size_t fold_ascii(const char *word, size_t len, size_t readable, char *out, size_t cap,
                         uint64_t *h)
{
    unsigned high = 0;
    if (len >= cap) {
        for (size_t i = 0; i < len; i++)
            high |= (unsigned char)word[i];
        return high & 0x80 ? SIZE_MAX : 0;
    }
    size_t i = 0;
    for (; i + 8 <= readable && i < len; i += 8) {
        uint64_t v;
        memcpy(&v, word + i, sizeof v);
        v = ascii_lower8(v);
        memcpy(out + i, &v, sizeof v);
    }
    for (; i < len; i++) {
        char c = word[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    memset(out + len, 0, FOLD_SLACK);
    /* folding keeps the top bits, and past the word all is zero now */
    uint64_t high8 = 0;
    for (i = 0; i < len; i += 8) {
        uint64_t v;
        memcpy(&v, out + i, sizeof v);
        high8 |= v;
    }
    if (high8 & 0x8080808080808080ull)
        return SIZE_MAX;
    uint64_t x = *h;
    const unsigned char *u = (const unsigned char *)out;
    for (i = 0; i + 4 <= len; i += 4) {
        x = (x ^ u[i]) * fnv64_prime;
        x = (x ^ u[i + 1]) * fnv64_prime;
        x = (x ^ u[i + 2]) * fnv64_prime;
        x = (x ^ u[i + 3]) * fnv64_prime;
    }
    for (; i < len; i++)
        x = (x ^ u[i]) * fnv64_prime;
    *h = x;
    return len;
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

/*
 * Function words per language, counted a byte per language in one word:
 * the seven language bits of a word, each moved to the bottom of its own
 * byte, add up for 255 words before a byte could overflow.
 */
static uint64_t spread_langs(unsigned langs)
{
    /* langs << 7k for k = 0..7 do not overlap, so no carry disturbs bit 8k */
    return ((uint64_t)langs * 0x0002040810204081ull) & 0x0101010101010101ull;
}

static void add_stop_counts(rs__text_block *out, uint64_t counts)
{
    for (int lang = 0; lang < RS__TEXT_LANGS; lang++)
        out->stop[lang] += (uint32_t)((counts >> (8 * lang)) & 0xFF);
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
    rs__word_memo *memo = index->memo;
    size_t end = offset + len; /* the block's bytes may be read in eights up to here */
    uint64_t key = fnv64_basis, stop_counts = 0;
    unsigned stop_pending = 0;
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
        char fold[RS_WORD_KEY_MAX + FOLD_SLACK];
        memset(fold, 0, RS__MEMO_KEY); /* the memo reads past a shorter fold */
        const char *word = buffer + t->start;
        size_t wlen = t->end - t->start;
        uint64_t hashed = key;
        size_t n = fold_ascii(word, wlen, end - t->start, fold, RS_WORD_KEY_MAX, &hashed);
        if (n == SIZE_MAX) {
            memset(fold, 0, RS__MEMO_KEY);
            n = rs__word_key(word, wlen, fold, RS_WORD_KEY_MAX);
            hashed = fnv64(key, fold, n);
        }
        if (n) {
            key = fnv64(hashed, " ", 1);
            keyed = true;
        }
        if (t->kind == RS_WORD_CJK)
            continue;
        bool capital = (t->flags & RS_TF_UPPER_FIRST) != 0;
        /* "By Name", "Posted by Name": the author word among the first two */
        if (after_by && capital && out->alpha <= 2)
            out->by_name = true;
        unsigned info = n ? word_info_memo(memo, fold, n) : 0;
        after_by = (info & INFO_BYLINE) != 0;
        if (info & INFO_WIDGET)
            out->widget++;
        if (info & INFO_MONTH)
            out->month = true;
        if (capital) {
            out->capitalised++;
            out->capitalised_inner += out->alpha > 0;
        }
        out->alpha++;
        stop_counts += spread_langs(info & INFO_LANGS);
        if (++stop_pending == 255) {
            add_stop_counts(out, stop_counts);
            stop_counts = 0;
            stop_pending = 0;
        }
    }
    add_stop_counts(out, stop_counts);
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
