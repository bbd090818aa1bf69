/* HTML roles from markup hints (a first version). */
#include "doc/roles.h"

void rs__roles_html(rs__doc *d)
{
    rs_report *r = d->report;
    for (size_t i = 0; i < r->nblocks; i++) {
        uint32_t h = d->evidence[i].hints;
        rs_block *b = &r->blocks[i];
        if (h & (RS_HINT_NAV | RS_HINT_FOOTER | RS_HINT_ASIDE | RS_HINT_HIDDEN | RS_HINT_FORM | RS_HINT_BAD_NAME))
            b->role = RS_ROLE_BOILERPLATE;
        else if (h & RS_HINT_BYLINE)
            b->role = RS_ROLE_BYLINE;
        else if (h & RS_HINT_CAPTION)
            b->role = RS_ROLE_CAPTION;
    }
}
