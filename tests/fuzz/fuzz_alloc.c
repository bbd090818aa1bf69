/*
 * fuzz_alloc: the allocator hook's contract, on any input.  Every block the
 * library frees or resizes must be given back with the size it was
 * allocated with (the lua_Alloc contract lets a hook rely on old_size), and
 * when the k-th allocation fails (k from the first two input bytes) the
 * call fails with RS_ERR_NOMEM, hands out no report and leaks nothing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readstat.h"
#include "fuzz_util.h"

/* Each block carries its size in front, to check what the library says. */
typedef struct header {
    size_t size;
    size_t magic;
} header;

#define BLOCK_MAGIC ((size_t)0x5EADB10C)

typedef struct tracker {
    size_t calls, fail_at; /* fail the fail_at-th allocation or growth (1-based) */
    size_t live_blocks, live_bytes;
} tracker;

static void *tracking_realloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    tracker *t = ud;
    header *h = ptr ? (header *)ptr - 1 : NULL;
    if (h) {
        FUZZ_CHECK(h->magic == BLOCK_MAGIC, "a pointer the hook never handed out");
        FUZZ_CHECK(h->size == old_size, "old_size %zu, but the block has %zu", old_size, h->size);
    } else {
        FUZZ_CHECK(old_size == 0, "old_size %zu for a new block", old_size);
    }
    if (new_size == 0) {
        if (h) {
            t->live_blocks--;
            t->live_bytes -= h->size;
            h->magic = 0;
            free(h);
        }
        return NULL;
    }
    if (++t->calls == t->fail_at)
        return NULL;
    header *n = realloc(h, sizeof *n + new_size);
    if (!n)
        return NULL;
    if (!h)
        t->live_blocks++;
    else
        t->live_bytes -= old_size;
    t->live_bytes += new_size;
    n->size = new_size;
    n->magic = BLOCK_MAGIC;
    return n + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > FUZZ_MAX_INPUT)
        return 0;
    tracker t = {.fail_at = (size_t)data[0] | (size_t)data[1] << 8};
    rs_allocator alloc = {tracking_realloc, &t};
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    o.flags = RS_OPT_DETAIL;
    o.allocator = &alloc;
    rs_report *r = NULL;
    rs_status st = rs_analyze((const char *)data + 2, size - 2, &o, &r);
    bool injected = t.fail_at >= 1 && t.fail_at <= t.calls;
    /* The library never retries: a refused allocation is the call's failure. */
    FUZZ_CHECK(!injected || st == RS_ERR_NOMEM, "allocation %zu was refused, status: %s",
               t.fail_at, rs_strerror(st));
    FUZZ_CHECK(injected || st == RS_OK || st == RS_ERR_BINARY || st == RS_ERR_ENCODING,
               "status %s", rs_strerror(st));
    if (st == RS_ERR_NOMEM)
        FUZZ_CHECK(r == NULL, "a report with RS_ERR_NOMEM");
    FUZZ_CHECK((st == RS_OK) == (r != NULL), "report iff RS_OK");
    if (r) {
        /* A report must be usable and then release everything. */
        (void)rs_report_counts(r);
        rs_report_free(r);
    }
    FUZZ_CHECK(t.live_blocks == 0 && t.live_bytes == 0, "%zu blocks (%zu bytes) leaked",
               t.live_blocks, t.live_bytes);
    return 0;
}
