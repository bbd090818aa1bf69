/*
 * reading_time.c: estimated silent reading time.
 *
 * Defaults: 238 words/min, Brysbaert (2019), J. Memory and Language
 * 109:104047 (adult silent reading, non-fiction); 500 CJK characters/min,
 * Medium's help centre.  Images follow Medium's "Read time and you" (2014):
 * 12 s for the first, one second less for each next, 3 s from the tenth on.
 */
#include <math.h>
#include <stdint.h>

#include "readstat.h"

enum { FIRST_IMAGE_SECONDS = 12, MIN_IMAGE_SECONDS = 3 };

static const double default_words_per_minute = 238.0;
static const double default_cjk_chars_per_minute = 500.0;

static double rate_or_default(double rate, double fallback)
{
    return isfinite(rate) && rate > 0.0 ? rate : fallback;
}

static double image_seconds(uint64_t images)
{
    /* Images 1..10 take 12, 11, ..., 3 s (75 s in all); every later one 3 s. */
    const uint64_t tapering = FIRST_IMAGE_SECONDS - MIN_IMAGE_SECONDS + 1;
    uint64_t k = images < tapering ? images : tapering;
    double seconds = (double)(k * FIRST_IMAGE_SECONDS - (k > 0 ? k * (k - 1) / 2 : 0));
    if (images > tapering)
        seconds += (double)(images - tapering) * MIN_IMAGE_SECONDS;
    return seconds;
}

static uint64_t round_seconds(double exact)
{
    if (!(exact > 0.0))
        return 0;
    if (exact >= 18446744073709551615.0)
        return UINT64_MAX;
    if (exact < 4.0e18)
        return (uint64_t)llround(exact);
    /* Past 2^53 every double is an integer already. */
    return (uint64_t)exact;
}

void rs_reading_time_compute(const rs_counts *counts, const rs_options *opts,
                             rs_reading_time *out)
{
    if (out == NULL)
        return;
    const double wpm =
        rate_or_default(opts ? opts->words_per_minute : 0.0, default_words_per_minute);
    const double cpm =
        rate_or_default(opts ? opts->cjk_chars_per_minute : 0.0, default_cjk_chars_per_minute);
    out->words_per_minute = wpm;
    if (counts == NULL) {
        out->seconds = 0;
        out->minutes = 0;
        return;
    }
    /* CJK characters are counted in words too, one word each. */
    const uint64_t cjk = counts->cjk_chars < counts->words ? counts->cjk_chars : counts->words;
    const double exact = (double)(counts->words - cjk) / wpm * 60.0 +
                         (double)cjk / cpm * 60.0 + image_seconds(counts->images);
    out->seconds = round_seconds(exact);
    out->minutes = out->seconds / 60 + (out->seconds % 60 != 0);
}
