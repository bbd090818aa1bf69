#include "json_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const unsigned char *s;
    size_t len, pos;
    int depth, max_depth;
    const char *error;
    size_t error_pos;
} parser;

static bool fail(parser *p, const char *message)
{
    if (!p->error) {
        p->error = message;
        p->error_pos = p->pos;
    }
    return false;
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        p->pos++;
    }
}

static bool literal(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return fail(p, "bad literal");
    p->pos += n;
    return true;
}

static bool digits(parser *p)
{
    size_t start = p->pos;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
        p->pos++;
    return p->pos > start;
}

/* number = [ minus ] int [ frac ] [ exp ] */
static bool number(parser *p)
{
    if (p->pos < p->len && p->s[p->pos] == '-')
        p->pos++;
    if (p->pos >= p->len)
        return fail(p, "number: no digits");
    if (p->s[p->pos] == '0') {
        p->pos++;
    } else if (p->s[p->pos] >= '1' && p->s[p->pos] <= '9') {
        digits(p);
    } else {
        return fail(p, "number: no digits");
    }
    if (p->pos < p->len && p->s[p->pos] == '.') {
        p->pos++;
        if (!digits(p))
            return fail(p, "number: no digits after the point");
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (!digits(p))
            return fail(p, "number: no exponent digits");
    }
    /* "01" would otherwise read as 0 followed by garbage: caught by the caller. */
    return true;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long hex4(parser *p)
{
    if (p->len - p->pos < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(p->s[p->pos + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    p->pos += 4;
    return v;
}

/* One UTF-8 sequence of two or more bytes, strictly (Unicode table 3-7). */
static bool utf8_sequence(parser *p)
{
    unsigned char b0 = p->s[p->pos];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return fail(p, "string: invalid UTF-8 lead byte");
    }
    if (p->len - p->pos <= need)
        return fail(p, "string: truncated UTF-8");
    for (size_t i = 1; i <= need; i++) {
        unsigned char b = p->s[p->pos + i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            return fail(p, "string: invalid UTF-8 continuation");
    }
    p->pos += need + 1;
    return true;
}

static bool string(parser *p)
{
    p->pos++; /* the opening quote */
    for (;;) {
        if (p->pos >= p->len)
            return fail(p, "string: not closed");
        unsigned char c = p->s[p->pos];
        if (c == '"') {
            p->pos++;
            return true;
        }
        if (c < 0x20)
            return fail(p, "string: raw control character");
        if (c >= 0x80) {
            if (!utf8_sequence(p))
                return false;
            continue;
        }
        if (c != '\\') {
            p->pos++;
            continue;
        }
        p->pos++;
        if (p->pos >= p->len)
            return fail(p, "string: escape at the end");
        c = p->s[p->pos++];
        if (strchr("\"\\/bfnrt", c) && c != '\0')
            continue;
        if (c != 'u')
            return fail(p, "string: unknown escape");
        long u = hex4(p);
        if (u < 0)
            return fail(p, "string: bad \\u escape");
        if (u >= 0xDC00 && u <= 0xDFFF)
            return fail(p, "string: lone low surrogate");
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (p->len - p->pos < 2 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
                return fail(p, "string: lone high surrogate");
            p->pos += 2;
            long low = hex4(p);
            if (low < 0xDC00 || low > 0xDFFF)
                return fail(p, "string: high surrogate without a low one");
        }
    }
}

typedef struct key_span {
    size_t start, len;
} key_span;

static bool value(parser *p);

static bool object(parser *p)
{
    p->pos++;
    key_span *keys = NULL;
    size_t nkeys = 0, cap = 0;
    bool ok = false;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return true;
    }
    for (;;) {
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] != '"') {
            fail(p, "object: key expected");
            break;
        }
        size_t key_start = p->pos;
        if (!string(p))
            break;
        key_span k = {key_start, p->pos - key_start};
        /* Keys are compared as written: the writer has one spelling each. */
        bool dup = false;
        for (size_t i = 0; i < nkeys && !dup; i++)
            dup = keys[i].len == k.len && memcmp(p->s + keys[i].start, p->s + k.start, k.len) == 0;
        if (dup) {
            p->pos = key_start;
            fail(p, "object: duplicate key");
            break;
        }
        if (nkeys == cap) {
            cap = cap ? cap * 2 : 16;
            key_span *grown = realloc(keys, cap * sizeof *keys);
            if (!grown) {
                fail(p, "out of memory");
                break;
            }
            keys = grown;
        }
        keys[nkeys++] = k;
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] != ':') {
            fail(p, "object: ':' expected");
            break;
        }
        p->pos++;
        if (!value(p))
            break;
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            ok = true;
        } else {
            fail(p, "object: ',' or '}' expected");
        }
        break;
    }
    free(keys);
    return ok;
}

static bool array(parser *p)
{
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == ']') {
        p->pos++;
        return true;
    }
    for (;;) {
        if (!value(p))
            return false;
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            return true;
        }
        return fail(p, "array: ',' or ']' expected");
    }
}

static bool value(parser *p)
{
    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, "value expected");
    unsigned char c = p->s[p->pos];
    bool ok;
    switch (c) {
    case '{':
    case '[':
        if (++p->depth > p->max_depth)
            return fail(p, "nested too deep");
        ok = c == '{' ? object(p) : array(p);
        p->depth--;
        return ok;
    case '"':
        return string(p);
    case 't':
        return literal(p, "true");
    case 'f':
        return literal(p, "false");
    case 'n':
        return literal(p, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return number(p);
        return fail(p, "value expected");
    }
}

json_check_result json_check(const char *text, size_t len, int max_depth)
{
    parser p = {(const unsigned char *)text, len, 0, 0, max_depth, NULL, 0};
    if (value(&p)) {
        skip_ws(&p);
        if (p.pos != p.len)
            fail(&p, "text after the value");
    }
    json_check_result r = {p.error == NULL, p.error ? p.error_pos : 0, p.error};
    return r;
}
