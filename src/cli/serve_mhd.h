/*
 * serve_mhd.h: libmicrohttpd, loaded when `readstat serve` starts.
 *
 * Linking it would make every run of the CLI load it and the TLS stack it
 * pulls in (gnutls, nettle, gmp...): about 1.3 ms of a 2 ms budget for
 * analysing one small article.  Only the server needs it, so it is opened
 * with dlopen() there, and the CLI is built against its header alone.
 */
#ifndef READSTAT_CLI_SERVE_MHD_H
#define READSTAT_CLI_SERVE_MHD_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct serve_mhd {
    __typeof__(&MHD_start_daemon) start_daemon;
    __typeof__(&MHD_get_daemon_info) get_daemon_info;
    __typeof__(&MHD_quiesce_daemon) quiesce_daemon;
    __typeof__(&MHD_stop_daemon) stop_daemon;
    __typeof__(&MHD_lookup_connection_value) lookup_connection_value;
    __typeof__(&MHD_get_connection_info) get_connection_info;
    __typeof__(&MHD_create_response_from_buffer_with_free_callback) create_response;
    __typeof__(&MHD_add_response_header) add_response_header;
    __typeof__(&MHD_queue_response) queue_response;
    __typeof__(&MHD_destroy_response) destroy_response;
} serve_mhd;

/*
 * Opens the library (its soname from the build, then the unversioned name)
 * and fills api.  On failure writes why, naming the library, and returns
 * false.  The library stays loaded for the life of the process.
 */
bool serve_mhd_load(serve_mhd *api, char *why, size_t why_size);

#endif
