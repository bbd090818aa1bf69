/*
 * Role assignment.  Each format has its own classifier, since the evidence
 * differs: plain text has only words and lines, HTML has markup as well.
 * Markdown is a document its author wrote as such, so only the title is set
 * apart, and blocks the front-end marked as hidden.
 */
#include <string.h>

#include "core/ascii.h"
#include "doc/roles.h"

rs_status rs__assign_roles(rs__doc *d)
{
    switch (d->report->format) {
    case RS_FORMAT_HTML:
        rs__roles_html(d);
        return RS_OK;
    case RS_FORMAT_MARKDOWN:
        rs__roles_markdown(d);
        return RS_OK;
    default:
        return rs__roles_plaintext(d);
    }
}

/* Is a block's text the same as a metadata value (case and spaces aside)? */
static bool same_text(const char *a, size_t alen, const char *b)
{
    while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\n'))
        alen--;
    return rs__ascii_eq_ci(a, alen, b, strlen(b));
}

void rs__roles_markdown(rs__doc *d)
{
    rs_report *r = d->report;
    const char *meta_title = rs_report_meta(r, "title");
    for (size_t i = 0; i < r->nblocks; i++) {
        rs_block *b = &r->blocks[i];
        if (d->evidence[i].hints & RS_HINT_HIDDEN)
            b->role = RS_ROLE_BOILERPLATE;
        else if (d->evidence[i].hints & RS_HINT_CAPTION)
            b->role = RS_ROLE_CAPTION;
    }
    /* The title: a level-1 heading before any text, or the front matter's title repeated. */
    if (rs__stream_later_window(d))
        return; /* the document's text came before this window's */
    for (size_t i = 0; i < r->nblocks; i++) {
        rs_block *b = &r->blocks[i];
        if (b->kind != RS_BLOCK_HEADING) {
            if (b->words > 0)
                break;
            continue;
        }
        size_t len;
        const char *text = rs_report_block_text(r, i, &len);
        if (b->level == 1 || (meta_title && same_text(text, len, meta_title)))
            b->role = RS_ROLE_TITLE;
        break;
    }
}
