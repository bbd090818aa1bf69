/* Names of things: status messages, enum keys, the version. */
#include "readstat.h"

const char *readstat_version(void)
{
    return READSTAT_VERSION;
}

const char *rs_strerror(rs_status status)
{
    switch (status) {
    case RS_OK: return "success";
    case RS_ERR_NOMEM: return "out of memory";
    case RS_ERR_ARG: return "invalid argument";
    case RS_ERR_BINARY: return "binary file (contains NUL bytes)";
    case RS_ERR_ENCODING: return "UTF-16 or UTF-32 text; convert it to UTF-8 first";
    case RS_ERR_LANG: return "unsupported language (supported: en)";
    case RS_ERR_STATE: return "analyzer already finished or failed";
    case RS_ERR_LIMIT: return "input exceeds a size limit";
    case RS_ERR_UNAVAILABLE: return "format support unavailable: libxml2 (HTML) or md4c (Markdown) could not be loaded";
    }
    return "unknown error";
}

const char *rs_block_kind_name(rs_block_kind kind)
{
    static const char *const names[RS_BLOCK__COUNT] = {
        "paragraph", "heading", "list_item", "quote", "code", "caption", "table_cell", "image",
    };
    return (unsigned)kind < RS_BLOCK__COUNT ? names[kind] : NULL;
}

const char *rs_role_name(rs_role role)
{
    static const char *const names[RS_ROLE__COUNT] = {
        "content", "title", "byline", "caption", "boilerplate",
    };
    return (unsigned)role < RS_ROLE__COUNT ? names[role] : NULL;
}

const char *rs_word_kind_name(rs_word_kind kind)
{
    static const char *const names[RS_WORD__COUNT] = {
        "word", "number", "url", "email", "handle", "hashtag", "cjk",
    };
    return (unsigned)kind < RS_WORD__COUNT ? names[kind] : NULL;
}

const char *rs_format_name(rs_format format)
{
    static const char *const names[RS_FORMAT__COUNT] = {"auto", "text", "markdown", "html"};
    return (unsigned)format < RS_FORMAT__COUNT ? names[format] : NULL;
}
