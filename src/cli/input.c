/* input.c: reads an input and feeds it chunk by chunk, so that memory for
 * the input itself stays at one buffer however large the file is. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK_SIZE 65536

static char chunk[CHUNK_SIZE];

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

static input_result feed_all(int fd, rs_analyzer *a, const char **reason)
{
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *reason = strerror(errno);
            return INPUT_UNREADABLE;
        }
        if (n == 0)
            return INPUT_OK;
        rs_status st = rs_analyzer_feed(a, chunk, (size_t)n);
        if (st != RS_OK) {
            *reason = status_reason(st);
            return st == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
        }
    }
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

input_result cli_analyze_input(const char *path, const rs_options *base_opts,
                               const char *const *meta, size_t meta_count, rs_report **out,
                               const char **reason)
{
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        *reason = strerror(errno);
        return INPUT_UNREADABLE;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        *reason = strerror(EISDIR);
        return INPUT_UNREADABLE;
    }

    rs_options opts = *base_opts;
    opts.format = cli_format_for_path(path, opts.format);
    rs_analyzer *a = NULL;
    rs_status status = rs_analyzer_new(&opts, &a);
    if (status == RS_OK)
        status = set_meta(a, meta, meta_count);
    input_result result = INPUT_OK;
    if (status != RS_OK) {
        *reason = status_reason(status);
        result = status == RS_ERR_NOMEM ? INPUT_NO_MEMORY : INPUT_UNREADABLE;
    } else {
        result = feed_all(fd, a, reason);
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
    if (!is_stdin)
        close(fd);
    return result;
}
