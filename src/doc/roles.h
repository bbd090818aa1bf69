/* roles.h: the role classifiers, one per kind of evidence. */
#ifndef RS_DOC_ROLES_H
#define RS_DOC_ROLES_H

#include "doc/doc.h"

/* Plain text: only the words, lines and their order (doc/roles_text.c).  RS_ERR_NOMEM. */
rs_status rs__roles_plaintext(rs__doc *d);
/* HTML: markup evidence weighed with the text (doc/roles_html.c). */
void rs__roles_html(rs__doc *d);
/* Markdown: the author's own document, so little is chrome (doc/roles.c). */
void rs__roles_markdown(rs__doc *d);

#endif
