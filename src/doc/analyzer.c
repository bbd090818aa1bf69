/*
 * The analyzer: takes the input in chunks, cuts it into lines as they
 * complete, lets the plain-text front-end turn lines into blocks, and
 * measures each block as soon as it is known (words, sentences, syllables),
 * adding to its section and to the document.  Scores are derived once, at
 * the end, from the summed counts.
 *
 * The input is kept, because blocks and sentences point into it and the
 * report hands it out; measuring never waits for more than one block.
 */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strset.h"
#include "doc/report.h"
#include "format/plaintext.h"
#include "text/sentences.h"
#include "text/tokenizer.h"
#include "text/wordinfo.h"

struct rs_analyzer {
    rs_allocator alloc;
    rs_status failed;     /* sticky: after an error only _free is valid */
    bool finished;
    rs_report *report;    /* being filled; handed over by _finish */
    size_t line_start;    /* first byte of the line not yet given to the parser */
    size_t search_pos;    /* where the search for its end resumes */
    size_t checked_len;   /* bytes already searched for NUL */
    bool head_checked;    /* byte order marks looked at */
    rs__plaintext parser;
    rs__token_vec tokens;
    rs__span_vec spans;
    size_t section;       /* the open section, or RS_NONE */
    rs__strset doc_unfamiliar, section_unfamiliar;
};

static void add_counts(rs_counts *into, const rs_counts *c)
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

static rs_status fail(rs_analyzer *a, rs_status st)
{
    if (st != RS_OK && a->failed == RS_OK)
        a->failed = st;
    return st;
}

static void close_section(rs_analyzer *a)
{
    if (a->section == RS_NONE)
        return;
    rs_section *s = &a->report->sections[a->section];
    s->counts.unfamiliar_words = a->section_unfamiliar.count;
    rs__strset_clear(&a->section_unfamiliar);
    a->section = RS_NONE;
}

static rs_status open_section(rs_analyzer *a, size_t heading_block, int level, size_t start)
{
    rs_report *r = a->report;
    close_section(a);
    rs_status st = rs__grow(&a->alloc, (void **)&r->sections, &r->sections_cap,
                            r->nsections + 1, sizeof *r->sections);
    if (st != RS_OK)
        return st;
    r->sections[r->nsections] = (rs_section){
        .heading_block = heading_block, .level = level, .start = start, .end = start,
    };
    a->section = r->nsections++;
    return RS_OK;
}

static rs_status note_unfamiliar(rs_analyzer *a, const rs__word_info *wi, const char *word,
                                 size_t len)
{
    const char *key = wi->key_len ? wi->key : word;
    size_t key_len = wi->key_len ? wi->key_len : len;
    rs_status st = rs__strset_add(&a->doc_unfamiliar, &a->alloc, key, key_len);
    if (st == RS_OK)
        st = rs__strset_add(&a->section_unfamiliar, &a->alloc, key, key_len);
    return st;
}

/* Words of one sentence: counts, and the detail when it is kept. */
static rs_status measure_sentence(rs_analyzer *a, const rs__span *span, size_t block,
                                  rs_counts *c)
{
    rs_report *r = a->report;
    const bool detail = r->opts.flags & RS_OPT_DETAIL;
    rs_sentence sentence = {
        .start = a->tokens.items[span->first].start,
        .end = a->tokens.items[span->last].end,
        .block = block,
        .first_word = r->nwords,
    };
    bool initial = true;
    for (size_t i = span->first; i <= span->last; i++) {
        const rs__token *t = &a->tokens.items[i];
        if (t->type != RS_TOK_WORD)
            continue;
        rs__word_info wi;
        rs__word_describe(r->text, t, initial, &wi);
        initial = false;
        c->words++;
        sentence.words++;
        if (t->kind == RS_WORD_CJK)
            c->cjk_chars++;
        if (!wi.scored) {
            c->unscored_words++;
        } else {
            sentence.scored_words++;
            sentence.syllables += wi.syllables;
            c->letters += t->letters;
            c->digits += t->digits;
            c->syllables += wi.syllables;
            c->monosyllables += wi.syllables == 1;
            c->polysyllables += wi.syllables >= 3;
            c->long_words += wi.long_word;
            c->difficult_words += wi.difficult;
            c->complex_words += wi.complex;
            if (wi.unfamiliar) {
                rs_status st = note_unfamiliar(a, &wi, r->text + t->start, t->end - t->start);
                if (st != RS_OK)
                    return st;
            }
        }
        if (detail) {
            rs_status st = rs__grow(&a->alloc, (void **)&r->words, &r->words_cap, r->nwords + 1,
                                    sizeof *r->words);
            if (st != RS_OK)
                return st;
            r->words[r->nwords++] = (rs_word){t->start, t->end, (rs_word_kind)t->kind,
                                              wi.scored ? wi.syllables : 0};
        }
    }
    if (detail) {
        rs_status st = rs__grow(&a->alloc, (void **)&r->sentences, &r->sentences_cap,
                                r->nsentences + 1, sizeof *r->sentences);
        if (st != RS_OK)
            return st;
        r->sentences[r->nsentences++] = sentence;
    }
    return RS_OK;
}

/* The front-end's sink: one finished block. */
static rs_status on_block(void *ud, rs_block_kind kind, int level, size_t start, size_t end)
{
    rs_analyzer *a = ud;
    rs_report *r = a->report;
    rs_status st = rs__grow(&a->alloc, (void **)&r->blocks, &r->blocks_cap, r->nblocks + 1,
                            sizeof *r->blocks);
    if (st != RS_OK)
        return st;
    size_t index = r->nblocks;
    if (kind == RS_BLOCK_HEADING)
        st = open_section(a, index, level, start);
    else if (a->section == RS_NONE)
        st = open_section(a, RS_NONE, 0, start);
    if (st != RS_OK)
        return st;

    a->tokens.count = 0;
    a->spans.count = 0;
    rs__text_stats stats = {0};
    st = rs__tokenize(&a->alloc, r->text, start, end, &a->tokens, &stats);
    if (st == RS_OK)
        st = rs__split_sentences(&a->alloc, r->text, a->tokens.items, a->tokens.count, &a->spans);
    if (st != RS_OK)
        return st;

    rs_counts c = {
        .characters = stats.characters,
        .sentences = a->spans.count,
        .paragraphs = kind == RS_BLOCK_PARAGRAPH,
    };
    for (size_t s = 0; s < a->spans.count; s++) {
        st = measure_sentence(a, &a->spans.items[s], index, &c);
        if (st != RS_OK)
            return st;
    }
    r->invalid_utf8 += stats.invalid_utf8;
    rs_section *sec = &r->sections[a->section];
    add_counts(&sec->counts, &c);
    add_counts(&r->counts, &c);
    sec->end = end;
    r->blocks[r->nblocks++] = (rs_block){
        .kind = kind, .role = RS_ROLE_CONTENT, .level = kind == RS_BLOCK_HEADING ? level : 0,
        .start = start, .end = end, .words = c.words, .sentences = c.sentences,
        .section = a->section,
    };
    return RS_OK;
}

rs_status rs_analyzer_new(const rs_options *opts, rs_analyzer **out)
{
    if (!out)
        return RS_ERR_ARG;
    *out = NULL;
    rs_options o;
    if (opts)
        o = *opts;
    else
        rs_options_init(&o);
    if (o.lang && strcmp(o.lang, "en") != 0)
        return RS_ERR_LANG;
    o.lang = "en";
    rs_allocator alloc = rs__allocator_or_default(o.allocator);
    o.allocator = NULL; /* the report must not keep a pointer it does not own */
    rs_options defaults;
    rs_options_init(&defaults);
    if (!(o.words_per_minute > 0) || !isfinite(o.words_per_minute))
        o.words_per_minute = defaults.words_per_minute;
    if (!(o.cjk_chars_per_minute > 0) || !isfinite(o.cjk_chars_per_minute))
        o.cjk_chars_per_minute = defaults.cjk_chars_per_minute;

    rs_analyzer *a = rs__alloc(&alloc, sizeof *a);
    rs_report *r = rs__alloc(&alloc, sizeof *r);
    if (!a || !r) {
        rs__free(&alloc, a, sizeof *a);
        rs__free(&alloc, r, sizeof *r);
        return RS_ERR_NOMEM;
    }
    memset(a, 0, sizeof *a);
    memset(r, 0, sizeof *r);
    r->alloc = alloc;
    r->opts = o;
    a->alloc = alloc;
    a->report = r;
    a->section = RS_NONE;
    rs__plaintext_init(&a->parser);
    *out = a;
    return RS_OK;
}

/* UTF-16 and UTF-32 announce themselves with a byte order mark. */
static bool wide_encoding_bom(const unsigned char *s, size_t len)
{
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return true;
    return len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF;
}

/* Without a BOM, ASCII in UTF-16 shows as every other byte being NUL. */
static bool looks_like_utf16(const unsigned char *s, size_t len)
{
    size_t n = len < 64 ? len & ~(size_t)1 : 64;
    if (n < 4)
        return false;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += s[i] == 0;
        odd += s[i + 1] == 0;
    }
    return (even == n / 2 && odd == 0) || (odd == n / 2 && even == 0);
}

static rs_status parse_lines(rs_analyzer *a, bool at_end)
{
    rs_report *r = a->report;
    const rs__block_sink sink = {on_block, a};
    const char *text = r->text;
    size_t len = r->text_len;
    size_t p = a->search_pos;
    while (p < len) {
        char c = text[p];
        if (c != '\n' && c != '\r') {
            const char *nl = memchr(text + p, '\n', len - p);
            const char *cr = memchr(text + p, '\r', (nl ? (size_t)(nl - text) : len) - p);
            const char *hit = cr ? cr : nl;
            if (!hit) {
                p = len;
                break;
            }
            p = (size_t)(hit - text);
            c = *hit;
        }
        size_t term = 1;
        if (c == '\r') {
            if (p + 1 >= len && !at_end)
                break; /* a CR at the end of a chunk may be half of a CRLF */
            if (p + 1 < len && text[p + 1] == '\n')
                term = 2;
        }
        rs_status st = rs__plaintext_line(&a->parser, text, a->line_start, p, &sink);
        if (st != RS_OK)
            return st;
        p += term;
        a->line_start = p;
    }
    a->search_pos = p;
    if (at_end && a->line_start < len) {
        rs_status st = rs__plaintext_line(&a->parser, text, a->line_start, len, &sink);
        if (st != RS_OK)
            return st;
        a->line_start = a->search_pos = len;
    }
    return RS_OK;
}

static rs_status check_head(rs_analyzer *a, bool at_end)
{
    rs_report *r = a->report;
    const unsigned char *s = (const unsigned char *)r->text;
    if (a->head_checked || (r->text_len < 4 && !at_end))
        return RS_OK;
    a->head_checked = true;
    if (wide_encoding_bom(s, r->text_len))
        return RS_ERR_ENCODING;
    if (r->text_len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        a->line_start = a->search_pos = 3; /* a UTF-8 BOM is not text */
    return RS_OK;
}

static rs_status check_nul(rs_analyzer *a)
{
    rs_report *r = a->report;
    if (!a->head_checked || a->checked_len == r->text_len)
        return RS_OK;
    const char *nul = memchr(r->text + a->checked_len, '\0', r->text_len - a->checked_len);
    a->checked_len = r->text_len;
    if (!nul)
        return RS_OK;
    return looks_like_utf16((const unsigned char *)r->text, r->text_len) ? RS_ERR_ENCODING
                                                                         : RS_ERR_BINARY;
}

rs_status rs_analyzer_feed(rs_analyzer *a, const char *buf, size_t len)
{
    if (!a || (!buf && len))
        return RS_ERR_ARG;
    if (a->failed != RS_OK)
        return a->failed;
    if (a->finished)
        return RS_ERR_STATE;
    rs_report *r = a->report;
    if (len > SIZE_MAX - r->text_len)
        return fail(a, RS_ERR_LIMIT);
    rs_status st = rs__grow(&a->alloc, (void **)&r->text, &r->text_cap, r->text_len + len, 1);
    if (st != RS_OK)
        return fail(a, st);
    if (len)
        memcpy(r->text + r->text_len, buf, len);
    r->text_len += len;
    st = check_head(a, false);
    if (st == RS_OK)
        st = check_nul(a);
    if (st == RS_OK && a->head_checked)
        st = parse_lines(a, false);
    return fail(a, st);
}

static void finish_scores(rs_report *r)
{
    rs_readability_compute(&r->counts, &r->readability);
    rs_reading_time_compute(&r->counts, &r->opts, &r->reading_time);
    for (size_t i = 0; i < r->nsections; i++) {
        rs_section *s = &r->sections[i];
        rs_readability_compute(&s->counts, &s->readability);
        rs_reading_time_compute(&s->counts, &r->opts, &s->reading_time);
    }
}

rs_status rs_analyzer_finish(rs_analyzer *a, rs_report **out)
{
    if (!a || !out)
        return RS_ERR_ARG;
    *out = NULL;
    if (a->failed != RS_OK)
        return a->failed;
    if (a->finished)
        return RS_ERR_STATE;
    a->finished = true;
    rs_status st = check_head(a, true);
    if (st == RS_OK)
        st = check_nul(a);
    if (st == RS_OK)
        st = parse_lines(a, true);
    if (st == RS_OK)
        st = rs__plaintext_finish(&a->parser, &(rs__block_sink){on_block, a});
    if (st != RS_OK)
        return fail(a, st);
    close_section(a);
    rs_report *r = a->report;
    r->counts.unfamiliar_words = a->doc_unfamiliar.count;
    finish_scores(r);
    a->report = NULL;
    *out = r;
    return RS_OK;
}

void rs_analyzer_free(rs_analyzer *a)
{
    if (!a)
        return;
    rs_allocator alloc = a->alloc;
    rs_report_free(a->report);
    rs__free(&alloc, a->tokens.items, a->tokens.cap * sizeof *a->tokens.items);
    rs__free(&alloc, a->spans.items, a->spans.cap * sizeof *a->spans.items);
    rs__strset_free(&a->doc_unfamiliar, &alloc);
    rs__strset_free(&a->section_unfamiliar, &alloc);
    rs__free(&alloc, a, sizeof *a);
}

rs_status rs_analyze(const char *buf, size_t len, const rs_options *opts, rs_report **out)
{
    if (!out)
        return RS_ERR_ARG;
    *out = NULL;
    rs_analyzer *a;
    rs_status st = rs_analyzer_new(opts, &a);
    if (st != RS_OK)
        return st;
    st = rs_analyzer_feed(a, buf, len);
    if (st == RS_OK)
        st = rs_analyzer_finish(a, out);
    rs_analyzer_free(a);
    return st;
}
