/* check_walk.h: which files `readstat check` looks at. */
#ifndef READSTAT_CLI_CHECK_WALK_H
#define READSTAT_CLI_CHECK_WALK_H

#include "args.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct file_list {
    char **paths;  /* owned */
    size_t count, cap;
} file_list;

void file_list_free(file_list *list);

/*
 * Collects the files to check, in a stable order: each PATH as given (a
 * file is taken whatever its extension; a directory is walked, in name
 * order, for .md .markdown .html .htm .txt, skipping hidden entries such as
 * .git), filtered by --include/--exclude; with --changed-since, only files
 * that git reports changed since REV (committed, staged, unstaged or
 * untracked) under those PATHs (or the current directory).  Returns
 * EXIT_OK or an exit status after printing why.
 */
int check_collect(const cli_args *args, file_list *out);

/*
 * --include/--exclude: a glob with a '/' is matched against the path and
 * each tail of it that starts a directory name ('*' crosses directories);
 * one without is matched against the file's name, as .gitignore's are.
 */
bool check_glob_match(const char *pattern, const char *path);

#endif
