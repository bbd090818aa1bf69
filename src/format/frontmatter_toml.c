/*
 * The TOML that front matter uses (Hugo, Zola), read by hand since Debian
 * ships no TOML library for C.  Supported:
 *  - key = value lines; bare keys (A-Z a-z 0-9 _ -), "quoted" and 'literal'
 *    keys, dotted keys (a.b = 1);
 *  - [table] and [[array.of.tables]] headers: the keys under them get the
 *    header as a dotted prefix ("author.name");
 *  - basic strings with TOML's escapes (\b \t \n \f \r \" \\ \uXXXX
 *    \UXXXXXXXX), 'literal' strings, and both multi-line forms (""" and
 *    ''', with the line-ending backslash);
 *  - integers, floats, booleans, dates and date-times: checked loosely
 *    (a bare token of digits, letters, + - . _ :, or true/false/inf/nan)
 *    and kept as written;
 *  - arrays (over several lines, with comments and a trailing comma),
 *    whose scalars are joined; inline tables { k = v }; comments.
 * Not checked: duplicate keys (their values are joined), the exact grammar
 * of numbers and dates, mixed-type arrays.  A syntax error stops the
 * reading with a message "<problem> at line N" (N counts input lines).
 */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "format/frontmatter.h"
#include "text/utf8.h"
#include "format/markdown_text.h"

typedef struct toml_reader {
    rs__fm_values *values;
    const char *s;
    size_t len, pos, line;
    char *buf;             /* a string value, unescaped */
    size_t buf_len, buf_cap;
    rs_status status;      /* RS_ERR_NOMEM stops everything */
    const char *error;
    char *error_buf;
    size_t error_size;
} toml_reader;

typedef struct key_path {
    char bytes[RS_FM_MAX_KEY + 1];
    size_t len;
    bool too_long;         /* its values are read but not kept */
} key_path;

static bool fail(toml_reader *r, const char *problem)
{
    if (!r->error && r->status == RS_OK) {
        snprintf(r->error_buf, r->error_size, "%s at line %zu", problem, r->line);
        r->error = r->error_buf;
    }
    return false;
}

static bool out_of_memory(toml_reader *r, rs_status st)
{
    r->status = st;
    return false;
}

static int peek(const toml_reader *r, size_t ahead)
{
    return r->pos + ahead < r->len ? (unsigned char)r->s[r->pos + ahead] : -1;
}

static void skip_blanks(toml_reader *r)
{
    while (peek(r, 0) == ' ' || peek(r, 0) == '\t')
        r->pos++;
}

static bool at_line_end(const toml_reader *r)
{
    int c = peek(r, 0);
    return c == -1 || c == '\n' || (c == '\r' && peek(r, 1) == '\n');
}

static void skip_line_end(toml_reader *r)
{
    if (peek(r, 0) == '\r')
        r->pos++;
    if (peek(r, 0) == '\n') {
        r->pos++;
        r->line++;
    }
}

static void skip_comment(toml_reader *r)
{
    if (peek(r, 0) == '#')
        while (!at_line_end(r))
            r->pos++;
}

/* Blanks, comments and line ends, as arrays allow between their items. */
static void skip_space_lines(toml_reader *r)
{
    for (;;) {
        skip_blanks(r);
        skip_comment(r);
        if (peek(r, 0) == -1 || !at_line_end(r))
            return;
        skip_line_end(r);
    }
}

static bool buf_put(toml_reader *r, const char *s, size_t n)
{
    if (n == 0)
        return true;
    rs_status st = rs__grow(r->values->alloc, (void **)&r->buf, &r->buf_cap, r->buf_len + n, 1);
    if (st != RS_OK)
        return out_of_memory(r, st);
    memcpy(r->buf + r->buf_len, s, n);
    r->buf_len += n;
    return true;
}

static bool hex_escape(toml_reader *r, size_t digits)
{
    unsigned long cp = 0;
    for (size_t i = 0; i < digits; i++) {
        int c = peek(r, i);
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return fail(r, "invalid \\u escape");
        cp = cp * 16 + d;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return fail(r, "escape is not a Unicode scalar value");
    r->pos += digits;
    char out[4];
    return buf_put(r, out, rs__utf8_encode(cp, out));
}

/* After a backslash (r->pos at the escaped character). */
static bool escape(toml_reader *r, bool multiline)
{
    int c = peek(r, 0);
    static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
    const char *hit = c > 0 ? strchr(from, c) : NULL;
    if (hit && *hit) {
        r->pos++;
        return buf_put(r, &to[hit - from], 1);
    }
    if (c == 'u' || c == 'U') {
        r->pos++;
        return hex_escape(r, c == 'u' ? 4 : 8);
    }
    if (multiline) {
        /* a line-ending backslash swallows the white space up to the next text */
        size_t save = r->pos;
        skip_blanks(r);
        if (at_line_end(r) && peek(r, 0) != -1) {
            while (peek(r, 0) == ' ' || peek(r, 0) == '\t' || peek(r, 0) == '\n'
                   || peek(r, 0) == '\r') {
                if (peek(r, 0) == '\n')
                    r->line++;
                r->pos++;
            }
            return true;
        }
        r->pos = save;
    }
    return fail(r, "invalid escape in a string");
}

/* A string; r->pos at its first quote.  The text goes to r->buf. */
static bool read_string(toml_reader *r)
{
    char quote = (char)peek(r, 0);
    bool multiline = peek(r, 1) == quote && peek(r, 2) == quote;
    bool basic = quote == '"';
    r->buf_len = 0;
    r->pos += multiline ? 3 : 1;
    if (multiline && at_line_end(r) && peek(r, 0) != -1)
        skip_line_end(r); /* a line end right after the quotes is not content */
    for (;;) {
        int c = peek(r, 0);
        if (c == -1)
            return fail(r, "unterminated string");
        if (c == quote) {
            if (!multiline) {
                r->pos++;
                return true;
            }
            size_t run = 0;
            while (peek(r, run) == quote)
                run++;
            if (run >= 3) {
                if (run > 5)
                    return fail(r, "too many quotes closing a string");
                r->pos += run;
                return buf_put(r, r->s + r->pos - run, run - 3);
            }
            if (!buf_put(r, r->s + r->pos, run))
                return false;
            r->pos += run;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!multiline)
                return fail(r, "unterminated string");
            if (c == '\n')
                r->line++;
        }
        if (basic && c == '\\') {
            r->pos++;
            if (!escape(r, multiline))
                return false;
            continue;
        }
        if (!buf_put(r, r->s + r->pos, 1))
            return false;
        r->pos++;
    }
}

static bool bare_key_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '-';
}

static void path_append(key_path *p, const char *s, size_t n)
{
    size_t dot = p->len ? 1 : 0;
    if (p->too_long || p->len + dot + n > RS_FM_MAX_KEY) {
        p->too_long = true;
        return;
    }
    if (dot)
        p->bytes[p->len] = '.';
    if (n)
        memcpy(p->bytes + p->len + dot, s, n);
    p->len += dot + n;
}

/* A dotted key, appended to *path. */
static bool read_key(toml_reader *r, key_path *path)
{
    for (;;) {
        skip_blanks(r);
        int c = peek(r, 0);
        if (c == '"' || c == '\'') {
            if (peek(r, 1) == c && peek(r, 2) == c)
                return fail(r, "a key cannot be a multi-line string");
            if (!read_string(r))
                return false;
            path_append(path, r->buf, r->buf_len);
        } else if (bare_key_char(c)) {
            size_t start = r->pos;
            while (bare_key_char(peek(r, 0)))
                r->pos++;
            path_append(path, r->s + start, r->pos - start);
        } else {
            return fail(r, "expected a key");
        }
        skip_blanks(r);
        if (peek(r, 0) != '.')
            return true;
        r->pos++;
    }
}

static bool bare_value_char(int c)
{
    return bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

static bool is_date(const char *s, size_t n)
{
    return n == 10 && s[4] == '-' && s[7] == '-';
}

/* A number, boolean or date: kept as written. */
static bool read_bare(toml_reader *r, const key_path *path)
{
    size_t start = r->pos;
    while (bare_value_char(peek(r, 0)))
        r->pos++;
    /* "1979-05-27 07:32:00": a space may part a date from its time */
    int next = peek(r, 1);
    if (is_date(r->s + start, r->pos - start) && peek(r, 0) == ' ' && next >= '0' && next <= '9') {
        r->pos++;
        while (bare_value_char(peek(r, 0)))
            r->pos++;
    }
    const char *s = r->s + start;
    size_t n = r->pos - start;
    bool word = (n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0);
    size_t sign = n && (s[0] == '+' || s[0] == '-');
    bool special = n - sign == 3
                   && (memcmp(s + sign, "inf", 3) == 0 || memcmp(s + sign, "nan", 3) == 0);
    bool numeric = n > sign && s[sign] >= '0' && s[sign] <= '9';
    if (!(word || special || numeric))
        return fail(r, n ? "expected a value (strings need quotes)" : "expected a value");
    if (path->too_long)
        return true;
    rs_status st = rs__fm_add(r->values, path->bytes, path->len, s, n);
    return st == RS_OK ? true : out_of_memory(r, st);
}

static bool read_keyval(toml_reader *r, const key_path *prefix, size_t depth);

static bool read_value(toml_reader *r, const key_path *path, size_t depth)
{
    if (depth > RS_FM_MAX_DEPTH)
        return fail(r, "arrays or tables nested too deep");
    int c = peek(r, 0);
    if (c == '"' || c == '\'') {
        if (!read_string(r))
            return false;
        if (path->too_long)
            return true;
        rs_status st = rs__fm_add(r->values, path->bytes, path->len, r->buf, r->buf_len);
        return st == RS_OK ? true : out_of_memory(r, st);
    }
    if (c == '[') {
        r->pos++;
        for (;;) {
            skip_space_lines(r);
            if (peek(r, 0) == ']') {
                r->pos++;
                return true;
            }
            if (!read_value(r, path, depth + 1))
                return false;
            skip_space_lines(r);
            if (peek(r, 0) == ',')
                r->pos++;
            else if (peek(r, 0) != ']')
                return fail(r, "expected ',' or ']' in an array");
        }
    }
    if (c == '{') {
        r->pos++;
        skip_blanks(r);
        if (peek(r, 0) == '}') {
            r->pos++;
            return true;
        }
        for (;;) {
            if (!read_keyval(r, path, depth + 1))
                return false;
            skip_blanks(r);
            if (peek(r, 0) == '}') {
                r->pos++;
                return true;
            }
            if (peek(r, 0) != ',')
                return fail(r, "expected ',' or '}' in an inline table");
            r->pos++;
        }
    }
    return read_bare(r, path);
}

static bool read_keyval(toml_reader *r, const key_path *prefix, size_t depth)
{
    key_path path = *prefix;
    if (!read_key(r, &path))
        return false;
    if (peek(r, 0) != '=')
        return fail(r, "expected '=' after a key");
    r->pos++;
    skip_blanks(r);
    return read_value(r, &path, depth);
}

static bool read_header(toml_reader *r, key_path *table)
{
    bool array = peek(r, 1) == '[';
    r->pos += array ? 2 : 1;
    *table = (key_path){.len = 0};
    if (!read_key(r, table))
        return false;
    if (peek(r, 0) != ']' || (array && peek(r, 1) != ']'))
        return fail(r, array ? "expected ']]' closing a table header"
                             : "expected ']' closing a table header");
    r->pos += array ? 2 : 1;
    return true;
}

rs_status rs__toml_read(rs__fm_values *v, const char *text, size_t len, size_t first_line,
                        char *error_buf, size_t error_size, const char **error)
{
    toml_reader r = {
        .values = v, .s = text, .len = len, .line = first_line,
        .error_buf = error_buf, .error_size = error_size,
    };
    key_path table = {.len = 0};
    while (r.pos < r.len) {
        skip_blanks(&r);
        int c = peek(&r, 0);
        bool ok = true;
        if (c == '[')
            ok = read_header(&r, &table);
        else if (c != '#' && !at_line_end(&r))
            ok = read_keyval(&r, &table, 0);
        if (ok) {
            skip_blanks(&r);
            skip_comment(&r);
            if (!at_line_end(&r))
                ok = fail(&r, "expected the end of the line");
            skip_line_end(&r);
        }
        if (!ok)
            break;
    }
    rs__free(v->alloc, r.buf, r.buf_cap);
    if (r.status != RS_OK)
        return r.status;
    *error = r.error;
    return RS_OK;
}
