/* Plain-text roles: every block is content until the classifier lands. */
#include "doc/roles.h"

void rs__roles_plaintext(rs__doc *d)
{
    (void)d;
}
