/* Where a Markdown document may be cut into pieces (see markdown_cut.h). */
#include "format/markdown_cut.h"

#include <stdint.h>
#include <string.h>

#include "core/ascii.h"

/*
 * The HTML blocks that run until an end marker, blank lines or not, and
 * what opens one again when a piece cut inside one goes on (a whole tag,
 * so that the text stripper does not read the next line as attributes).
 */
static const struct {
    const char *open, *end, *reopen;
} raw_html[] = {
    {"<script", "</script>", "<script>"}, {"<pre", "</pre>", "<pre>"},
    {"<style", "</style>", "<style>"}, {"<textarea", "</textarea>", "<textarea>"},
    {"<!--", "-->", "<!--"}, {"<?", "?>", "<?"}, {"<![CDATA[", "]]>", "<![CDATA["},
};
static const char doctype_end[] = ">", doctype_reopen[] = "<!X";

static bool has_ci(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    for (size_t i = 0; i + m <= n; i++)
        if (rs__ascii_eq_ci(s + i, m, lit, m))
            return true;
    return false;
}

/* Past up to three spaces at p, before `at`: a line's indent short of code. */
static size_t past_indent(const char *text, size_t p, size_t at)
{
    for (size_t spaces = 0; p < at && spaces < 3 && text[p] == ' '; spaces++)
        p++;
    return p;
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* "- ", "* ", "+ ", "1. ", "1) " (or the marker alone on its line). */
static bool list_marker(const char *s, size_t n)
{
    size_t i = 0;
    if (n && (s[0] == '-' || s[0] == '*' || s[0] == '+')) {
        i = 1;
    } else {
        while (i < n && i < 10 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
            return false;
        i++;
    }
    return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r';
}

/* The fence a line opens or closes: ``` or ~~~ (3 or more), after up to 3 spaces. */
static size_t fence_run(const char *s, size_t n, char *c)
{
    size_t i = past_indent(s, 0, n);
    if (i >= n || (s[i] != '`' && s[i] != '~'))
        return 0;
    *c = s[i];
    size_t run = 0;
    while (i + run < n && s[i + run] == *c)
        run++;
    return run >= 3 ? run : 0;
}

/* The open fence or HTML block ends with the line at `end`: kept for inner cuts. */
static void close_block(rs__md_cut *cut, size_t end)
{
    cut->closed.fence = cut->fence;
    cut->closed.fence_len = cut->fence_len;
    cut->closed.fence_indent = cut->fence_indent;
    cut->closed.html_end = cut->html_end;
    cut->closed.body = cut->block_body;
    cut->closed.end = end;
}

static bool space_or_tab(char c)
{
    return c == ' ' || c == '\t';
}

/*
 * Whether the line s[0, n) is a block by itself, so that the line after it
 * opens one: an ATX heading ("## ..."), or a thematic break of '*', '-' or
 * '_' ("***", "- - -"; after a paragraph's line, "---" underlines it into a
 * heading, which ends it as well).
 */
static bool block_by_itself(const char *s, size_t n)
{
    while (n && s[n - 1] == '\r')
        n--;
    size_t i = past_indent(s, 0, n);
    if (i >= n)
        return false;
    if (s[i] == '#') {
        size_t level = 0;
        while (i + level < n && s[i + level] == '#')
            level++;
        return level <= 6 && (i + level == n || space_or_tab(s[i + level]));
    }
    char mark = s[i];
    if (mark != '*' && mark != '-' && mark != '_')
        return false;
    size_t marks = 0;
    for (; i < n; i++) {
        if (s[i] == mark)
            marks++;
        else if (!space_or_tab(s[i]))
            return false;
    }
    return marks >= 3;
}

/*
 * Whether the line s[0, n) reads as a link reference definition: up to
 * three spaces, "[label]:" (a label of no unescaped bracket), and a
 * destination on the same line.
 */
static bool reference_line(const char *s, size_t n)
{
    size_t i = past_indent(s, 0, n);
    if (i >= n || s[i] != '[')
        return false;
    size_t j = i + 1;
    while (j < n && s[j] != ']' && j - i <= 1000) {
        if (s[j] == '[')
            return false;
        j += s[j] == '\\' ? 2 : 1;
    }
    if (j == i + 1 || j + 1 >= n || s[j] != ']' || s[j + 1] != ':')
        return false;
    for (j += 2; j < n && space_or_tab(s[j]); j++)
        ;
    return j < n && s[j] != '\r';
}

/*
 * A run of definitions ends before the line at start, which may hold the
 * last one's title (an indented or quoted line, or one not read).
 */
static void end_refs(rs__md_cut *cut, size_t start, bool title_may_follow)
{
    if (cut->in_refs)
        cut->refs_end = title_may_follow ? cut->refs_last : start;
    cut->in_refs = false;
}

static bool may_be_title(const char *s, size_t n)
{
    return n && (space_or_tab(s[0]) || s[0] == '"' || s[0] == '\'' || s[0] == '(');
}

/* Whether the line s[0, n) is a definition's title alone: "...", '...' or (...). */
static bool title_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && space_or_tab(s[i]))
        i++;
    while (n > i && (space_or_tab(s[n - 1]) || s[n - 1] == '\r'))
        n--;
    if (n - i < 2)
        return false;
    char close = s[i] == '(' ? ')' : s[i];
    if (close != '"' && close != '\'' && close != ')')
        return false;
    for (size_t k = i + 1; k < n - 1; k++)
        if (s[k] == close && s[k - 1] != '\\')
            return false;
    return s[n - 1] == close;
}

/* Whether the line s[0, n), which opens no fence, starts a paragraph of its
   own, past white space and '>' markers: a list item's marker or a
   heading's '#'. */
static bool opens_paragraph(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (space_or_tab(s[i]) || s[i] == '>'))
        i++;
    return i < n && (s[i] == '#' || list_marker(s + i, n - i));
}

/*
 * Whether the line s[0, n) opens an HTML block that only a blank line ends
 * (CommonMark's type 6) in the first column, where no container can hold
 * it: md4c reads no label in it.  Only tags that every version of the
 * list names, so that the scanner never takes a paragraph for one.
 */
static bool opens_html_block(const char *s, size_t n)
{
    static const char *const tags[] = {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "nav",
        "ol", "p", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };
    if (n < 2 || s[0] != '<')
        return false;
    size_t i = s[1] == '/' ? 2 : 1, name = i;
    while (i < n && i - name < 16 && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
                                      || (s[i] >= '1' && s[i] <= '6')))
        i++;
    if (!(i == n || space_or_tab(s[i]) || s[i] == '\r' || s[i] == '>'
          || (s[i] == '/' && i + 1 < n && s[i + 1] == '>')))
        return false;
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
        size_t m = strlen(tags[k]);
        if (i - name == m && rs__ascii_eq_ci(s + name, m, tags[k], m))
            return true;
    }
    return false;
}

/* The block quotes the line s[0, n) opens or goes on in: '>' markers,
   each after up to three spaces (past those, the line may be code). */
static size_t quote_depth(const char *s, size_t n)
{
    size_t i = 0, depth = 0;
    for (;;) {
        i = past_indent(s, i, n);
        if (i >= n || s[i] != '>')
            return depth;
        depth++;
        i++;
    }
}

/*
 * Counts the line s[0, n) into the paragraph's work: md4c looks for each
 * label's line from the paragraph's first, so a label costs the lines
 * before it.  The count starts again where a paragraph must: at a line
 * that opens a fence (opens_fence), as at those opens_paragraph() knows,
 * after a heading or a break (by_itself), and where a quote deeper than
 * the paragraph's opens (a line with fewer markers goes on with it, lazy).
 * A definition at a block's start is no line of a paragraph (md4c takes
 * it out); in an HTML block (to the next blank line) nothing counts.
 */
static void count_labels(rs__md_cut *cut, const char *s, size_t n, bool opens_fence,
                         bool by_itself, bool definition)
{
    if (!cut->run_html)
        cut->run_html = opens_html_block(s, n);
    if (cut->run_html)
        return;
    size_t quotes = quote_depth(s, n);
    if (opens_fence || by_itself || quotes > cut->run_quotes || opens_paragraph(s, n)) {
        cut->run_lines = cut->run_work = 0;
        cut->run_quotes = quotes;
    }
    if (definition || by_itself)
        return;
    size_t labels = 0;
    for (const char *p = s; (p = memchr(p, ']', n - (size_t)(p - s))) != NULL; p++)
        labels += rs__md_label_end(s, (size_t)(p - s), n);
    cut->run_work += (uint64_t)cut->run_lines * labels;
    cut->run_lines++;
    if (cut->run_work < RS__MD_DENSE_WORK)
        return;
    if (!cut->dense) {
        cut->dense = true;
        cut->dense_end_known = false;
        cut->dense_from = cut->last_cut;
    } else if (cut->dense_end_known) {
        cut->dense_stop = true; /* another one, after the pending one */
    }
}

static void look_at_line(rs__md_cut *cut, const char *s, size_t n, size_t start)
{
    if (cut->fence) {
        char c;
        size_t run = fence_run(s, n, &c);
        size_t i = 0;
        while (i < n && s[i] == ' ')
            i++;
        if (run >= cut->fence_len && c == cut->fence && blank_line(s + i + run, n - i - run)) {
            close_block(cut, start);
            cut->fence = 0;
            cut->normal_since = start + n + 1;
        }
        return;
    }
    if (cut->html_end) {
        if (has_ci(s, n, cut->html_end)) {
            close_block(cut, start);
            cut->html_end = NULL;
            cut->normal_since = start + n + 1;
        }
        return;
    }
    if (blank_line(s, n)) {
        cut->prev_blank = true;
        cut->prev_by_itself = false;
        cut->run_lines = cut->run_work = 0;
        cut->run_quotes = 0;
        cut->run_html = false;
        end_refs(cut, start, false);
        return;
    }
    if (cut->prev_blank && s[0] != ' ' && s[0] != '\t' && !list_marker(s, n)) {
        cut->last_cut = start;
        if (cut->dense && !cut->dense_end_known) {
            cut->dense_end = start;
            cut->dense_end_known = true;
        }
    }
    char c;
    size_t run = fence_run(s, n, &c);
    /* definitions that open a block stay definitions; after a paragraph's
       first line, the same lines are its text */
    bool definition = false;
    if (cut->in_refs && title_line(s, n)) {
        definition = true; /* the title of the definition before: the run goes on */
    } else if (!reference_line(s, n)) {
        end_refs(cut, start, may_be_title(s, n));
    } else if (cut->in_refs || cut->prev_blank || cut->prev_by_itself
               || start == cut->normal_since) {
        if (!cut->in_refs)
            cut->refs_from = start;
        cut->in_refs = true;
        cut->refs_last = start;
        definition = true;
    }
    bool by_itself = block_by_itself(s, n);
    count_labels(cut, s, n, run > 0, by_itself, definition);
    cut->prev_blank = false;
    cut->prev_by_itself = by_itself;
    size_t i = past_indent(s, 0, n);
    if (run) {
        cut->fence = c;
        cut->fence_len = run;
        cut->fence_indent = i;
        cut->block_body = start + n + 1;
        return;
    }
    if (i >= n || s[i] != '<')
        return;
    for (size_t k = 0; k < sizeof raw_html / sizeof raw_html[0]; k++) {
        size_t m = strlen(raw_html[k].open);
        if (n - i >= m && rs__ascii_eq_ci(s + i, m, raw_html[k].open, m)) {
            if (!has_ci(s + i + m, n - i - m, raw_html[k].end)) {
                cut->html_end = raw_html[k].end;
                cut->block_body = start + n + 1;
            }
            return;
        }
    }
    /* "<!DOCTYPE": a declaration runs to its '>' */
    if (n - i >= 3 && s[i + 1] == '!' && s[i + 2] >= 'A' && s[i + 2] <= 'Z'
        && !memchr(s + i, '>', n - i)) {
        cut->html_end = doctype_end;
        cut->block_body = start + n + 1;
    }
}

void rs__md_cut_scan(rs__md_cut *cut, const char *text, size_t len)
{
    while (cut->scan < len && !cut->dense_stop) {
        const char *nl = memchr(text + cut->scan, '\n', len - cut->scan);
        if (!nl)
            return; /* the line is not whole yet */
        size_t end = (size_t)(nl - text);
        look_at_line(cut, text + cut->scan, end - cut->scan, cut->scan);
        cut->scan = end + 1;
    }
}

void rs__md_cut_resume(rs__md_cut *cut, size_t at)
{
    if (at > cut->scan) {
        cut->scan = at;
        cut->prev_blank = cut->prev_by_itself = false;
        end_refs(cut, at, true);
    }
}

void rs__md_cut_dense_done(rs__md_cut *cut)
{
    cut->dense = cut->dense_stop;
    cut->dense_stop = false;
    cut->dense_end_known = false;
    cut->dense_from = cut->last_cut;
}

/* ------------------------------------------------------------------ */
/* Inner cuts                                                           */

/* How far back a search for an inner cut looks, so that it stays cheap. */
enum { INNER_SEARCH_BYTES = 128 * 1024, INNER_LINES_BYTES = 16 * 1024 };

static bool letter_lead(unsigned char c)
{
    /* no block starts with a letter, nor with a non-ASCII character */
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC2;
}

/*
 * Whether p is inside what may be an entity's name ("&amp;", "&#233;"):
 * '&' and then letters, digits or '#' up to p.  A cut there would show
 * both halves as written, where the whole shows the character.
 */
static bool in_entity_name(const char *text, size_t lo, size_t p)
{
    for (size_t q = p; q > lo && p - q < 32; q--) {
        char ch = text[q - 1];
        if (ch == '&')
            return true;
        if (!(((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || (ch >= '0' && ch <= '9') || ch == '#'))
            return false;
    }
    return false;
}

static bool upper_case(char c)
{
    return c >= 'A' && c <= 'Z';
}

/*
 * Whether the line s[0, n) can only go on a block: past white space and
 * '>' markers, a letter, and no '|' (a table row).  Fills in where its
 * content starts, the markers and the indentation.
 */
static bool plain_line(const char *s, size_t n, size_t *content, size_t *quotes, size_t *indent)
{
    size_t i = 0, cols = 0, q = 0;
    while (i < n && space_or_tab(s[i]))
        cols += s[i++] == '\t' ? 4 - cols % 4 : 1;
    *indent = cols;
    while (i < n && s[i] == '>' && cols < 4) {
        q++;
        i++;
        cols = 0;
        if (i < n && s[i] == ' ')
            i++; /* the marker's own space */
        while (i < n && space_or_tab(s[i]))
            cols += s[i++] == '\t' ? 4 - cols % 4 : 1;
    }
    *content = i;
    *quotes = q;
    if (i >= n || (q && cols >= 4) || !letter_lead((unsigned char)s[i]))
        return false;
    return !memchr(s, '|', n);
}

/*
 * Whether the line s[0, n) may be a table's body row: a '|' in it, and not
 * only '|', '-', ':' and white space (a delimiter row).  Fills in where
 * its content starts, past white space and '>' markers.
 */
static bool row_line(const char *s, size_t n, size_t *content, size_t *quotes)
{
    size_t i = 0, q = 0;
    while (i < n && (space_or_tab(s[i]) || s[i] == '>'))
        q += s[i++] == '>';
    *content = i;
    *quotes = q;
    if (!memchr(s + i, '|', n - i))
        return false;
    for (size_t k = i; k < n; k++)
        if (!strchr("|-: \t\r", s[k]))
            return true;
    return false;
}

/* "。", "！", "？" (U+3002, U+FF01, U+FF1F) end at p: their last byte. */
static bool cjk_stop_ends_at(const char *text, size_t lo, size_t p)
{
    if (p < lo + 2)
        return false;
    const unsigned char *u = (const unsigned char *)text + p - 2;
    return (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82)
           || (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x81 || u[2] == 0x9F));
}

/* Whether text[lo, end) ends a sentence: its last visible byte is one. */
static bool ends_sentence(const char *text, size_t lo, size_t end)
{
    while (end > lo && (space_or_tab(text[end - 1]) || text[end - 1] == '\r'))
        end--;
    if (end == lo)
        return false;
    char c = text[end - 1];
    return c == '.' || c == '!' || c == '?' || cjk_stop_ends_at(text, lo, end - 1);
}

/* A CJK ideograph (U+4E00 to U+9FFF) starts at p, whole before end. */
static bool ideograph_at(const char *text, size_t p, size_t end)
{
    unsigned char c = (unsigned char)text[p];
    return c >= 0xE4 && c <= 0xE9 && end - p >= 3;
}

/* The start of the line holding p, not before lo. */
static size_t line_start(const char *text, size_t lo, size_t p)
{
    while (p > lo && text[p - 1] != '\n')
        p--;
    return p;
}

/* Whether a piece may start at p, inside a line, before a word that goes on a sentence. */
static bool word_cut_at(const char *text, size_t lo, size_t p, size_t end)
{
    unsigned char c = (unsigned char)text[p];
    if (c < 0x80) {
        if (text[p - 1] != ' ' || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return false;
        size_t q = p - 1;
        while (q > lo && text[q - 1] == ' ')
            q--;
        if (q <= lo)
            return false;
        /* after a word (not after markers: "> ", "- ", "# "), and no sentence end */
        unsigned char w = (unsigned char)text[q - 1];
        bool word = (w | 0x20) >= 'a' && (w | 0x20) <= 'z';
        if (w >= 0x80)
            return !cjk_stop_ends_at(text, lo, q - 1);
        return word || (w >= '0' && w <= '9') || w == ',' || w == ';' || w == '"' || w == '\'';
    }
    /* between two ideographs, the first no sentence end (those are punctuation) */
    return p >= lo + 3 && ideograph_at(text, p, end) && ideograph_at(text, p - 3, end);
}

/*
 * Whether the line text[line, ...) may open a fence: no place for a word
 * cut, which would show the rest of its info string as code.  (A line of
 * HTML may be cut: the next piece goes on as HTML.)
 */
static bool opens_fence(const char *text, size_t line, size_t end)
{
    size_t i = line;
    while (i < end && (space_or_tab(text[i]) || text[i] == '>'))
        i++;
    return i < end && (text[i] == '`' || text[i] == '~');
}

/*
 * Whether p, a place to cut mid-line, is on a line that may open a fence
 * (opens_fence() says why no cut goes there).  *line: the start of p's
 * line, found once per line as p goes back (SIZE_MAX at first).
 */
static bool after_fence_opener(const char *text, size_t lo, size_t p, size_t *line)
{
    if (p < *line)
        *line = line_start(text, lo, p);
    return *line > lo && opens_fence(text, *line, p);
}

/* The end of the line starting at p (its '\n'), or end if not found. */
static size_t line_end(const char *text, size_t p, size_t end)
{
    const char *nl = memchr(text + p, '\n', end - p);
    return nl ? (size_t)(nl - text) : end;
}

/* Whether the line s[0, n) is only '=', '-' and white space: a setext
   heading's underline, or a break. */
static bool underline(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '=' && s[i] != '-' && !space_or_tab(s[i]) && s[i] != '\r')
            return false;
    return true;
}

/*
 * Any line inside a fence or an HTML block after its first, in (from, to]
 * and up to its end: the latest one.
 */
static bool block_line_cut(const rs__md_block_span *b, const char *text, size_t from, size_t to,
                           rs__md_inner_cut *c)
{
    size_t lo = b->body > from ? b->body : from;
    size_t lines_to = to < b->end ? to : b->end;
    if (lines_to <= lo + 1)
        return false;
    size_t at = line_start(text, lo, lines_to);
    if (at <= lo)
        return false;
    c->at = c->content = at;
    if (b->fence) {
        c->fence = b->fence;
        c->fence_len = b->fence_len;
        c->fence_indent = b->fence_indent;
    } else {
        c->html_open = doctype_reopen;
        for (size_t k = 0; k < sizeof raw_html / sizeof raw_html[0]; k++)
            if (b->html_end == raw_html[k].end)
                c->html_open = raw_html[k].reopen;
    }
    return true;
}

static bool normal_cut(const rs__md_cut *cut, const char *text, size_t from, size_t to, size_t len,
                       rs__md_inner_cut *c);

/*
 * Whether a line that starts at p could close a fence of `fence`: up to
 * three spaces, then its character (or white space past `to`, unread).
 */
static bool may_close_fence(const char *text, size_t p, size_t to, char fence)
{
    for (size_t spaces = 0; p <= to && text[p] == ' ' && spaces < 3; spaces++)
        p++;
    return p > to || text[p] == fence;
}

/*
 * A line of megabytes inside a fence, where block_line_cut() finds no line
 * to cut before: a place in it, in (from, to] and past the fence's opening
 * line, which the next piece reads as the start of a code line after the
 * fence opened again (white space there stays code).  Before a lower-case
 * word that goes on a sentence if one is near (word_cut_at(): the join
 * takes the piece after as going on with it), else after a space (a word
 * stays whole), else before any byte but one inside a UTF-8 sequence.
 * Where the line's rest could close the fence (a line of the fence's
 * character after its first byte has no other place), last of all and
 * with fence_pad: the next piece indents it past what a closing fence may
 * have, and the spaces stay code, which counts no white space.
 */
static bool fence_line_cut(const rs__md_block_span *b, const char *text, size_t from, size_t to,
                           size_t len, rs__md_inner_cut *c)
{
    size_t lo = b->body > from ? b->body : from;
    if (to >= len)
        to = len ? len - 1 : 0; /* the byte at the cut is read */
    if (to <= lo + 1)
        return false;
    if (to > lo + INNER_SEARCH_BYTES)
        lo = to - INNER_SEARCH_BYTES;
    size_t lower = 0, word = 0, any = 0, closing = 0;
    for (size_t p = to; p > lo + 1; p--) {
        unsigned char ch = (unsigned char)text[p];
        if (ch == '\n' || ch == '\r' || (ch & 0xC0) == 0x80)
            continue;
        if (may_close_fence(text, p, to, b->fence)) {
            if (!closing)
                closing = p;
            if (closing > p + INNER_LINES_BYTES && !any)
                break; /* a run of the fence's character: cut in it */
            continue;
        }
        if (!any)
            any = p;
        if (word_cut_at(text, lo, p, len) && !upper_case(text[p])) {
            lower = p;
            break;
        }
        if (!word && text[p - 1] == ' ' && !space_or_tab((char)ch))
            word = p;
        if (any > p + INNER_LINES_BYTES)
            break; /* no lower-case word near: the best so far will do */
    }
    any = lower ? lower : word ? word : any;
    if (!any && !closing)
        return false;
    memset(c, 0, sizeof *c);
    c->at = c->content = any ? any : closing;
    c->fence_pad = !any;
    c->fence = b->fence;
    c->fence_len = b->fence_len;
    c->fence_indent = b->fence_indent;
    return true;
}

/* Digits, then '.' or ')': an ordered list's marker if a line started there. */
static bool list_number_at(const char *text, size_t p, size_t len)
{
    size_t i = p;
    while (i < len && i - p < 10 && text[i] >= '0' && text[i] <= '9')
        i++;
    return i > p && i < len && (text[i] == '.' || text[i] == ')');
}

/*
 * Whether the byte at p is escaped: an odd run of backslashes ends before
 * it.  The run is counted from the piece's start, from, where the cut that
 * began the piece kept the whole document's reading (last_resort_cut()).
 */
static bool escaped_at(const char *text, size_t from, size_t p)
{
    size_t q = p;
    while (q > from && text[q - 1] == '\\')
        q--;
    return (p - q) % 2 == 1;
}

/*
 * A line of megabytes with no letter to cut before: the latest character
 * in (lo + 1, to] that is no white space (which would indent the next
 * piece into code), no list number and not escaped by a backslash before
 * it (a line of backslashes is cut between the pairs that escape each
 * other); ASCII punctuation there is read escaped, as itself, but for a
 * backslash, which opens no block and escapes what follows it there as
 * in the whole, and '!' and '&', which open no block either.
 */
static bool last_resort_cut(const char *text, size_t from, size_t lo, size_t to, size_t len,
                            rs__md_inner_cut *c)
{
    size_t line = SIZE_MAX;
    if (to >= len) /* the byte at p is read */
        to = len ? len - 1 : 0;
    for (size_t p = to; p > lo + 1; p--) {
        unsigned char b = (unsigned char)text[p];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || (b & 0xC0) == 0x80
            || escaped_at(text, from, p) || list_number_at(text, p, len)
            || after_fence_opener(text, lo, p, &line))
            continue;
        memset(c, 0, sizeof *c);
        c->at = c->content = p;
        c->mid_line = true;
        /* (what a backslash escapes: other bytes open no block, and keep
           none; nor do '!' and '&', which an escape would keep from
           opening an image or an entity) */
        c->escape_first = b != '\\' && b != '!' && b != '&'
                          && ((b >= '"' && b <= '/') || (b >= ':' && b <= '@')
                              || (b >= '[' && b <= '`') || (b >= '{' && b <= '~'));
        return true;
    }
    return false;
}

bool rs__md_inner_cut_find(const rs__md_cut *cut, const char *text, size_t from, size_t to,
                           size_t len, rs__md_inner_cut *c)
{
    memset(c, 0, sizeof *c);
    if (to > len)
        to = len;
    if (cut->fence || cut->html_end) {
        rs__md_block_span open = {cut->fence, cut->fence_len, cut->fence_indent, cut->html_end,
                                  cut->block_body, SIZE_MAX};
        return block_line_cut(&open, text, from, to < cut->scan ? to : cut->scan, c)
               || (cut->fence && fence_line_cut(&open, text, from, to, len, c));
    }
    /* past the end of a fence or HTML block, or, failing that, inside it */
    if (normal_cut(cut, text, from, to, len, c))
        return true;
    return cut->closed.end > from && block_line_cut(&cut->closed, text, from, to, c);
}

/* Whether the line s[0, n) ends the block it is in: a heading, a break,
   or a setext heading's underline (a line of '=' or '-'). */
static bool ends_its_block(const char *s, size_t n)
{
    return block_by_itself(s, n) || (!blank_line(s, n) && underline(s, n));
}

/* The markers a line of text may have before it in a container, at most
   this many bytes of them: the line's own (the piece after a cut inside it
   takes the quotes' again), not a reading of its whole block; and only in
   a line this long before the cut (a shorter one has a line start near,
   where a cut reads as the whole document does more often than inside a
   list item's or a quote's line). */
enum { LINE_MARKERS_MAX = 64, LINE_MARKERS_LONG = 16 * 1024 };

/* A byte a line of text may start with, which opens no block: a letter, a
   non-ASCII character or '[' (a link's text). */
static bool text_lead(unsigned char c)
{
    return letter_lead(c) || c == '[';
}

/*
 * Past the container markers at p, before `at`: '>' (and a space), a list
 * item's marker and its space, an ATX heading's '#'s and space, a table
 * row's '|' (and spaces), each after up to three spaces.  Returns `at` where
 * they run that far or past LINE_MARKERS_MAX bytes.
 */
static size_t past_line_markers(const char *text, size_t p, size_t at)
{
    size_t start = p;
    for (;;) {
        p = past_indent(text, p, at);
        size_t q = p;
        if (p < at && text[p] == '>') {
            q = p + 1;
        } else if (p < at && list_marker(text + p, at - p)) {
            while (q < at && !space_or_tab(text[q]))
                q++;
        } else if (p < at && text[p] == '#') {
            while (q < at && q - p < 6 && text[q] == '#')
                q++;
            if (q >= at || text[q] != ' ')
                q = p;
        } else if (p < at && text[p] == '|') {
            q = p + 1;
        }
        if (q == p)
            return p;
        p = q < at && space_or_tab(text[q]) ? q + 1 : q;
        if (p >= at || p - start > LINE_MARKERS_MAX)
            return at;
    }
}

/*
 * Whether a long line from p (past its markers) up to a cut at `at` reads
 * as it does whole: as a paragraph's line.  It starts no HTML block, fence
 * or indented code, and is no break or underline (a run of one of "-*_="
 * and white space up to the cut).  Any other mark may lead it ("![", "**",
 * "`" before megabytes of '[').
 */
static bool long_line_reads_as_text(const char *text, size_t p, size_t at)
{
    unsigned char c = (unsigned char)text[p];
    if (text_lead(c))
        return true;
    if (c <= ' ' || c == '<' || c >= 0x80)
        return false;
    char fence;
    if (fence_run(text + p, at - p, &fence))
        return false;
    if (c == '-' || c == '*' || c == '_' || c == '=') {
        size_t q = p;
        while (q < at && (text[q] == (char)c || space_or_tab(text[q])))
            q++;
        return q < at;
    }
    return true;
}

bool rs__md_cut_in_text_line(const char *text, size_t lo, bool lo_in_line, size_t at,
                             size_t len)
{
    size_t p = line_start(text, lo, at);
    bool started_before = p == lo && lo_in_line;
    /* (a line that started before lo was cut inside already, its start
       read); a line of text, also in a quote, a list item, a heading or a
       table's cell: a cut in a line of marks alone (a break, a list
       item's markers) would make a paragraph of those before it */
    if (!started_before) {
        bool long_line = at - p >= LINE_MARKERS_LONG;
        p = long_line ? past_line_markers(text, p, at) : past_indent(text, p, at);
        if (p >= at
            || !(long_line ? long_line_reads_as_text(text, p, at)
                           : text_lead((unsigned char)text[p])))
            return false;
    }
    /* nor a line that the next one underlines into a heading */
    size_t next = line_end(text, at, len) + 1;
    if (next >= len)
        return true; /* not read yet: as a long line's cuts always were */
    size_t n = line_end(text, next, len) - next;
    return blank_line(text + next, n) || !underline(text + next, n);
}

static bool normal_cut(const rs__md_cut *cut, const char *text, size_t from, size_t to, size_t len,
                       rs__md_inner_cut *c)
{
    size_t lo = cut->normal_since > from ? cut->normal_since : from;
    if (to > lo + INNER_SEARCH_BYTES)
        lo = to - INNER_SEARCH_BYTES;
    /* the unfinished line after a blank line opens a block of its own: the
       block before it ended, and is not cut */
    if (cut->prev_blank && cut->scan > lo && cut->scan < to)
        lo = cut->scan;
    /* in a run of link reference definitions, the start of its latest
       whole line (or of the line after it): the next piece reads
       definitions, or what followed them, as the whole does */
    size_t refs_end = cut->in_refs ? cut->refs_last : cut->refs_end;
    if (refs_end > cut->refs_from && refs_end > lo && refs_end <= len) {
        size_t at = refs_end <= to ? refs_end : line_start(text, lo, to);
        /* inside the run, a definition's line (not its title's) */
        while (at < refs_end && at > lo && at > cut->refs_from
               && !reference_line(text + at, line_end(text, at, len) - at))
            at = line_start(text, lo, at - 1);
        if (at > lo && at > cut->refs_from && text[at - 1] == '\n') {
            memset(c, 0, sizeof *c);
            c->at = c->content = at;
            return true;
        }
    }
    /*
     * Line starts: `next` is the line after the one looked at, which must
     * be whole (before cut->scan) and plain too.
     */
    /*
     * A line start near `to`, else a word start there (pieces stay long);
     * one before a lower-case letter first: a capital after the cut would
     * read as a sentence's start (a capitalised word inside one is a name).
     */
    rs__md_inner_cut upper_line = {0}, upper_word = {0};
    size_t lines_lo = to > lo + INNER_LINES_BYTES ? to - INNER_LINES_BYTES : lo;
    size_t next = cut->scan > lo + 1 && cut->scan <= len ? line_start(text, lo, cut->scan - 1) : 0;
    if (next > to + 1) { /* no line after the one holding `to` is cut at: not walked either */
        size_t after = line_end(text, to, len) + 1;
        if (after < next)
            next = after;
    }
    while (next > lines_lo + 1) {
        size_t at = line_start(text, lo, next - 1);
        if (at <= lines_lo)
            break;
        size_t prev = line_start(text, lo, at - 1);
        bool prev_whole = prev > lo || lo == 0 || text[lo - 1] == '\n';
        size_t content, quotes, indent, n_content, n_quotes, n_indent;
        if (at <= to && prev_whole
            && plain_line(text + at, next - 1 - at, &content, &quotes, &indent)
            && plain_line(text + next, line_end(text, next, len) - next, &n_content, &n_quotes,
                          &n_indent)
            && !blank_line(text + prev, at - 1 - prev) && !memchr(text + prev, '|', at - 1 - prev)
            && !ends_sentence(text, prev, at - 1)) {
            c->at = at;
            c->content = at + content;
            c->quotes = quotes;
            c->indent = indent;
            if (!upper_case(text[c->content]))
                return true;
            if (!upper_line.at)
                upper_line = *c;
        } else if (at <= to && prev_whole && row_line(text + at, next - 1 - at, &content, &quotes)
                   && row_line(text + prev, at - 1 - prev, &n_content, &n_quotes)) {
            /* between two rows of a table: the next piece is read as its rows */
            memset(c, 0, sizeof *c);
            c->at = at;
            c->content = at + content;
            c->quotes = quotes;
            c->table_row = true;
            return true;
        } else if (at <= to && prev_whole && ends_its_block(text + prev, at - 1 - prev)
                   && (block_by_itself(text + at, next - 1 - at)
                       || (plain_line(text + at, next - 1 - at, &content, &quotes, &indent)
                           && quotes == 0))) {
            /* after a heading or a break, before text or another: the next
               piece opens a block, as here */
            memset(c, 0, sizeof *c);
            c->at = c->content = at;
            return true;
        }
        next = at;
    }
    size_t line = SIZE_MAX;
    for (size_t p = to; p > lo + 1; p--) {
        if (p >= len || !word_cut_at(text, lo, p, len) || after_fence_opener(text, lo, p, &line))
            continue;
        c->at = c->content = p;
        c->quotes = c->indent = 0;
        c->mid_line = true;
        if (!upper_case(text[p]))
            return true;
        if (!upper_word.at)
            upper_word = *c;
        if (upper_line.at || p + INNER_LINES_BYTES < to)
            break; /* no lower-case word near: a capital will do */
    }
    if (upper_line.at || upper_word.at) {
        *c = upper_line.at ? upper_line : upper_word;
        return true;
    }
    /*
     * A token of megabytes: cut inside it, before a letter or a non-ASCII
     * character (never inside a UTF-8 sequence, nor an entity's name),
     * which opens no block; each piece of the token counts as a word.
     * Near the cut only: a letter far back is no such token's (the "div"
     * of "<div>" before megabytes of marks, where the cut went inside the
     * tag, and "<di" and "v>" were read as text).
     */
    memset(c, 0, sizeof *c);
    line = SIZE_MAX;
    for (size_t p = to; p > lo + 1 && p + INNER_LINES_BYTES >= to; p--) {
        if (p >= len || !letter_lead((unsigned char)text[p]) || text[p - 1] == ' '
            || text[p - 1] == '\n' || text[p - 1] == '\t' || in_entity_name(text, lo, p)
            || after_fence_opener(text, lo, p, &line))
            continue;
        c->at = c->content = p;
        c->mid_line = true;
        return true;
    }
    return last_resort_cut(text, from, lo, to, len, c);
}
