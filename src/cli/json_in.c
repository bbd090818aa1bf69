/* json_in.c: see json_in.h. */
#include "json_in.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_META_DEPTH 8
#define MAX_META_ENTRIES 1024

json_t *json_pointer_get(json_t *root, const char *pointer)
{
    if (!pointer || pointer[0] == '\0')
        return root;
    if (pointer[0] != '/')
        return NULL;
    json_t *node = root;
    const char *p = pointer + 1;
    char token[512];
    for (;;) {
        /* Unescape one reference token: ~1 is '/', ~0 is '~'. */
        size_t n = 0;
        while (*p && *p != '/') {
            char c = *p++;
            if (c == '~') {
                if (*p == '0')
                    c = '~';
                else if (*p == '1')
                    c = '/';
                else
                    return NULL;
                p++;
            }
            if (n + 1 >= sizeof token)
                return NULL;
            token[n++] = c;
        }
        token[n] = '\0';
        if (json_is_object(node)) {
            node = json_object_get(node, token);
        } else if (json_is_array(node)) {
            char *end;
            if (n == 0 || (n > 1 && token[0] == '0') || strspn(token, "0123456789") != n)
                return NULL;
            unsigned long long i = strtoull(token, &end, 10);
            node = i < json_array_size(node) ? json_array_get(node, (size_t)i) : NULL;
        } else {
            return NULL;
        }
        if (!node)
            return NULL;
        if (*p == '\0')
            return node;
        p++; /* the '/' */
    }
}

void json_number_text(json_t *v, char *buf, size_t size)
{
    if (json_is_integer(v)) {
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return;
    }
    double d = json_real_value(v);
    /* jansson keeps the double, not the text: print the fewest digits
     * that read back as the same double, so 0.1 stays "0.1". */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

void json_article_free(json_article *art)
{
    for (size_t i = 0; i < art->meta_count; i++) {
        free((char *)art->meta[i].key);
        free((char *)art->meta[i].value);
    }
    free(art->meta);
    free(art->id);
    memset(art, 0, sizeof *art);
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Takes ownership of key and value. */
static void add_meta(json_article *art, char *key, char *value)
{
    if (!key || !value || art->meta_count >= MAX_META_ENTRIES) {
        art->no_memory |= !key || !value;
        free(key);
        free(value);
        return;
    }
    if (art->meta_count == art->meta_cap) {
        size_t cap = art->meta_cap ? art->meta_cap * 2 : 16;
        cli_meta_pair *p = realloc(art->meta, cap * sizeof *p);
        if (!p) {
            art->no_memory = true;
            free(key);
            free(value);
            return;
        }
        art->meta = p;
        art->meta_cap = cap;
    }
    art->meta[art->meta_count].key = key;
    art->meta[art->meta_count++].value = value;
}

/* The text of a scalar (string, number, boolean), or NULL. */
static char *scalar_text(json_t *v)
{
    char num[64];
    if (json_is_string(v))
        return dup_n(json_string_value(v), json_string_length(v));
    if (json_is_number(v)) {
        json_number_text(v, num, sizeof num);
        return dup_n(num, strlen(num));
    }
    if (json_is_boolean(v))
        return dup_n(json_is_true(v) ? "true" : "false", json_is_true(v) ? 4 : 5);
    return NULL;
}

/* A list of scalars joined with ", "; NULL if it holds anything else. */
static char *joined_text(json_t *array)
{
    size_t i, total = 1;
    json_t *item;
    char *parts[64];
    size_t n = json_array_size(array);
    if (n == 0 || n > sizeof parts / sizeof parts[0])
        return NULL;
    json_array_foreach(array, i, item) {
        parts[i] = scalar_text(item);
        if (!parts[i]) {
            for (size_t k = 0; k < i; k++)
                free(parts[k]);
            return NULL;
        }
        total += strlen(parts[i]) + 2;
    }
    char *out = malloc(total);
    if (out) {
        out[0] = '\0';
        for (i = 0; i < n; i++) {
            if (i)
                strcat(out, ", ");
            strcat(out, parts[i]);
        }
    }
    for (i = 0; i < n; i++)
        free(parts[i]);
    return out;
}

static char *join_key(const char *prefix, const char *key)
{
    size_t a = prefix ? strlen(prefix) : 0, b = strlen(key);
    char *out = malloc(a + b + 2);
    if (!out)
        return NULL;
    if (a) {
        memcpy(out, prefix, a);
        out[a] = '.';
        memcpy(out + a + 1, key, b + 1);
    } else {
        memcpy(out, key, b + 1);
    }
    return out;
}

static void add_value(json_article *art, const char *key, json_t *v, int depth);

static void add_object(json_article *art, const char *prefix, json_t *obj, int depth,
                       const json_mapping *skip_content)
{
    const char *k;
    json_t *v;
    if (depth > MAX_META_DEPTH)
        return;
    json_object_foreach(obj, k, v) {
        if (k[0] == '\0')
            continue;
        if (skip_content && (strcmp(k, "text") == 0 || strcmp(k, "markdown") == 0 ||
                             strcmp(k, "html") == 0 ||
                             (strcmp(k, "meta") == 0 && json_is_object(v))))
            continue;
        char *key = join_key(prefix, k);
        if (!key) {
            art->no_memory = true;
            return;
        }
        add_value(art, key, v, depth);
        free(key);
    }
}

static void add_value(json_article *art, const char *key, json_t *v, int depth)
{
    if (json_is_object(v)) {
        add_object(art, key, v, depth + 1, NULL);
    } else if (json_is_array(v)) {
        char *text = joined_text(v);
        if (text)
            add_meta(art, dup_n(key, strlen(key)), text);
    } else {
        char *text = scalar_text(v);
        if (text)
            add_meta(art, dup_n(key, strlen(key)), text);
    }
}

const char *json_article_read(json_t *doc, const json_mapping *map, json_article *art)
{
    memset(art, 0, sizeof *art);
    static const struct {
        size_t offset;
        rs_format format;
        const char *name;
    } content[] = {
        {offsetof(json_mapping, text), RS_FORMAT_TEXT, "text"},
        {offsetof(json_mapping, markdown), RS_FORMAT_MARKDOWN, "markdown"},
        {offsetof(json_mapping, html), RS_FORMAT_HTML, "html"},
    };
    if (!json_is_object(doc))
        return "the article is not a JSON object";
    int found = 0;
    for (size_t i = 0; i < sizeof content / sizeof content[0]; i++) {
        const char *ptr = *(const char *const *)((const char *)map + content[i].offset);
        json_t *v = ptr ? json_pointer_get(doc, ptr) : NULL;
        if (!v || json_is_null(v))
            continue;
        if (!json_is_string(v))
            return "the text, markdown or html field is not a string";
        if (found++)
            return "the article has more than one of text, markdown and html";
        art->text = json_string_value(v);
        art->len = json_string_length(v);
        art->format = content[i].format;
    }
    if (!found)
        return "the article has no text, markdown or html field";

    json_t *id = map->id ? json_pointer_get(doc, map->id) : NULL;
    if (id && (json_is_string(id) || json_is_number(id)))
        art->id = scalar_text(id);

    /* Metadata, weakest first: the analyzer keeps the last value set. */
    if (map->rest_is_meta)
        add_object(art, NULL, doc, 0, map);
    json_t *meta = map->meta_object ? json_pointer_get(doc, map->meta_object) : NULL;
    if (json_is_object(meta))
        add_object(art, NULL, meta, 0, NULL);
    if (!map->rest_is_meta) {
        json_t *title = map->title ? json_pointer_get(doc, map->title) : NULL;
        char *text = title ? scalar_text(title) : NULL;
        if (text)
            add_meta(art, dup_n("title", 5), text);
        if (art->id)
            add_meta(art, dup_n("id", 2), dup_n(art->id, strlen(art->id)));
    }
    for (size_t i = 0; i < map->meta_count; i++) {
        json_t *v = json_pointer_get(doc, map->meta_ptrs[i]);
        if (v)
            add_value(art, map->meta_keys[i], v, 0);
    }
    return art->no_memory ? "out of memory" : NULL;
}
