/* spool.c: text held until it may be written (spool.h). */
#include "spool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    /* an article's main text fits many times over; a streamed archive's
       goes to the file */
    SPOOL_MEMORY_BYTES = 1 << 20,
    SPOOL_READ_BYTES = 64 * 1024
};

static void fail(spool *s)
{
    if (!s->err)
        s->err = errno ? errno : EIO;
}

/* An unnamed file in $TMPDIR (tmpfile() would ignore it), or in /tmp. */
static FILE *unnamed_file(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir);
    char *path = malloc(n + sizeof "/readstat-XXXXXX");
    if (!path) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(path, dir, n);
    memcpy(path + n, "/readstat-XXXXXX", sizeof "/readstat-XXXXXX");
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path); /* gone with the last close, however the run ends */
    free(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    return f;
}

/* Moves the text so far from memory to a temporary file. */
static void to_file(spool *s)
{
    errno = 0;
    s->file = unnamed_file();
    if (!s->file) {
        fail(s);
        return;
    }
    if (s->len && fwrite(s->bytes, 1, s->len, s->file) != s->len)
        fail(s);
    free(s->bytes);
    s->bytes = NULL;
    s->len = s->cap = 0;
}

void spool_write(spool *s, const char *bytes, size_t len)
{
    if (s->err || s->reading || !len)
        return;
    if (!s->file && len <= SPOOL_MEMORY_BYTES - s->len) {
        if (s->len + len > s->cap) {
            size_t cap = s->cap ? s->cap : 4096;
            while (cap < s->len + len)
                cap *= 2;
            char *grown = realloc(s->bytes, cap);
            if (!grown) {
                s->err = ENOMEM;
                return;
            }
            s->bytes = grown;
            s->cap = cap;
        }
        memcpy(s->bytes + s->len, bytes, len);
        s->len += len;
        return;
    }
    if (!s->file)
        to_file(s);
    errno = 0;
    if (!s->err && fwrite(bytes, 1, len, s->file) != len)
        fail(s);
}

int spool_error(const spool *s)
{
    return s->err;
}

/* Where the bytes b[0, n) stop short of a UTF-8 sequence that goes on past
   them: before its lead byte, else n. */
static size_t whole_sequences_end(const unsigned char *b, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = b[n - k];
        if (c < 0x80)
            return n;
        if (c >= 0xC0) {
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return need > k ? n - k : n;
        }
    }
    return n;
}

/* The first stretch from the file: back to its start, and a buffer to read into. */
static bool start_reading(spool *s)
{
    s->reading = true;
    s->len = s->carry = 0;
    errno = 0;
    if (fflush(s->file) != 0 || fseek(s->file, 0, SEEK_SET) != 0) {
        fail(s);
        return false;
    }
    s->bytes = malloc(SPOOL_READ_BYTES);
    if (!s->bytes) {
        s->err = ENOMEM;
        return false;
    }
    s->cap = SPOOL_READ_BYTES;
    return true;
}

bool spool_next(void *ud, const char **text, size_t *len)
{
    spool *s = ud;
    if (s->err)
        return false;
    if (!s->file) { /* all of it, at once */
        if (s->reading || !s->len)
            return false;
        s->reading = true;
        *text = s->bytes;
        *len = s->len;
        return true;
    }
    if (!s->reading && !start_reading(s))
        return false;
    /* the bytes kept from the last stretch go first */
    memmove(s->bytes, s->bytes + s->len, s->carry);
    size_t n = s->carry;
    errno = 0;
    size_t got = fread(s->bytes + n, 1, s->cap - n, s->file);
    if (got < s->cap - n && ferror(s->file)) {
        fail(s);
        return false;
    }
    n += got;
    if (!n)
        return false;
    /* at the end, a broken sequence goes out as it is */
    s->len = got ? whole_sequences_end((const unsigned char *)s->bytes, n) : n;
    s->carry = n - s->len;
    *text = s->bytes;
    *len = s->len;
    return true;
}

void spool_free(spool *s)
{
    free(s->bytes);
    if (s->file)
        fclose(s->file);
    memset(s, 0, sizeof *s);
}
