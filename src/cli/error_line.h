/* error_line.h: the NDJSON line that stands for an input that failed. */
#ifndef READSTAT_CLI_ERROR_LINE_H
#define READSTAT_CLI_ERROR_LINE_H

/* Writes {"source":"...","error":"..."} and a newline on stdout, so that a
 * pipeline still gets one line per input. */
void print_error_line(const char *source, const char *message);

#endif
