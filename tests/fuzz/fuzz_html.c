/* fuzz_html: the HTML front-end (libxml2 SAX) and its classifier; see fuzz_markup.h. */
#define FUZZ_FORMAT RS_FORMAT_HTML
#include "fuzz_markup.h"
