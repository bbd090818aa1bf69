/* output.c: stdout through one large buffer, written with write(2) so that
 * errors (a full disk, a closed pipe) are seen exactly where they happen. */
#include "output.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUFFER_SIZE 65536

/* The exit status a shell reports for a process ended by SIGPIPE. */
#define EXIT_BROKEN_PIPE (128 + SIGPIPE)

static char out_buffer[OUT_BUFFER_SIZE];
static size_t out_used;
static bool out_failed;
/* stdout, or the temporary file behind -o FILE */
static int out_fd = STDOUT_FILENO;
/* With -o: the temporary file and its final name.  Static, because the
 * signal handler that removes the temporary file may use nothing else. */
static char out_temp[4096];
static char out_final[4096];

void out_init(void)
{
    signal(SIGPIPE, SIG_DFL);
}

static void write_all(const char *bytes, size_t len)
{
    while (len > 0 && !out_failed) {
        ssize_t n = write(out_fd, bytes, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EPIPE) {
                /* SIGPIPE was blocked or ignored by our parent: end just as
                 * quietly as the signal would have. */
                _exit(EXIT_BROKEN_PIPE);
            }
            int err = errno;
            out_failed = true;
            fprintf(stderr, "readstat: write error: %s\n", strerror(err));
            return;
        }
        bytes += n;
        len -= (size_t)n;
    }
}

bool out_flush(void)
{
    if (out_used > 0 && !out_failed)
        write_all(out_buffer, out_used);
    out_used = 0;
    return !out_failed;
}

bool out_ok(void)
{
    return !out_failed;
}

void out_discard_file(void)
{
    if (out_fd != STDOUT_FILENO && out_temp[0])
        unlink(out_temp);
}

/* An interrupted run leaves no temporary file, and never a half report. */
static void remove_temp_and_die(int sig)
{
    unlink(out_temp);
    signal(sig, SIG_DFL);
    raise(sig);
}

bool out_open_file(const char *path)
{
    int n = snprintf(out_temp, sizeof out_temp, "%s.tmp-XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof out_temp || strlen(path) >= sizeof out_final) {
        fprintf(stderr, "readstat: %s: output path too long\n", path);
        return false;
    }
    strcpy(out_final, path);
    /* Same directory as the target, so that rename() is atomic. */
    int fd = mkstemp(out_temp);
    if (fd < 0) {
        fprintf(stderr, "readstat: %s: cannot create the output file: %s\n", path,
                strerror(errno));
        out_temp[0] = '\0';
        return false;
    }
    out_fd = fd;
    signal(SIGINT, remove_temp_and_die);
    signal(SIGTERM, remove_temp_and_die);
    signal(SIGHUP, remove_temp_and_die);
    return true;
}

bool out_close_file(bool keep)
{
    if (out_fd == STDOUT_FILENO)
        return true;
    bool ok = keep && out_flush();
    if (ok && fsync(out_fd) != 0) {
        fprintf(stderr, "readstat: %s: %s\n", out_final, strerror(errno));
        ok = false;
    }
    if (close(out_fd) != 0 && ok) {
        fprintf(stderr, "readstat: %s: %s\n", out_final, strerror(errno));
        ok = false;
    }
    out_fd = STDOUT_FILENO;
    if (ok && rename(out_temp, out_final) != 0) {
        fprintf(stderr, "readstat: %s: %s\n", out_final, strerror(errno));
        ok = false;
    }
    if (!ok)
        unlink(out_temp);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    return ok;
}

void out_write(const char *bytes, size_t len)
{
    if (out_failed)
        return;
    if (len > OUT_BUFFER_SIZE - out_used) {
        out_flush();
        if (len >= OUT_BUFFER_SIZE) {
            write_all(bytes, len);
            return;
        }
    }
    memcpy(out_buffer + out_used, bytes, len);
    out_used += len;
}

void out_puts(const char *s)
{
    out_write(s, strlen(s));
}

void out_pad(size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        out_write(spaces, k);
        n -= k;
    }
}

void out_printf(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof line) {
        out_write(line, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    out_write(big, (size_t)n);
    free(big);
}

int out_write_cb(void *ud, const char *bytes, size_t len)
{
    (void)ud;
    out_write(bytes, len);
    return out_failed ? 1 : 0;
}

void cli_error(const char *fmt, ...)
{
    out_flush();
    va_list ap;
    va_start(ap, fmt);
    fputs("readstat: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
