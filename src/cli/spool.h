/* spool.h: text gathered while an input is analysed, to be written once the
 * analysis has succeeded (--extract of a streamed input, whose blocks are
 * handed over window by window).  It is kept in memory up to
 * 1 MiB, and past that in an unnamed temporary file (in $TMPDIR, else
 * /tmp), so that memory stays bounded however long the text is. */
#ifndef READSTAT_CLI_SPOOL_H
#define READSTAT_CLI_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct spool {
    char *bytes;   /* in memory: the text; once in a file: the read buffer */
    size_t len, cap;
    FILE *file;    /* NULL while the text fits in memory */
    size_t carry;  /* reading from the file: bytes of bytes[] kept for the next stretch */
    bool reading;
    int err;       /* errno of the first failure; 0: none */
} spool;

/* Appends len bytes; a failure is kept (spool_error()) and later writes do nothing. */
void spool_write(spool *s, const char *bytes, size_t len);

/* The errno of the first failure to keep or read the text; 0: none. */
int spool_error(const spool *s);

/*
 * An rs_text_next_fn (ud: the spool): the text in stretches, from its
 * start, none of which ends inside a UTF-8 sequence that the next one
 * completes.  The first call ends the writing.
 */
bool spool_next(void *ud, const char **text, size_t *len);

void spool_free(spool *s);

#endif
