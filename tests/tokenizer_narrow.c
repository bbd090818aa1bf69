/*
 * The tokenizer once more, without its wide path (RS_TOKENIZER_NO_WIDE)
 * and under other names, for test_tokenizer_wide to hold the library's
 * tokens against: only the wide path differs between the two.
 */
#define RS_TOKENIZER_NO_WIDE 1
#define rs__tokenize narrow_tokenize
#define rs__tokenize_readable narrow_tokenize_readable
#include "../src/text/tokenizer.c"
