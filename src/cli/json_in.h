/*
 * json_in.h: articles given as JSON (an NDJSON line, a request body, a CMS
 * webhook), parsed with jansson, turned into what the analyzer takes: the
 * text, its format and metadata pairs.
 */
#ifndef READSTAT_CLI_JSON_IN_H
#define READSTAT_CLI_JSON_IN_H

#include "input.h"

#include "readstat.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Where each part of the article is found: JSON pointers (RFC 6901).
 * NULL means "not mapped". */
typedef struct json_mapping {
    const char *id, *title, *text, *markdown, *html;
    const char *meta_object;  /* an object whose members all become metadata */
    const char **meta_keys;   /* extra metadata: meta_keys[i] = pointer meta_ptrs[i] */
    const char **meta_ptrs;
    size_t meta_count;
    bool rest_is_meta;        /* NDJSON: every other top-level field is metadata */
} json_mapping;

typedef struct json_article {
    const char *text;         /* points into the parsed document */
    size_t len;
    rs_format format;
    char *id;                 /* NULL when there is none */
    cli_meta_pair *meta;      /* keys and values are owned here */
    size_t meta_count, meta_cap;
    bool no_memory;
} json_article;

/* The value at an RFC 6901 pointer ("" is the whole document), or NULL. */
json_t *json_pointer_get(json_t *root, const char *pointer);

/*
 * Fills *art from doc according to map.  Exactly one of text, markdown and
 * html must be a string: the format follows the field.  Metadata: strings
 * as they are; numbers and booleans as their JSON text; arrays of those
 * joined with ", " (as YAML front matter lists are); objects as dotted keys
 * ("author.name"), down to 8 levels; null and anything else is skipped.
 * Returns NULL, or a static message saying what is wrong.  json_article_free
 * releases *art either way.
 */
const char *json_article_read(json_t *doc, const json_mapping *map, json_article *art);
void json_article_free(json_article *art);

/* The JSON text of a number, the shortest that reads back the same. */
void json_number_text(json_t *v, char *buf, size_t size);

#endif
