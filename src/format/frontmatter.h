/*
 * frontmatter.h: the metadata block at the top of a Markdown file.
 *
 * YAML sits between "---" lines (closed by "---" or "..."), TOML between
 * "+++" lines, at the very start of the input (after a byte order mark).
 * Every scalar becomes a metadata entry: nested keys are joined with dots
 * ("author.name"), the scalars of a sequence with ", " ("tags"), and the
 * usual keys are also reported under the library's names: title; byline
 * (author, authors, author.name, authors.name, byline); date (date,
 * publishDate, published, pubDate); description (description, summary);
 * language (lang, language).
 *
 * Front matter that does not parse is skipped, and the parser's message is
 * reported as "front_matter_error"; the analysis goes on either way.
 */
#ifndef RS_FORMAT_FRONTMATTER_H
#define RS_FORMAT_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format/frontend.h"

typedef enum rs__fm_syntax { RS_FM_YAML = 1, RS_FM_TOML } rs__fm_syntax;

typedef struct rs__fm_span {
    rs__fm_syntax syntax;
    size_t content_start, content_end; /* between the fence lines */
    size_t body_start;                 /* the first byte after the closing fence line */
    size_t first_line;                 /* the line number of content_start (1 = first) */
} rs__fm_span;

/* Front matter larger than this is skipped unread (reported as an error). */
enum { RS_FM_MAX_BYTES = 1 << 20 };

/*
 * Looks for front matter at text[start..len): an opening fence on the first
 * line and a closing one further down.  Without the closing fence there is
 * no front matter ("---" is then a thematic break).
 */
bool rs__frontmatter_find(const char *text, size_t start, size_t len, rs__fm_span *out);

/*
 * Reads the front matter and reports its values through sink->meta.  YAML
 * that parses but is not a mapping (a line of text between two "---") is
 * no front matter: *is_front_matter says so, and the text is Markdown.
 * Errors: RS_ERR_NOMEM (and whatever the sink returns); a syntax error is
 * not one.
 */
rs_status rs__frontmatter_read(const rs_allocator *alloc, const char *text,
                               const rs__fm_span *span, const rs__frontend_sink *sink,
                               bool *is_front_matter);

/* ------------------------------------------------------------------ */
/* Shared by the YAML and TOML readers                                  */

/* Bounds on what front matter may report (beyond them values are dropped). */
enum { RS_FM_MAX_KEY = 256, RS_FM_MAX_VALUES = 1024, RS_FM_MAX_KEYS = 256, RS_FM_MAX_DEPTH = 32 };

/*
 * Deeper nesting stops the reading with an error: libyaml's scanner looks
 * at every open flow collection for every token, so its time grows with
 * the square of the depth (4 s for 20,000 levels).
 */
enum { RS_FM_MAX_NESTING = 1000 };

typedef struct rs__fm_entry {
    size_t key, key_len, value, value_len; /* offsets in bytes */
} rs__fm_entry;

/* Values in document order; a key may repeat (a sequence's items). */
typedef struct rs__fm_values {
    const rs_allocator *alloc;
    char *bytes;
    size_t len, cap;
    rs__fm_entry *entries;
    size_t count, cap_entries;
    size_t keys; /* distinct keys */
    /* distinct keys by hash (open addressing): an entry's index + 1, 0 if free */
    uint32_t key_slots[2 * RS_FM_MAX_KEYS];
} rs__fm_values;

/* Adds key = value; drops it quietly past the bounds.  Errors: RS_ERR_NOMEM. */
rs_status rs__fm_add(rs__fm_values *v, const char *key, size_t key_len, const char *value,
                     size_t value_len);

/*
 * The TOML reader (format/frontmatter_toml.c).  Returns RS_OK or
 * RS_ERR_NOMEM; on a syntax error it returns RS_OK with *error set to a
 * message written into error_buf.
 */
rs_status rs__toml_read(rs__fm_values *v, const char *text, size_t len, size_t first_line,
                        char *error_buf, size_t error_size, const char **error);

#endif
