/* fuzz_markdown: the Markdown front-end (md4c, front matter); see fuzz_markup.h. */
#define FUZZ_FORMAT RS_FORMAT_MARKDOWN
#include "fuzz_markup.h"
