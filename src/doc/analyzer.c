/*
 * The analyzer: takes the input in chunks, picks a front-end (the format
 * asked for, or the one the first bytes suggest), and passes it every
 * chunk.  The front-end emits blocks as soon as it knows them, and each is
 * measured at once (doc/measure.c); roles, sections and scores are settled
 * at the end (doc/aggregate.c).
 *
 * The input is kept, because blocks and sentences point into it and the
 * report hands it out; with RS_OPT_STREAM only the part that the front-end
 * and the open window of blocks (doc/stream.c) still read is kept.
 */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "doc/doc.h"
#include "format/frontend.h"

enum { UTF16_SNIFF_BYTES_MAX = 64 };

struct rs_analyzer {
    rs_allocator alloc;
    rs_status failed;     /* sticky: after an error only _free is valid */
    bool finished;
    rs_report *report;    /* being filled; handed over by _finish */
    rs__doc doc;
    size_t checked_len;   /* bytes already searched for NUL */
    bool head_checked;    /* byte order marks looked at */
    bool nul_seen;        /* not text: only which error is still open */
    size_t content_start; /* past a UTF-8 byte order mark */
    const rs__frontend_ops *frontend;
    void *frontend_state;
    size_t fed;           /* bytes the front-end has seen */
    /* the first bytes, for the UTF-16 guess once the input has moved on */
    unsigned char head[UTF16_SNIFF_BYTES_MAX];
    size_t total;         /* bytes fed in all */
    bool streaming;       /* the front-end reads the input as it comes */
    size_t lent;          /* bytes past the text lent by rs_analyzer_room() */
    /* rs_analyzer_lend(): the report's text is the caller's input
       (text_lent), past the first `passed` bytes, which are not read again */
    size_t passed;
};

static rs_status fail(rs_analyzer *a, rs_status st)
{
    if (st != RS_OK && a->failed == RS_OK)
        a->failed = st;
    return st;
}

static rs_status on_block(void *ud, const rs__block_in *block)
{
    return rs__doc_add_block(&((rs_analyzer *)ud)->doc, block);
}

static rs_status on_meta(void *ud, const char *key, const char *value, size_t len)
{
    return rs__report_add_meta(((rs_analyzer *)ud)->report, key, value, len);
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
    if ((unsigned)o.format >= RS_FORMAT__COUNT)
        return RS_ERR_ARG;
    if ((o.flags & RS_OPT_STREAM) && (o.flags & RS_OPT_DETAIL))
        return RS_ERR_ARG; /* sentences and words are what streaming drops */
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
    r->format = o.format;
    a->alloc = alloc;
    a->report = r;
    rs__doc_init(&a->doc, r, &alloc);
    if (o.flags & RS_OPT_STREAM) {
        rs_status st = rs__stream_start(&a->doc, false);
        if (st != RS_OK) {
            rs_analyzer_free(a);
            return st;
        }
    }
    *out = a;
    return RS_OK;
}

/* Whether the analyzer takes more: its sticky error, or RS_ERR_STATE once finished. */
static rs_status usable(const rs_analyzer *a)
{
    if (a->failed != RS_OK)
        return a->failed;
    return a->finished ? RS_ERR_STATE : RS_OK;
}

rs_status rs_analyzer_set_meta(rs_analyzer *a, const char *key, const char *value)
{
    if (!a || !key || !value || !*key)
        return RS_ERR_ARG;
    rs_status st = usable(a);
    if (st != RS_OK)
        return st;
    return fail(a, rs__report_add_meta(a->report, key, value, strlen(value)));
}

rs_status rs_analyzer_on_block(rs_analyzer *a, rs_block_fn fn, void *ud)
{
    if (!a || !fn)
        return RS_ERR_ARG;
    rs_status st = usable(a);
    if (st != RS_OK)
        return st;
    if (a->total || a->report->text) /* blocks may have come already */
        return RS_ERR_STATE;
    a->doc.hand_block = fn;
    a->doc.hand_block_ud = ud;
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
enum { UTF16_SNIFF_BYTES = UTF16_SNIFF_BYTES_MAX };

/* Do the first bytes (up to 64) fit ASCII in UTF-16: every other byte NUL? */
static bool fits_utf16_pattern(const unsigned char *s, size_t len)
{
    size_t n = len < UTF16_SNIFF_BYTES ? len & ~(size_t)1 : UTF16_SNIFF_BYTES;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += s[i] == 0;
        odd += s[i + 1] == 0;
    }
    return (even == n / 2 && odd == 0) || (odd == n / 2 && even == 0);
}

static bool looks_like_utf16(const unsigned char *s, size_t len)
{
    return len >= 4 && fits_utf16_pattern(s, len);
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
        a->content_start = 3; /* a UTF-8 byte order mark is not text */
    return RS_OK;
}

/*
 * A NUL byte means binary input, or UTF-16 without a byte order mark.  The
 * guess reads the first 64 bytes, so while fewer have come and they still
 * fit the pattern, the verdict waits for more (or for the end): otherwise it
 * would depend on where the caller cut the chunks.
 */
static rs_status check_nul(rs_analyzer *a, bool at_end)
{
    rs_report *r = a->report;
    if (!a->nul_seen) {
        if (!a->head_checked || a->checked_len == r->text_len)
            return RS_OK;
        const char *nul = memchr(r->text + a->checked_len, '\0', r->text_len - a->checked_len);
        a->checked_len = r->text_len;
        if (!nul)
            return RS_OK;
        a->nul_seen = true;
    }
    size_t head_len = a->total < UTF16_SNIFF_BYTES ? a->total : UTF16_SNIFF_BYTES;
    if (a->total < UTF16_SNIFF_BYTES && !at_end && fits_utf16_pattern(a->head, head_len))
        return RS_OK;
    return looks_like_utf16(a->head, head_len) ? RS_ERR_ENCODING : RS_ERR_BINARY;
}

static const rs__frontend_ops *frontend_for(rs_format format)
{
    const rs__frontend_ops *ops = &rs__plaintext_ops;
    if (format == RS_FORMAT_MARKDOWN)
        ops = &rs__markdown_ops;
    else if (format == RS_FORMAT_HTML)
        ops = &rs__html_ops;
    return ops->feed ? ops : &rs__plaintext_ops;
}

/* The first window is closing early: the front-end's metadata must be in first. */
static rs_status early_meta(void *ud)
{
    rs_analyzer *a = ud;
    const rs__frontend_sink sink = {on_block, on_meta, a};
    return a->frontend->early_meta(a->frontend_state, &sink);
}

/* Starts the front-end once the format is known: asked for, or sniffed. */
static rs_status start_frontend(rs_analyzer *a, bool at_end)
{
    rs_report *r = a->report;
    if (a->frontend || !a->head_checked)
        return RS_OK;
    if (r->format == RS_FORMAT_AUTO) {
        if (r->text_len < RS_SNIFF_BYTES && !at_end)
            return RS_OK;
        r->format = rs__sniff_format(r->text ? r->text : "", r->text_len);
    }
    const rs__frontend_ops *ops = frontend_for(r->format);
    void *state = rs__alloc(&a->alloc, ops->state_size);
    if (!state)
        return RS_ERR_NOMEM;
    memset(state, 0, ops->state_size);
    rs_status st = ops->init(state, &a->alloc, a->content_start);
    if (st != RS_OK) {
        ops->release(state);
        rs__free(&a->alloc, state, ops->state_size);
        return st;
    }
    a->frontend = ops;
    a->frontend_state = state;
    a->fed = a->content_start;
    if (a->doc.stream && ops->stream && ops->stream(state)) {
        a->streaming = true;
        rs__stream_free(&a->doc);
        st = rs__stream_start(&a->doc, true);
        if (st == RS_OK && ops->early_meta)
            rs__stream_on_first_close(&a->doc, early_meta, a);
    }
    return st;
}

static rs_status run_frontend(rs_analyzer *a, bool at_end)
{
    rs_status st = start_frontend(a, at_end);
    if (st != RS_OK || !a->frontend)
        return st;
    rs_report *r = a->report;
    const rs__frontend_sink sink = {on_block, on_meta, a};
    st = a->frontend->feed(a->frontend_state, r->text ? r->text : "", a->fed, r->text_len, at_end,
                           &sink);
    a->fed = r->text_len;
    return st;
}

/*
 * The most input the open window may hold on to for its blocks' texts
 * after the front-end is done with it.  A window normally closes within
 * 256 KiB of input; one that stays open while a long block is read in
 * pieces (a page of base64, say, with no break to close a block on) would
 * otherwise keep all of it.
 */
enum { WINDOW_HOLD_BYTES = 1024 * 1024 };

/*
 * RS_OPT_STREAM: drops the input that neither the front-end nor the open
 * window needs any more.  Only once that is half the buffer, so that each
 * byte is moved a bounded number of times.
 */
static rs_status drop_read_input(rs_analyzer *a, size_t pending)
{
    rs_report *r = a->report;
    if (!a->streaming)
        return RS_OK;
    size_t keep = a->frontend->keep_from(a->frontend_state);
    size_t window = rs__stream_text_needed(&a->doc);
    if (window < keep && keep - window > WINDOW_HOLD_BYTES) {
        rs_status st = rs__stream_copy_texts(&a->doc, keep);
        if (st != RS_OK)
            return st;
        window = rs__stream_text_needed(&a->doc);
    }
    if (window < keep)
        keep = window;
    if (keep == 0 || keep < r->text_len / 2)
        return RS_OK;
    if (r->text_lent) {
        r->text += keep; /* the caller's bytes: passed over, not moved */
        r->text_cap -= keep;
        a->passed += keep;
    } else {
        memmove(r->text, r->text + keep, r->text_len + pending - keep);
    }
    r->text_len -= keep;
    a->checked_len -= keep;
    a->fed -= keep;
    a->frontend->rebase(a->frontend_state, keep);
    rs__stream_rebase(&a->doc, keep);
    return RS_OK;
}

/* RS_OPT_STREAM: a long block being read is measured in pieces, not kept whole. */
static rs_status measure_open_block(rs_analyzer *a)
{
    const rs__frontend_ops *ops = a->frontend;
    size_t start, end, cut;
    if (!a->streaming || !ops->open_block || !ops->open_block(a->frontend_state, &start, &end))
        return RS_OK;
    rs_status st = rs__stream_slice(&a->doc, a->report->text, start, end, &cut);
    if (st == RS_OK && cut > start)
        ops->advance_open(a->frontend_state, cut);
    return st;
}

/*
 * Analyses the len bytes that follow the text so far in r->text, written
 * there by the caller.  The pending bytes after them are input that comes
 * next (a room's later slices): they move with the text when it is
 * compacted.
 */
static rs_status take_bytes(rs_analyzer *a, size_t len, size_t pending)
{
    rs_report *r = a->report;
    for (size_t i = 0; a->total + i < UTF16_SNIFF_BYTES && i < len; i++)
        a->head[a->total + i] = (unsigned char)r->text[r->text_len + i];
    r->text_len += len;
    a->total += len;
    rs__word_cache_expect(&a->doc.words, r->text_len);
    rs_status st = check_head(a, false);
    if (st == RS_OK)
        st = check_nul(a, false);
    if (st == RS_OK && len && !a->nul_seen)
        st = run_frontend(a, false);
    if (st == RS_OK)
        st = measure_open_block(a);
    if (st == RS_OK)
        st = drop_read_input(a, pending);
    return fail(a, st);
}

/* The longest slice a streaming analyzer takes at once. */
enum { STREAM_FEED_BYTES = 64 * 1024 };

/*
 * The buffer a streaming analyzer starts with when its input comes a full
 * slice at a time (a long input, then): it holds the open window's blocks
 * (up to 256 KiB of input, doc/stream.c) and the slices after them, which
 * it would reach by doubling from one slice anyway.  Taken at once, it is
 * not copied three times on the way, and the heap is left to the arrays
 * that grow while the first window fills: a 10 MB run takes 8% fewer page
 * faults (668 -> 614).  Pages not yet written cost nothing.
 */
enum { STREAM_FIRST_ROOM = 512 * 1024 };

/* Makes room for len more bytes after the text. */
static rs_status make_room(rs_analyzer *a, size_t len)
{
    rs_report *r = a->report;
    if (len > SIZE_MAX - r->text_len)
        return fail(a, RS_ERR_LIMIT);
    size_t need = r->text_len + len;
    if (a->doc.stream && r->text_cap == 0 && len >= STREAM_FEED_BYTES && need < STREAM_FIRST_ROOM)
        need = STREAM_FIRST_ROOM;
    return fail(a, rs__grow(&a->alloc, (void **)&r->text, &r->text_cap, need, 1));
}

static rs_status feed_bytes(rs_analyzer *a, const char *buf, size_t len)
{
    rs_status st = make_room(a, len);
    if (st != RS_OK)
        return st;
    if (len)
        memcpy(a->report->text + a->report->text_len, buf, len);
    return take_bytes(a, len, 0);
}

/*
 * Takes the next len bytes of input: copied from buf, or, buf NULL,
 * written after the text already.  A streaming analyzer takes a long
 * input a slice at a time, so that it never holds the whole.
 */
static rs_status take_input(rs_analyzer *a, const char *buf, size_t len)
{
    size_t slice = a->doc.stream ? STREAM_FEED_BYTES : len;
    rs_status st;
    size_t p = 0;
    do {
        size_t n = len - p < slice ? len - p : slice;
        st = buf ? feed_bytes(a, buf + p, n) : take_bytes(a, n, len - p - n);
        p += n;
    } while (st == RS_OK && p < len);
    return st;
}

/* usable(), for input that the analyzer keeps in its own buffer: none
   while an input is lent (rs_analyzer_lend()) */
static rs_status usable_for_own_input(const rs_analyzer *a)
{
    rs_status st = usable(a);
    return st == RS_OK && a->report->text_lent ? RS_ERR_STATE : st;
}

rs_status rs_analyzer_feed(rs_analyzer *a, const char *buf, size_t len)
{
    if (!a || (!buf && len))
        return RS_ERR_ARG;
    rs_status st = usable_for_own_input(a);
    if (st != RS_OK)
        return st;
    a->lent = 0;
    return take_input(a, len ? buf : NULL, len);
}

rs_status rs_analyzer_room(rs_analyzer *a, size_t len, char **room)
{
    if (!a || !room)
        return RS_ERR_ARG;
    *room = NULL;
    rs_status st = usable_for_own_input(a);
    if (st != RS_OK)
        return st;
    a->lent = 0;
    st = make_room(a, len ? len : 1);
    if (st != RS_OK)
        return st;
    a->lent = len;
    *room = a->report->text + a->report->text_len;
    return RS_OK;
}

rs_status rs_analyzer_commit(rs_analyzer *a, size_t len)
{
    if (!a)
        return RS_ERR_ARG;
    rs_status st = usable(a);
    if (st != RS_OK)
        return st;
    if (len > a->lent)
        return RS_ERR_ARG;
    a->lent = 0;
    st = take_input(a, NULL, len);
    if (a->report->text_lent) /* the rest of the input stays lent */
        a->lent = a->report->text_cap - a->report->text_len;
    return st;
}

rs_status rs_analyzer_lend(rs_analyzer *a, const char *input, size_t len)
{
    if (!a || (!input && len))
        return RS_ERR_ARG;
    rs_status st = usable(a);
    if (st != RS_OK)
        return st;
    rs_report *r = a->report;
    /* lent bytes are never grown into, so they must be all the input */
    if (!a->doc.stream || r->text || a->total)
        return RS_ERR_STATE;
    if (!len)
        return RS_OK;
    r->text = (char *)input; /* only ever read */
    r->text_cap = len;
    r->text_lent = true;
    a->lent = len;
    return RS_OK;
}

size_t rs_analyzer_passed(const rs_analyzer *a)
{
    return a ? a->passed : 0;
}

/*
 * At the input's end the byte after it is made a line break of ours, for
 * the front-ends: md4c (0.4.8) reads one byte past a document that ends
 * in some unbroken lines ("- item" then "2"), which was a buffer's
 * unwritten room (the report then depended on how the input had been cut
 * into chunks) or, for a lent mapping, past its end (a crash, where a file
 * ends at a page's end).  The rest of a lent input is copied for that (at
 * most what the window and the front-end still read): the loan ends here.
 */
static rs_status end_with_a_line_break(rs_analyzer *a)
{
    rs_report *r = a->report;
    if (r->text_lent) {
        char *own = rs__alloc(&a->alloc, r->text_len + 1);
        if (!own)
            return RS_ERR_NOMEM;
        if (r->text_len)
            memcpy(own, r->text, r->text_len);
        r->text = own;
        r->text_cap = r->text_len + 1;
        r->text_lent = false;
    } else if (r->text_cap <= r->text_len) {
        rs_status st = rs__grow(&a->alloc, (void **)&r->text, &r->text_cap, r->text_len + 1, 1);
        if (st != RS_OK)
            return st;
    }
    r->text[r->text_len] = '\n';
    return RS_OK;
}

rs_status rs_analyzer_finish(rs_analyzer *a, rs_report **out)
{
    if (!a || !out)
        return RS_ERR_ARG;
    *out = NULL;
    rs_status st = usable(a);
    if (st != RS_OK)
        return st;
    a->lent = 0;
    a->finished = true;
    st = check_head(a, true);
    if (st == RS_OK)
        st = check_nul(a, true);
    if (st == RS_OK)
        st = end_with_a_line_break(a);
    if (st == RS_OK)
        st = run_frontend(a, true);
    if (st == RS_OK)
        st = rs__doc_finish(&a->doc);
    if (st != RS_OK)
        return fail(a, st);
    *out = a->report;
    a->report = NULL;
    return RS_OK;
}

void rs_analyzer_free(rs_analyzer *a)
{
    if (!a)
        return;
    rs_allocator alloc = a->alloc;
    if (a->frontend) {
        a->frontend->release(a->frontend_state);
        rs__free(&alloc, a->frontend_state, a->frontend->state_size);
    }
    rs__stream_free(&a->doc);
    rs__doc_release(&a->doc);
    rs_report_free(a->report);
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
