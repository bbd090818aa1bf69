/* numfmt.c */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void fmt_count(uint64_t n, char *buf, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    char grouped[48];
    size_t out = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[out++] = ',';
        grouped[out++] = digits[i];
    }
    grouped[out] = '\0';
    snprintf(buf, size, "%s", grouped);
}

void fmt_decimal1(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    snprintf(buf, size, "%.1f", v);
    if (strcmp(buf, "-0.0") == 0)
        snprintf(buf, size, "0.0");
}

void fmt_rate(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return;
    }
    int n = snprintf(buf, size, "%.2f", v);
    if (n <= 0 || (size_t)n >= size)
        return;
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
}

void fmt_duration(uint64_t seconds, char *buf, size_t size)
{
    unsigned long long min = seconds / 60, sec = seconds % 60;
    if (min == 0)
        snprintf(buf, size, "%llu s", sec);
    else if (sec == 0)
        snprintf(buf, size, "%llu min", min);
    else
        snprintf(buf, size, "%llu min %llu s", min, sec);
}
