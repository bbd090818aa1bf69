/* input.c: reads an input and feeds it chunk by chunk, or lends a large
 * file's mapping step by step, so that memory for the input itself stays
 * bounded however large the file is. */
/* madvise(), which POSIX leaves out */
#define _DEFAULT_SOURCE
#include "input.h"

#include "args.h"
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK_SIZE 65536

const char *cli_input_display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static const char *status_reason(rs_status status)
{
    if (status == RS_ERR_BINARY)
        return "binary file (contains NUL bytes)";
    return rs_strerror(status);
}

/* Reads the rest of the input straight into the analyzer's buffer, a
 * chunk at a time: a copy through a buffer of our own would cost as much
 * as the kernel's copy out of the page cache. */
static input_result feed_all(int fd, rs_analyzer *a, const char **reason, int *err)
{
    for (;;) {
        char *room;
        rs_status st = rs_analyzer_room(a, CHUNK_SIZE, &room);
        ssize_t n = 0;
        if (st == RS_OK) {
            n = read(fd, room, CHUNK_SIZE);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                *err = errno;
                return INPUT_UNREADABLE;
            }
            st = rs_analyzer_commit(a, (size_t)n);
        }
        if (st != RS_OK) {
            *reason = status_reason(st);
            return st == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
        }
        if (n == 0)
            return INPUT_OK;
    }
}

/*
 * A large regular file is mapped and lent to the analyzer, which reads it
 * in place: read() would copy every byte out of the page cache first (3.4%
 * of perf's samples on a 10 MB text, with the kernel's work around the
 * copy; the run is about 1% faster without it, Markdown and HTML 2-3%, as
 * the analysis now reads the page cache itself).  It is committed
 * MAP_STEP bytes at a time, and after each step the pages the analyzer has
 * passed over are unmapped, so that the file's resident pages stay about
 * 2 MiB however long it is (the analyzer's window and a step; steps of
 * 1 MiB held up to 1.9 MiB more).
 */
#define MAP_STEP (1u << 18)

typedef struct mapped {
    void *bytes;
    size_t len;
} mapped;

/* The file this thread has mapped, for mapped_file_shrank(). */
static _Thread_local const char *mapped_path;

static void say(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    if (write(STDERR_FILENO, s, n) < 0) {
        /* nothing left to tell it to */
    }
}

/*
 * A mapped file that is truncated while it is read makes the pages past its
 * new end unreadable, and reading one raises SIGBUS in the reading thread.
 * The analysis cannot go on, and the report would be of a file that no
 * longer exists; the run says so and ends as for an unreadable input,
 * leaving no half-written -o file.  Only async-signal-safe calls here.
 */
static void mapped_file_shrank(int sig)
{
    if (!mapped_path) { /* not ours: the default action */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    say("readstat: ");
    say(mapped_path);
    say(": the file was truncated while it was being read\n");
    out_discard_file();
    _exit(EXIT_BAD_INPUT);
}

static input_result feed_mapped(int fd, const char *path, size_t size, rs_analyzer *a,
                                mapped *m, const char **reason, int *err)
{
    void *bytes = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (bytes == MAP_FAILED) /* a file system that cannot map: read it */
        return feed_all(fd, a, reason, err);
    m->bytes = bytes;
    m->len = size;
    /* a page cache of 2 MiB folios would be mapped 2 MiB at a time: 10.2
       MiB of RSS for a file just written instead of 8.3 */
    madvise(bytes, size, MADV_NOHUGEPAGE);
    struct sigaction on_bus = {.sa_handler = mapped_file_shrank};
    sigemptyset(&on_bus.sa_mask);
    sigaction(SIGBUS, &on_bus, NULL);
    mapped_path = cli_input_display_name(path);
    rs_status st = rs_analyzer_lend(a, bytes, size);
    size_t page = (size_t)sysconf(_SC_PAGESIZE), released = 0;
    for (size_t p = 0; st == RS_OK && p < size; p += MAP_STEP) {
        st = rs_analyzer_commit(a, size - p < MAP_STEP ? size - p : MAP_STEP);
        size_t passed = rs_analyzer_passed(a) / page * page;
        if (passed > released) {
            /* a private read-only mapping: the pages come back from the
               file if they are read again */
            madvise((char *)bytes + released, passed - released, MADV_DONTNEED);
            released = passed;
        }
    }
    if (st != RS_OK) {
        /* cut short while mapped, the file reads as zeros to the end of its
           last page (then SIGBUS): "binary" would be the wrong reason */
        struct stat now;
        if (fstat(fd, &now) == 0 && (uint64_t)now.st_size < size)
            *reason = "the file was truncated while it was being read";
        else
            *reason = status_reason(st);
        return st == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
    }
    return INPUT_OK;
}

/*
 * With RS_OPT_STREAM asked for, the first STREAM_AFTER bytes are read
 * before the analyzer starts: an input that ends within them is analysed
 * without the flag, so its report is the full one (blocks and their
 * texts), as it always was; only a longer input streams, in bounded memory.
 */
#define STREAM_AFTER (1u << 20)

typedef struct prefix {
    char *bytes;
    size_t len;
    bool at_end; /* the input ended within the prefix */
} prefix;

/*
 * size_hint: the file's size if known, else 0.  Most articles are a few KB:
 * the buffer grows from one chunk, so that a batch of small files does not
 * map and unmap 1 MiB for each; a file whose size is known gets a buffer
 * that holds it (and sees its end) or the whole prefix at once, not copied
 * from one size to the next.
 */
static input_result read_prefix(int fd, size_t size_hint, prefix *p, int *err)
{
    size_t cap = 0;
    while (p->len < STREAM_AFTER) {
        if (p->len == cap) {
            size_t grown = cap ? cap * 2 : CHUNK_SIZE;
            if (cap == 0 && size_hint >= CHUNK_SIZE)
                grown = size_hint < STREAM_AFTER ? size_hint + 1 : STREAM_AFTER;
            if (grown > STREAM_AFTER)
                grown = STREAM_AFTER;
            char *bytes = realloc(p->bytes, grown);
            if (!bytes)
                return INPUT_NO_MEMORY;
            p->bytes = bytes;
            cap = grown;
        }
        ssize_t n = read(fd, p->bytes + p->len, cap - p->len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            return INPUT_UNREADABLE;
        }
        if (n == 0) {
            p->at_end = true;
            break;
        }
        p->len += (size_t)n;
    }
    return INPUT_OK;
}

rs_format cli_format_for_path(const char *path, rs_format asked)
{
    static const struct { const char *ext; rs_format format; } by_ext[] = {
        {".md", RS_FORMAT_MARKDOWN}, {".markdown", RS_FORMAT_MARKDOWN}, {".mdown", RS_FORMAT_MARKDOWN},
        {".html", RS_FORMAT_HTML}, {".htm", RS_FORMAT_HTML}, {".xhtml", RS_FORMAT_HTML},
        {".txt", RS_FORMAT_TEXT}, {".text", RS_FORMAT_TEXT},
    };
    if (asked != RS_FORMAT_AUTO)
        return asked;
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return RS_FORMAT_AUTO;
    for (size_t i = 0; i < sizeof by_ext / sizeof by_ext[0]; i++)
        if (strcasecmp(dot, by_ext[i].ext) == 0)
            return by_ext[i].format;
    return RS_FORMAT_AUTO;
}

/* Sets each "key=value" on the analyzer. */
static rs_status set_meta(rs_analyzer *a, const char *const *meta, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *eq = strchr(meta[i], '=');
        char key[256];
        size_t klen = (size_t)(eq - meta[i]);
        if (klen >= sizeof key)
            klen = sizeof key - 1;
        memcpy(key, meta[i], klen);
        key[klen] = '\0';
        rs_status st = rs_analyzer_set_meta(a, key, eq + 1);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}

/* The work of both entry points; a system error is left in *err (and
 * *reason is NULL) so that each can word it in its own thread-safe way. */
static input_result analyze_path(const char *path, const rs_options *base_opts,
                                 const char *const *meta, size_t meta_count,
                                 rs_block_fn on_block, void *on_block_ud, rs_report **out,
                                 const char **reason, int *err)
{
    *out = NULL;
    *reason = NULL;
    *err = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        *err = errno;
        return INPUT_UNREADABLE;
    }
    struct stat st;
    bool stat_ok = fstat(fd, &st) == 0;
    if (stat_ok && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        *err = EISDIR;
        return INPUT_UNREADABLE;
    }

    rs_options opts = *base_opts;
    opts.format = cli_format_for_path(path, opts.format);
    prefix head = {0};
    mapped map = {0};
    input_result result = INPUT_OK;
    bool sized = stat_ok && S_ISREG(st.st_mode) && st.st_size > 0;
    /* A file that does not end within the prefix streams, from its
       mapping: read_prefix() would only copy its first MiB once more, into
       pages touched for that alone (a quarter of a 10 MB run's page faults). */
    bool mapped_stream = (opts.flags & RS_OPT_STREAM) && sized
                         && (uint64_t)st.st_size >= STREAM_AFTER
                         && (uint64_t)st.st_size <= SIZE_MAX;
    if ((opts.flags & RS_OPT_STREAM) && !mapped_stream) {
        result = read_prefix(fd, sized ? (size_t)st.st_size : 0, &head, err);
        if (result == INPUT_OK && head.at_end)
            opts.flags &= ~(unsigned)RS_OPT_STREAM; /* small: the full report */
    }
    rs_analyzer *a = NULL;
    rs_status status = RS_OK;
    if (result == INPUT_OK) {
        status = rs_analyzer_new(&opts, &a);
        if (status == RS_OK && on_block)
            status = rs_analyzer_on_block(a, on_block, on_block_ud);
        if (status == RS_OK)
            status = set_meta(a, meta, meta_count);
        /* in the chunks the rest comes in: a streaming analyzer measures
           and drops as it goes, so one big feed would make it hold more */
        for (size_t p = 0; status == RS_OK && p < head.len; p += CHUNK_SIZE)
            status = rs_analyzer_feed(a, head.bytes + p,
                                      head.len - p < CHUNK_SIZE ? head.len - p : CHUNK_SIZE);
        free(head.bytes);
        head.bytes = NULL;
    }
    if (result != INPUT_OK) {
        free(head.bytes);
        if (result == INPUT_NO_MEMORY)
            *reason = status_reason(RS_ERR_NOMEM);
    } else if (status != RS_OK) {
        *reason = status_reason(status);
        result = status == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
    } else if (mapped_stream) {
        result = feed_mapped(fd, path, (size_t)st.st_size, a, &map, reason, err);
    } else if (!head.at_end) {
        result = feed_all(fd, a, reason, err);
    }
    if (result == INPUT_OK) {
        status = rs_analyzer_finish(a, out);
        if (status != RS_OK) {
            *out = NULL;
            *reason = status_reason(status);
            result = status == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
        }
    }
    rs_analyzer_free(a);
    if (map.bytes) {
        munmap(map.bytes, map.len);
        mapped_path = NULL;
    }
    if (!is_stdin)
        close(fd);
    return result;
}

input_result cli_analyze_input(const char *path, const rs_options *base_opts,
                               const char *const *meta, size_t meta_count, rs_report **out,
                               const char **reason)
{
    int err;
    input_result r =
        analyze_path(path, base_opts, meta, meta_count, NULL, NULL, out, reason, &err);
    if (r != INPUT_OK && !*reason)
        *reason = strerror(err);
    return r;
}

input_result cli_analyze_input_r(const char *path, const rs_options *base_opts,
                                 const char *const *meta, size_t meta_count,
                                 rs_block_fn on_block, void *on_block_ud, rs_report **out,
                                 char *reason_buf, size_t reason_size)
{
    int err;
    const char *reason;
    input_result r = analyze_path(path, base_opts, meta, meta_count, on_block, on_block_ud, out,
                                  &reason, &err);
    if (r != INPUT_OK) {
        if (reason)
            snprintf(reason_buf, reason_size, "%s", reason);
        else if (strerror_r(err, reason_buf, reason_size) != 0)
            snprintf(reason_buf, reason_size, "error %d", err);
    }
    return r;
}

input_result cli_analyze_memory(const char *text, size_t len, const rs_options *opts,
                                const cli_meta_pair *pairs, size_t pair_count,
                                const char *const *meta, size_t meta_count, rs_report **out,
                                const char **reason)
{
    *out = NULL;
    rs_analyzer *a = NULL;
    rs_status st = rs_analyzer_new(opts, &a);
    for (size_t i = 0; st == RS_OK && i < pair_count; i++)
        st = rs_analyzer_set_meta(a, pairs[i].key, pairs[i].value);
    if (st == RS_OK)
        st = set_meta(a, meta, meta_count);
    if (st == RS_OK)
        st = rs_analyzer_feed(a, text, len);
    if (st == RS_OK)
        st = rs_analyzer_finish(a, out);
    rs_analyzer_free(a);
    if (st == RS_OK)
        return INPUT_OK;
    *out = NULL;
    *reason = status_reason(st);
    return st == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
}
