/* Temporary: the html front-end reads its input as plain text until it lands. */
#include "format/frontend.h"
#include "format/plaintext.h"

const rs__frontend_ops rs__html_ops = {0};
