/* Running readstat (and its peers) as processes: wall time and peak RSS. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Writes `chunk` again and again until `total` bytes went out, or the reader left. */
static void feed_pipe(int fd, const buffer *chunk, size_t total)
{
    size_t sent = 0;
    while (sent < total) {
        size_t off = sent % chunk->len, n = chunk->len - off;
        if (n > total - sent)
            n = total - sent;
        ssize_t w = write(fd, chunk->data + off, n);
        if (w <= 0)
            return;
        sent += (size_t)w;
    }
}

int run_process_cpu(char *const argv[], const buffer *feed, size_t feed_total, double *seconds,
                    long *peak_kib, double *cpu_seconds)
{
    int in[2] = {-1, -1}, report[2];
    if ((feed && pipe(in) != 0) || pipe(report) != 0)
        return -1;
    size_t n = 0;
    while (argv[n])
        n++;
    char **peak_argv = calloc(n + 2, sizeof *peak_argv);
    if (!peak_argv)
        return -1;
    peak_argv[0] = (char *)bench_peak_program;
    for (size_t i = 0; i < n; i++)
        peak_argv[i + 1] = argv[i];
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (feed) {
            dup2(in[0], STDIN_FILENO);
            close(in[0]);
            close(in[1]);
        }
        dup2(report[1], 3);
        execv(peak_argv[0], peak_argv);
        _exit(127);
    }
    free(peak_argv);
    close(report[1]);
    if (feed) {
        close(in[0]);
        void (*old)(int) = signal(SIGPIPE, SIG_IGN);
        feed_pipe(in[1], feed, feed_total);
        close(in[1]);
        signal(SIGPIPE, old);
    }
    char line[128] = "";
    ssize_t got = read(report[0], line, sizeof line - 1);
    close(report[0]);
    int status;
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    double cpu = 0;
    if (got <= 0 || sscanf(line, "%ld %lf %lf", peak_kib, seconds, &cpu) != 3)
        return -1;
    if (cpu_seconds)
        *cpu_seconds = cpu;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_process(char *const argv[], const buffer *feed, size_t feed_total, double *seconds,
                long *peak_kib)
{
    return run_process_cpu(argv, feed, feed_total, seconds, peak_kib, NULL);
}

int best_process(char *const argv[], int runs, double *seconds, long *peak_kib)
{
    *seconds = 1e30;
    *peak_kib = 0;
    for (int run = 0; run < runs; run++) {
        double t;
        long kib;
        int st = run_process(argv, NULL, 0, &t, &kib);
        if (st != 0)
            return st;
        if (t < *seconds)
            *seconds = t;
        if (kib > *peak_kib)
            *peak_kib = kib;
    }
    return 0;
}

bool command_line_output(const char *command, char *out, size_t size)
{
    FILE *p = popen(command, "r");
    if (!p)
        return false;
    bool got = fgets(out, (int)size, p) != NULL;
    int st = pclose(p);
    if (got)
        out[strcspn(out, "\n")] = '\0';
    return got && st == 0;
}

bool have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}
