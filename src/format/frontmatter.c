/*
 * Front matter: finding the block, reading YAML with libyaml's event API,
 * and reporting the values (TOML is read in format/frontmatter_toml.c).
 *
 * The event API never builds a document tree, so YAML aliases are never
 * expanded by libyaml; here an alias stands for its anchor's scalar once
 * and is ignored after that (or when the anchor is a collection).  That
 * keeps a "billion laughs" document as small as its text.  Bounds on the
 * size of the block, the nesting depth, key lengths and the number of
 * values keep the metadata proportionate to the input.
 */
#include "format/frontmatter.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "core/alloc.h"

/* ------------------------------------------------------------------ */
/* Finding it                                                           */

static size_t line_end(const char *text, size_t p, size_t len)
{
    const char *nl = memchr(text + p, '\n', len - p);
    return nl ? (size_t)(nl - text) : len;
}

/* Is text[p..end) the fence, give or take trailing blanks and a CR? */
static bool is_fence(const char *text, size_t p, size_t end, const char *fence)
{
    size_t n = strlen(fence);
    if (end - p < n || memcmp(text + p, fence, n) != 0)
        return false;
    for (p += n; p < end; p++)
        if (text[p] != ' ' && text[p] != '\t' && text[p] != '\r')
            return false;
    return true;
}

bool rs__frontmatter_find(const char *text, size_t start, size_t len, rs__fm_span *out)
{
    if (start >= len)
        return false;
    size_t end = line_end(text, start, len);
    if (end == len) /* the fence line needs its line end */
        return false;
    rs__fm_syntax syntax;
    const char *close, *close_alt;
    if (is_fence(text, start, end, "---")) {
        syntax = RS_FM_YAML;
        close = "---";
        close_alt = "..."; /* YAML's own end-of-document marker */
    } else if (is_fence(text, start, end, "+++")) {
        syntax = RS_FM_TOML;
        close = close_alt = "+++";
    } else {
        return false;
    }
    size_t content = end + 1, line = 2;
    for (size_t p = content; p < len; line++) {
        size_t e = line_end(text, p, len);
        if (is_fence(text, p, e, close) || is_fence(text, p, e, close_alt)) {
            *out = (rs__fm_span){
                .syntax = syntax, .content_start = content, .content_end = p,
                .body_start = e < len ? e + 1 : len, .first_line = 2,
            };
            return true;
        }
        p = e + 1;
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Collecting values                                                    */

static bool same_key(const rs__fm_values *v, const rs__fm_entry *e, const char *key, size_t len)
{
    return e->key_len == len && memcmp(v->bytes + e->key, key, len) == 0;
}

static rs_status push_bytes(rs__fm_values *v, const char *s, size_t n, size_t *at)
{
    rs_status st = rs__grow(v->alloc, (void **)&v->bytes, &v->cap, v->len + n, 1);
    if (st != RS_OK)
        return st;
    if (n)
        memcpy(v->bytes + v->len, s, n);
    *at = v->len;
    v->len += n;
    return RS_OK;
}

/* FNV-1a: keys are short, and a hostile document can only fill RS_FM_MAX_KEYS slots. */
static uint32_t key_hash(const char *key, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

/* The slot holding key, or the free slot where it would go. */
static size_t key_slot(const rs__fm_values *v, const char *key, size_t len)
{
    size_t n = sizeof v->key_slots / sizeof v->key_slots[0];
    size_t i = key_hash(key, len) % n;
    while (v->key_slots[i] && !same_key(v, &v->entries[v->key_slots[i] - 1], key, len))
        i = (i + 1) % n; /* never full: at most half the slots are used */
    return i;
}

rs_status rs__fm_add(rs__fm_values *v, const char *key, size_t key_len, const char *value,
                     size_t value_len)
{
    while (value_len && (value[value_len - 1] == ' ' || value[value_len - 1] == '\n'
                         || value[value_len - 1] == '\t' || value[value_len - 1] == '\r'))
        value_len--; /* a block scalar's final line end is not part of the value */
    if (key_len == 0 || key_len > RS_FM_MAX_KEY || value_len == 0 || v->count >= RS_FM_MAX_VALUES)
        return RS_OK;
    size_t slot = key_slot(v, key, key_len);
    bool known = v->key_slots[slot] != 0;
    if (!known && v->keys >= RS_FM_MAX_KEYS)
        return RS_OK;
    rs__fm_entry e = {.key_len = key_len, .value_len = value_len};
    rs_status st = rs__grow(v->alloc, (void **)&v->entries, &v->cap_entries, v->count + 1,
                            sizeof *v->entries);
    if (st == RS_OK)
        st = push_bytes(v, key, key_len, &e.key);
    if (st == RS_OK)
        st = push_bytes(v, value, value_len, &e.value);
    if (st != RS_OK)
        return st;
    v->entries[v->count++] = e;
    if (!known) {
        v->key_slots[slot] = (uint32_t)v->count;
        v->keys++;
    }
    return RS_OK;
}

static void values_release(rs__fm_values *v)
{
    rs__free(v->alloc, v->bytes, v->cap);
    rs__free(v->alloc, v->entries, v->cap_entries * sizeof *v->entries);
}

static bool key_is_ci(const rs__fm_values *v, const rs__fm_entry *e, const char *name)
{
    size_t n = strlen(name);
    if (e->key_len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = v->bytes[e->key + i], d = name[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (d >= 'A' && d <= 'Z')
            d = (char)(d + 32);
        if (c != d)
            return false;
    }
    return true;
}

/* Reports key = every value of entry `first`'s key, joined with ", ". */
static rs_status report_joined(const rs__fm_values *v, size_t first, const char *as,
                               char **buf, size_t *cap, const rs__frontend_sink *sink)
{
    const rs__fm_entry *f = &v->entries[first];
    size_t n = 0;
    for (size_t i = first; i < v->count; i++) {
        const rs__fm_entry *e = &v->entries[i];
        if (i != first && !same_key(v, e, v->bytes + f->key, f->key_len))
            continue;
        size_t need = n + (n ? 2 : 0) + e->value_len;
        rs_status st = rs__grow(v->alloc, (void **)buf, cap, need + 1, 1);
        if (st != RS_OK)
            return st;
        if (n) {
            memcpy(*buf + n, ", ", 2);
            n += 2;
        }
        memcpy(*buf + n, v->bytes + e->value, e->value_len);
        n += e->value_len;
    }
    (*buf)[n] = '\0';
    if (as)
        return sink->meta(sink->ud, as, *buf, n);
    /* the key needs a terminator: it is copied after the value */
    rs_status st = rs__grow(v->alloc, (void **)buf, cap, n + 1 + f->key_len + 1, 1);
    if (st != RS_OK)
        return st;
    char *key = *buf + n + 1;
    memcpy(key, v->bytes + f->key, f->key_len);
    key[f->key_len] = '\0';
    return sink->meta(sink->ud, key, *buf, n);
}

/* The library's names for the usual keys, each from its candidates in order. */
static const struct {
    const char *name;
    const char *from[6];
} usual_keys[] = {
    {"title", {"title", NULL}},
    {"byline", {"author", "authors", "author.name", "authors.name", "byline", NULL}},
    {"date", {"date", "publishDate", "published", "pubDate", NULL}},
    {"description", {"description", "summary", NULL}},
    {"language", {"lang", "language", NULL}},
};

static rs_status report_values(const rs__fm_values *v, const rs__frontend_sink *sink)
{
    char *buf = NULL;
    size_t cap = 0;
    rs_status st = RS_OK;
    for (size_t u = 0; u < sizeof usual_keys / sizeof usual_keys[0] && st == RS_OK; u++) {
        bool found = false;
        for (const char *const *name = usual_keys[u].from; *name && !found && st == RS_OK; name++)
            for (size_t i = 0; i < v->count && !found; i++)
                if (key_is_ci(v, &v->entries[i], *name)) {
                    found = true;
                    st = report_joined(v, i, usual_keys[u].name, &buf, &cap, sink);
                }
    }
    for (size_t i = 0; i < v->count && st == RS_OK; i++) {
        const rs__fm_entry *e = &v->entries[i];
        bool first = v->key_slots[key_slot(v, v->bytes + e->key, e->key_len)] == i + 1;
        if (first)
            st = report_joined(v, i, NULL, &buf, &cap, sink);
    }
    rs__free(v->alloc, buf, cap);
    return st;
}

/* ------------------------------------------------------------------ */
/* YAML                                                                 */

enum { MAX_ANCHORS = 256 };

typedef struct yaml_frame {
    bool is_map;
    bool expect_key;
    bool skip_value;   /* the key was not a plain scalar, or too long */
    size_t prefix_len; /* the path of the collection itself */
} yaml_frame;

typedef struct yaml_walk {
    rs__fm_values *values;
    yaml_frame frames[RS_FM_MAX_DEPTH];
    size_t depth;
    size_t skip;       /* nesting inside a subtree being skipped */
    bool skip_is_key;  /* that subtree is a key: its value comes next */
    bool too_deep;
    char path[RS_FM_MAX_KEY + 1];
    size_t path_len;
    bool root_done;
    bool root_not_map; /* the document is a scalar or a sequence: not front matter */
    /* anchored scalars, so that an alias can stand for one (once) */
    size_t anchor_name[MAX_ANCHORS], anchor_value[MAX_ANCHORS], anchor_value_len[MAX_ANCHORS];
    bool anchor_used[MAX_ANCHORS];
    size_t nanchors;
    char *anchor_bytes;
    size_t anchor_len, anchor_cap;
} yaml_walk;

/* The node just read completes the value of the enclosing map's key. */
static void value_done(yaml_walk *w)
{
    if (w->depth == 0) {
        w->root_done = true;
        return;
    }
    yaml_frame *f = &w->frames[w->depth - 1];
    w->path_len = f->prefix_len;
    if (f->is_map) {
        f->expect_key = true;
        f->skip_value = false;
    }
}

static void set_key(yaml_walk *w, yaml_frame *f, const char *key, size_t len)
{
    size_t dot = f->prefix_len ? 1 : 0;
    f->expect_key = false;
    if (len == 0 || f->prefix_len + dot + len > RS_FM_MAX_KEY) {
        f->skip_value = true;
        return;
    }
    if (dot)
        w->path[f->prefix_len] = '.';
    memcpy(w->path + f->prefix_len + dot, key, len);
    w->path_len = f->prefix_len + dot + len;
}

static bool is_null(const char *s, size_t n, bool plain)
{
    if (!plain)
        return false;
    return n == 0 || (n == 1 && s[0] == '~') || (n == 4 && (memcmp(s, "null", 4) == 0
                                                            || memcmp(s, "Null", 4) == 0
                                                            || memcmp(s, "NULL", 4) == 0));
}

static rs_status on_scalar(yaml_walk *w, const char *s, size_t n, bool plain)
{
    if (w->skip)
        return RS_OK;
    if (w->depth == 0) { /* a document that is one scalar has no keys */
        w->root_not_map = !w->root_done;
        value_done(w);
        return RS_OK;
    }
    yaml_frame *f = &w->frames[w->depth - 1];
    if (f->is_map && f->expect_key) {
        set_key(w, f, s, n);
        return RS_OK;
    }
    rs_status st = RS_OK;
    if (!(f->is_map && f->skip_value) && !is_null(s, n, plain))
        st = rs__fm_add(w->values, w->path, w->path_len, s, n);
    value_done(w);
    return st;
}

static void on_collection_start(yaml_walk *w, bool is_map)
{
    if (w->depth + w->skip >= RS_FM_MAX_NESTING) {
        w->too_deep = true;
        return;
    }
    if (w->skip) {
        w->skip++;
        return;
    }
    yaml_frame *parent = w->depth ? &w->frames[w->depth - 1] : NULL;
    bool skip = false, is_key = false;
    if (!parent) {
        skip = !is_map || w->root_done; /* only a mapping at the top has keys */
        w->root_not_map = w->root_not_map || (!is_map && !w->root_done);
    } else if (parent->is_map && parent->expect_key) {
        parent->expect_key = false;  /* a collection as a key: its value is skipped too */
        parent->skip_value = true;
        skip = is_key = true;
    } else if (parent->is_map && parent->skip_value) {
        skip = true;
    }
    if (skip || w->depth == RS_FM_MAX_DEPTH) {
        w->skip = 1;
        w->skip_is_key = is_key;
        return;
    }
    w->frames[w->depth++] = (yaml_frame){
        .is_map = is_map, .expect_key = is_map, .prefix_len = w->path_len,
    };
}

static void on_collection_end(yaml_walk *w)
{
    if (w->skip) {
        if (--w->skip == 0 && !w->skip_is_key)
            value_done(w);
        return;
    }
    if (w->depth)
        w->depth--;
    value_done(w);
}

static rs_status remember_anchor(yaml_walk *w, const char *name, const char *value, size_t len)
{
    if (w->nanchors == MAX_ANCHORS)
        return RS_OK;
    size_t name_len = strlen(name);
    rs_status st = rs__grow(w->values->alloc, (void **)&w->anchor_bytes, &w->anchor_cap,
                            w->anchor_len + name_len + 1 + len, 1);
    if (st != RS_OK)
        return st;
    size_t k = w->nanchors++;
    w->anchor_name[k] = w->anchor_len;
    memcpy(w->anchor_bytes + w->anchor_len, name, name_len + 1);
    w->anchor_len += name_len + 1;
    w->anchor_value[k] = w->anchor_len;
    w->anchor_value_len[k] = len;
    if (len)
        memcpy(w->anchor_bytes + w->anchor_len, value, len);
    w->anchor_len += len;
    w->anchor_used[k] = false;
    return RS_OK;
}

static rs_status on_alias(yaml_walk *w, const char *name)
{
    if (w->skip)
        return RS_OK;
    /* the latest anchor of that name is the one in force */
    for (size_t k = w->nanchors; k-- > 0;) {
        if (strcmp(w->anchor_bytes + w->anchor_name[k], name) != 0)
            continue;
        if (w->anchor_used[k])
            break;
        w->anchor_used[k] = true;
        return on_scalar(w, w->anchor_bytes + w->anchor_value[k], w->anchor_value_len[k], false);
    }
    /* an alias of a collection, or used before: it stands for nothing */
    yaml_frame *f = w->depth ? &w->frames[w->depth - 1] : NULL;
    if (f && f->is_map && f->expect_key) {
        f->expect_key = false;
        f->skip_value = true;
        return RS_OK;
    }
    value_done(w);
    return RS_OK;
}

static rs_status walk_event(yaml_walk *w, const yaml_event_t *ev, bool *done)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        const char *s = (const char *)ev->data.scalar.value;
        size_t n = ev->data.scalar.length;
        rs_status st = RS_OK;
        if (ev->data.scalar.anchor)
            st = remember_anchor(w, (const char *)ev->data.scalar.anchor, s, n);
        if (st == RS_OK)
            st = on_scalar(w, s, n, ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
        return st;
    }
    case YAML_ALIAS_EVENT:
        return on_alias(w, (const char *)ev->data.alias.anchor);
    case YAML_MAPPING_START_EVENT:
        on_collection_start(w, true);
        return RS_OK;
    case YAML_SEQUENCE_START_EVENT:
        on_collection_start(w, false);
        return RS_OK;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        on_collection_end(w);
        return RS_OK;
    case YAML_DOCUMENT_END_EVENT: /* one document is all front matter holds */
    case YAML_STREAM_END_EVENT:
        *done = true;
        return RS_OK;
    default:
        return RS_OK;
    }
}

static void yaml_message(const yaml_parser_t *p, size_t first_line, char *buf, size_t size)
{
    const char *problem = p->problem ? p->problem : "invalid YAML";
    size_t line = p->problem_mark.line + first_line, column = p->problem_mark.column + 1;
    if (p->context)
        snprintf(buf, size, "%s, %s at line %zu, column %zu", p->context, problem, line, column);
    else
        snprintf(buf, size, "%s at line %zu, column %zu", problem, line, column);
}

static rs_status yaml_read(rs__fm_values *v, const char *text, size_t len, size_t first_line,
                           char *error_buf, size_t error_size, const char **error, bool *is_map)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return RS_ERR_NOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_walk w = {.values = v};
    rs_status st = RS_OK;
    for (bool done = false; !done && st == RS_OK;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            if (parser.error == YAML_MEMORY_ERROR) {
                st = RS_ERR_NOMEM;
            } else {
                yaml_message(&parser, first_line, error_buf, error_size);
                *error = error_buf;
            }
            break;
        }
        st = walk_event(&w, &ev, &done);
        if (w.too_deep) {
            snprintf(error_buf, error_size, "collections nested deeper than %d at line %zu",
                     (int)RS_FM_MAX_NESTING, ev.start_mark.line + first_line);
            *error = error_buf;
            done = true;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    rs__free(v->alloc, w.anchor_bytes, w.anchor_cap);
    *is_map = !w.root_not_map;
    return st;
}

/* ------------------------------------------------------------------ */

rs_status rs__frontmatter_read(const rs_allocator *alloc, const char *text,
                               const rs__fm_span *span, const rs__frontend_sink *sink,
                               bool *is_front_matter)
{
    char error_buf[256];
    const char *error = NULL;
    size_t len = span->content_end - span->content_start;
    *is_front_matter = true;
    if (len > RS_FM_MAX_BYTES) {
        snprintf(error_buf, sizeof error_buf, "front matter larger than %d bytes: skipped",
                 (int)RS_FM_MAX_BYTES);
        return sink->meta(sink->ud, "front_matter_error", error_buf, strlen(error_buf));
    }
    rs__fm_values v = {.alloc = alloc};
    const char *content = text + span->content_start;
    bool is_map = true;
    rs_status st = span->syntax == RS_FM_YAML
                       ? yaml_read(&v, content, len, span->first_line, error_buf,
                                   sizeof error_buf, &error, &is_map)
                       : rs__toml_read(&v, content, len, span->first_line, error_buf,
                                       sizeof error_buf, &error);
    if (st == RS_OK && !error && !is_map) {
        /* "---", a line of text, "---": thematic breaks and a heading, not metadata */
        *is_front_matter = false;
    } else if (st == RS_OK) {
        /* values read before a syntax error are not to be trusted: none are kept */
        if (error)
            st = sink->meta(sink->ud, "front_matter_error", error, strlen(error));
        else
            st = report_values(&v, sink);
    }
    values_release(&v);
    return st;
}
