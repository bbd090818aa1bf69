#include "readstat.h"

void rs_options_init(rs_options *opts)
{
    if (!opts)
        return;
    opts->lang = "en";
    /* Brysbaert (2019): adult silent reading of English non-fiction. */
    opts->words_per_minute = 238.0;
    /* Medium's rate for Chinese, Japanese and Korean posts. */
    opts->cjk_chars_per_minute = 500.0;
    opts->flags = 0;
    opts->format = RS_FORMAT_AUTO;
    opts->allocator = NULL;
}
