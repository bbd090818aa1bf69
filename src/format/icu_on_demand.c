/*
 * icu_on_demand.c: the ICU functions the CLI's static libxml2 refers to,
 * opened on first use.
 *
 * Debian builds libxml2 with ICU, so its static archive refers to five ICU
 * converter functions and two callbacks.  Linking ICU as well would bring
 * libstdc++ and 30 MB of data into every run; loading the shared ICU at
 * start-up would bring back the cost that linking libxml2 in removed
 * (libxml_linked.c).  libxml2 needs ICU only for an encoding that neither
 * it nor iconv knows, and readstat tells libxml2 to read UTF-8 whatever a
 * page claims, so these definitions stand in for ICU's and open the real
 * library the first time one of them is called.  The handle is process
 * state: only the CLI links this file (with libxml_linked.c); the library,
 * which opens libxml2 itself, keeps none.
 */
#include <pthread.h>
#include <stdbool.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include "format/dynlib.h"

#ifndef RS_ICUUC_SONAME
#define RS_ICUUC_SONAME "libicuuc.so"
#endif

/* ICU's headers rename every entry point with the version (ucnv_open_72):
 * the name is expanded before it is made a string. */
#define ICU_SYMBOL(name) ICU_SYMBOL_TEXT(name)
#define ICU_SYMBOL_TEXT(name) #name

static struct {
    __typeof__(&ucnv_open) open;
    __typeof__(&ucnv_close) close;
    __typeof__(&ucnv_convertEx) convert;
    __typeof__(&ucnv_setFromUCallBack) set_from_u_callback;
    __typeof__(&ucnv_setToUCallBack) set_to_u_callback;
    UConverterFromUCallback from_u_stop;
    UConverterToUCallback to_u_stop;
} icu;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

static void open_icu(void)
{
    void *h = rs__dl_open(RS_ICUUC_SONAME);
    if (!h)
        return;
    bool ok = rs__dl_resolve(h, ICU_SYMBOL(ucnv_close), &icu.close, sizeof icu.close)
              && rs__dl_resolve(h, ICU_SYMBOL(ucnv_convertEx), &icu.convert, sizeof icu.convert)
              && rs__dl_resolve(h, ICU_SYMBOL(ucnv_setFromUCallBack), &icu.set_from_u_callback,
                                sizeof icu.set_from_u_callback)
              && rs__dl_resolve(h, ICU_SYMBOL(ucnv_setToUCallBack), &icu.set_to_u_callback,
                                sizeof icu.set_to_u_callback)
              && rs__dl_resolve(h, ICU_SYMBOL(UCNV_FROM_U_CALLBACK_STOP), &icu.from_u_stop,
                                sizeof icu.from_u_stop)
              && rs__dl_resolve(h, ICU_SYMBOL(UCNV_TO_U_CALLBACK_STOP), &icu.to_u_stop,
                                sizeof icu.to_u_stop);
    /* open is resolved last: it is what tells the others they are ready */
    if (ok)
        rs__dl_resolve(h, ICU_SYMBOL(ucnv_open), &icu.open, sizeof icu.open);
}

static bool icu_ready(void)
{
    pthread_once(&icu_once, open_icu);
    return icu.open != NULL;
}

/* Without ICU, libxml2 is told what ICU says of a converter it has no data
 * for, and goes on as with any unknown encoding. */
UConverter *ucnv_open(const char *converterName, UErrorCode *err)
{
    if (U_FAILURE(*err))
        return NULL;
    if (!icu_ready()) {
        *err = U_FILE_ACCESS_ERROR;
        return NULL;
    }
    return icu.open(converterName, err);
}

/* The functions below are only ever given a converter ucnv_open() made,
 * so ICU is loaded when they run. */
void ucnv_close(UConverter *converter)
{
    if (converter && icu_ready())
        icu.close(converter);
}

void ucnv_convertEx(UConverter *targetCnv, UConverter *sourceCnv, char **target,
                    const char *targetLimit, const char **source, const char *sourceLimit,
                    UChar *pivotStart, UChar **pivotSource, UChar **pivotTarget,
                    const UChar *pivotLimit, UBool reset, UBool flush, UErrorCode *pErrorCode)
{
    if (!icu_ready()) {
        *pErrorCode = U_INVALID_STATE_ERROR;
        return;
    }
    icu.convert(targetCnv, sourceCnv, target, targetLimit, source, sourceLimit, pivotStart,
                pivotSource, pivotTarget, pivotLimit, reset, flush, pErrorCode);
}

/* libxml2 passes the address of the STOP callback, which is ours here:
 * ICU is given its own, so that it sees the callback it knows. */
void ucnv_setFromUCallBack(UConverter *converter, UConverterFromUCallback newAction,
                           const void *newContext, UConverterFromUCallback *oldAction,
                           const void **oldContext, UErrorCode *err)
{
    if (!icu_ready()) {
        *err = U_INVALID_STATE_ERROR;
        return;
    }
    if (newAction == UCNV_FROM_U_CALLBACK_STOP)
        newAction = icu.from_u_stop;
    icu.set_from_u_callback(converter, newAction, newContext, oldAction, oldContext, err);
}

void ucnv_setToUCallBack(UConverter *converter, UConverterToUCallback newAction,
                         const void *newContext, UConverterToUCallback *oldAction,
                         const void **oldContext, UErrorCode *err)
{
    if (!icu_ready()) {
        *err = U_INVALID_STATE_ERROR;
        return;
    }
    if (newAction == UCNV_TO_U_CALLBACK_STOP)
        newAction = icu.to_u_stop;
    icu.set_to_u_callback(converter, newAction, newContext, oldAction, oldContext, err);
}

void UCNV_FROM_U_CALLBACK_STOP(const void *context, UConverterFromUnicodeArgs *fromUArgs,
                               const UChar *codeUnits, int32_t length, UChar32 codePoint,
                               UConverterCallbackReason reason, UErrorCode *err)
{
    if (icu_ready())
        icu.from_u_stop(context, fromUArgs, codeUnits, length, codePoint, reason, err);
}

void UCNV_TO_U_CALLBACK_STOP(const void *context, UConverterToUnicodeArgs *toUArgs,
                             const char *codeUnits, int32_t length,
                             UConverterCallbackReason reason, UErrorCode *err)
{
    if (icu_ready())
        icu.to_u_stop(context, toUArgs, codeUnits, length, reason, err);
}
