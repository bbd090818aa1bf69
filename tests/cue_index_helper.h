/* cue_index_helper.h: the cue-phrase index, for the tests that search with it. */
#ifndef RS_TESTS_CUE_INDEX_HELPER_H
#define RS_TESTS_CUE_INDEX_HELPER_H

#include <criterion/criterion.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "doc/roles_text.h"

/* A ready index with the default allocator; rs__cue_index_release() and
   free() end it. */
static inline rs__cue_index *new_index(void)
{
    rs__cue_index *x = malloc(sizeof *x);
    cr_assert_not_null(x);
    rs_allocator alloc = rs__allocator_or_default(NULL);
    rs__cue_index_init(x, &alloc);
    return x;
}

#endif
