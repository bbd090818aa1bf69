/* fuzz_util.h: what the fuzz targets share. */
#ifndef RS_FUZZ_UTIL_H
#define RS_FUZZ_UTIL_H

#include <stdio.h>
#include <stdlib.h>

/* A broken property is a crash, so that libFuzzer keeps the input. */
#define FUZZ_CHECK(cond, ...)                                                    \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            abort();                                                            \
        }                                                                       \
    } while (0)

/* Inputs past this are cut: enough for every shape, and keeps runs fast. */
#define FUZZ_MAX_INPUT (1u << 20)

#endif
