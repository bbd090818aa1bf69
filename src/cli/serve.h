/* serve.h: `readstat serve`, the webhook server for headless CMSs. */
#ifndef READSTAT_CLI_SERVE_H
#define READSTAT_CLI_SERVE_H

#include "args.h"

#include "readstat.h"

/* Runs until SIGTERM or SIGINT; returns the exit status. */
int cli_serve(const cli_args *args, const rs_options *opts);

#endif
