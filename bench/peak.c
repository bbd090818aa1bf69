/*
 * peak PROGRAM [ARGS...]: runs the program and writes "KIB SECONDS CPU" (its
 * peak RSS, wall time, and user + system CPU seconds) on file descriptor 3,
 * then exits with its status.
 *
 * Why a separate process: a child's peak RSS starts from the RSS of the
 * process it was forked from, and exec keeps it.  Forked from the
 * benchmark, which holds its generated inputs, a small readstat run would
 * report the benchmark's memory.  This program is small, so what it forks
 * starts near zero.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 127;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0)
        return 127;
    if (pid == 0) {
        close(3);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return 127;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec
                 + ru.ru_stime.tv_usec / 1e6;
    dprintf(3, "%ld %.9f %.6f\n", ru.ru_maxrss,
            (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, cpu);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 127;
}
