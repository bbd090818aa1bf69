/*
 * json_check.h: a strict RFC 8259 validator for the JSON the library
 * writes.  Strict means: exactly one value with optional white space around
 * it; strings that are valid UTF-8 (no overlong forms, no surrogates, nothing
 * past U+10FFFF), with no raw control characters and only the escapes the
 * RFC lists, where a \u escape of a surrogate must be a proper pair;
 * numbers by the RFC grammar (so no NaN, Infinity, leading zeros, "+1" or
 * "1."); no duplicate key within an object.
 */
#ifndef RS_JSON_CHECK_H
#define RS_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct json_check_result {
    bool ok;
    size_t offset;       /* where the first problem is */
    const char *message; /* what it is (static storage) */
} json_check_result;

/* Validates text[0..len); nesting deeper than max_depth is an error. */
json_check_result json_check(const char *text, size_t len, int max_depth);

#endif
