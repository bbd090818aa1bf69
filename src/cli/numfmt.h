/* numfmt.h: numbers and durations as people read them. */
#ifndef READSTAT_CLI_NUMFMT_H
#define READSTAT_CLI_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* 1234567 -> "1,234,567". */
void fmt_count(uint64_t n, char *buf, size_t size);

/* One decimal, "-0.0" shown as "0.0". */
void fmt_decimal1(double v, char *buf, size_t size);

/* A rate without trailing zeros: 238 -> "238", 250.5 -> "250.5". */
void fmt_rate(double v, char *buf, size_t size);

/* 103 -> "1 min 43 s", 45 -> "45 s", 120 -> "2 min". */
void fmt_duration(uint64_t seconds, char *buf, size_t size);

#endif
