/* check_walk.c: see check_walk.h.  git is run with posix_spawnp and an
 * argument vector, never through a shell, so a REV cannot inject
 * commands. */
#include "check_walk.h"

#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Directory walks stop here: a symlink loop must not run forever. */
#define MAX_DEPTH 64

static const char *const CHECKED_EXTENSIONS[] = {".md", ".markdown", ".html", ".htm", ".txt"};

void file_list_free(file_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    memset(list, 0, sizeof *list);
}

static bool push(file_list *list, const char *path)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        char **p = realloc(list->paths, cap * sizeof *p);
        if (!p)
            return false;
        list->paths = p;
        list->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return false;
    list->paths[list->count++] = copy;
    return true;
}

static bool has_checked_extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return false;
    for (size_t i = 0; i < sizeof CHECKED_EXTENSIONS / sizeof CHECKED_EXTENSIONS[0]; i++)
        if (strcasecmp(dot, CHECKED_EXTENSIONS[i]) == 0)
            return true;
    return false;
}

bool check_glob_match(const char *pattern, const char *path)
{
    if (strchr(pattern, '/')) {
        /* The whole path or any tail of it that starts a directory name,
         * so that "drafts/" plus a star finds site/content/drafts/x.md wherever the walk
         * started. */
        for (const char *p = path; p; p = strchr(p, '/')) {
            while (*p == '/')
                p++;
            if (fnmatch(pattern, p, 0) == 0)
                return true;
        }
        return false;
    }
    const char *slash = strrchr(path, '/');
    return fnmatch(pattern, slash ? slash + 1 : path, 0) == 0;
}

static bool wanted(const cli_args *args, const char *path)
{
    bool in = args->include_count == 0;
    for (size_t i = 0; !in && i < args->include_count; i++)
        in = check_glob_match(args->includes[i], path);
    for (size_t i = 0; in && i < args->exclude_count; i++)
        in = !check_glob_match(args->excludes[i], path);
    return in;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const cli_args *args, const char *dir, int depth, file_list *out)
{
    if (depth > MAX_DEPTH)
        return EXIT_OK;
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: %s", dir, strerror(errno));
        return EXIT_BAD_INPUT;
    }
    file_list names = {0};
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            ok = push(&names, e->d_name);
    closedir(d);
    if (!ok) {
        file_list_free(&names);
        cli_error("out of memory");
        return EXIT_FAILURE_INTERNAL;
    }
    /* Byte order, not the locale's: the same tree lists the same way on
     * every machine, which golden outputs and CI diffs rely on. */
    qsort(names.paths, names.count, sizeof *names.paths, by_name);
    int status = EXIT_OK;
    size_t dir_len = strlen(dir);
    bool slash = dir_len > 0 && dir[dir_len - 1] == '/';
    for (size_t i = 0; i < names.count && status != EXIT_FAILURE_INTERNAL; i++) {
        size_t n = dir_len + strlen(names.paths[i]) + 2;
        char *path = malloc(n);
        if (!path) {
            status = EXIT_FAILURE_INTERNAL;
            break;
        }
        /* "readstat check ." lists "docs/a.md", not "./docs/a.md". */
        if (strcmp(dir, ".") == 0)
            snprintf(path, n, "%s", names.paths[i]);
        else
            snprintf(path, n, "%s%s%s", dir, slash ? "" : "/", names.paths[i]);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                int s = walk(args, path, depth + 1, out);
                if (s != EXIT_OK && status == EXIT_OK)
                    status = s;
            } else if (S_ISREG(st.st_mode) && has_checked_extension(path) && wanted(args, path)) {
                if (!push(out, path))
                    status = EXIT_FAILURE_INTERNAL;
            }
        }
        free(path);
    }
    file_list_free(&names);
    return status;
}

/* Runs git with argv and adds each NUL-separated path it prints. */
static int git_paths(char *const argv[], file_list *out)
{
    int fds[2];
    if (pipe(fds) != 0) {
        cli_error("git: %s", strerror(errno));
        return EXIT_FAILURE_INTERNAL;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    pid_t pid;
    int err = posix_spawnp(&pid, "git", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (err != 0) {
        close(fds[0]);
        cli_error("cannot run git: %s", strerror(err));
        return EXIT_USAGE;
    }
    FILE *f = fdopen(fds[0], "r");
    int status = EXIT_OK;
    char *item = NULL;
    size_t cap = 0;
    ssize_t n;
    while (f && (n = getdelim(&item, &cap, '\0', f)) > 0) {
        if (item[n - 1] == '\0' && n > 1 && !push(out, item))
            status = EXIT_FAILURE_INTERNAL;
    }
    free(item);
    if (f)
        fclose(f);
    else
        close(fds[0]);
    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        cli_error("'git %s' failed (is this a git repository, and is the revision valid?)",
                  argv[1]);
        return EXIT_USAGE;
    }
    return status;
}

/* Is path one of the PATHs, or inside one of them? */
static bool under_inputs(const cli_args *args, const char *path)
{
    if (args->input_count == 0)
        return true;
    for (size_t i = 0; i < args->input_count; i++) {
        const char *root = args->inputs[i];
        while (root[0] == '.' && root[1] == '/')
            root += 2;
        size_t n = strlen(root);
        while (n > 0 && root[n - 1] == '/')
            n--;
        if (n == 0 || (n == 1 && root[0] == '.'))
            return true;
        if (strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/'))
            return true;
    }
    return false;
}

static int changed_files(const cli_args *args, file_list *out)
{
    file_list all = {0};
    /* --relative: paths relative to the current directory, and only files
     * under it, like the PATHs the user typed. */
    char *diff[] = {"git", "diff", "--name-only", "-z", "--relative", "--diff-filter=ACMR",
                    (char *)args->changed_since, "--", NULL};
    char *untracked[] = {"git", "ls-files", "--others", "--exclude-standard", "-z", NULL};
    int status = git_paths(diff, &all);
    if (status == EXIT_OK)
        status = git_paths(untracked, &all);
    if (status == EXIT_OK) {
        qsort(all.paths, all.count, sizeof *all.paths, by_name);
        for (size_t i = 0; i < all.count; i++) {
            const char *p = all.paths[i];
            struct stat st;
            if (i > 0 && strcmp(p, all.paths[i - 1]) == 0)
                continue;
            if (stat(p, &st) != 0 || !S_ISREG(st.st_mode) || !has_checked_extension(p) ||
                !under_inputs(args, p) || !wanted(args, p))
                continue;
            if (!push(out, p)) {
                status = EXIT_FAILURE_INTERNAL;
                break;
            }
        }
    }
    file_list_free(&all);
    return status;
}

int check_collect(const cli_args *args, file_list *out)
{
    memset(out, 0, sizeof *out);
    if (args->changed_since)
        return changed_files(args, out);
    int status = EXIT_OK;
    for (size_t i = 0; i < args->input_count && status != EXIT_FAILURE_INTERNAL; i++) {
        const char *path = args->inputs[i];
        struct stat st;
        int s = EXIT_OK;
        if (stat(path, &st) != 0) {
            cli_error("%s: %s", path, strerror(errno));
            s = EXIT_BAD_INPUT;
        } else if (S_ISDIR(st.st_mode)) {
            s = walk(args, path, 0, out);
        } else if (wanted(args, path) && !push(out, path)) {
            s = EXIT_FAILURE_INTERNAL;
        }
        if (s == EXIT_FAILURE_INTERNAL || (s != EXIT_OK && status == EXIT_OK))
            status = s;
    }
    if (status == EXIT_FAILURE_INTERNAL)
        cli_error("out of memory");
    return status;
}
