/* plaintext_lines.h: the plain-text line parser as its tests drive it. */
#ifndef RS_TESTS_PLAINTEXT_LINES_H
#define RS_TESTS_PLAINTEXT_LINES_H

#include "helpers.h"

#include "format/plaintext.h"

typedef struct kinds_seen {
    rs_block_kind first;
    size_t blocks;
} kinds_seen;

static inline rs_status record_block(void *ud, rs_block_kind kind, int level, size_t start,
                                     size_t end)
{
    (void)level, (void)start, (void)end;
    kinds_seen *seen = ud;
    if (seen->blocks++ == 0)
        seen->first = kind;
    return RS_OK;
}

/* The kind of the block a line of len bytes makes, parsed at offset `at`
   of a text (after `at` bytes of an earlier line) and followed by "\n\n"
   and a sentence. */
static inline rs_block_kind kind_of_line(const char *line, size_t len, size_t at)
{
    static const char sentence[] = "The storm arrived early on Monday.";
    char text[1024];
    cr_assert_leq(at + len + 2 + sizeof sentence, sizeof text);
    memset(text, 'x', at);
    if (at > 0)
        text[at - 1] = '\n';
    memcpy(text + at, line, len);
    memcpy(text + at + len, "\n\n", 2);
    memcpy(text + at + len + 2, sentence, sizeof sentence);
    rs__plaintext pt;
    rs__plaintext_init(&pt);
    kinds_seen seen = {0};
    const rs__block_sink sink = {record_block, &seen};
    size_t line_end = at + len, next = line_end + 2, next_end = next + sizeof sentence - 1;
    cr_assert_eq(rs__plaintext_line(&pt, text, at, line_end, &sink), RS_OK);
    cr_assert_eq(rs__plaintext_line(&pt, text, line_end + 1, line_end + 1, &sink), RS_OK);
    cr_assert_eq(rs__plaintext_line(&pt, text, next, next_end, &sink), RS_OK);
    cr_assert_eq(rs__plaintext_finish(&pt, &sink), RS_OK);
    cr_assert_eq(seen.blocks, 2);
    return seen.first;
}

/* A small linear congruential generator: the tests' lines are the same on
   every run. */
static inline uint32_t next_random(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 8;
}

#endif
