/* Reading time: words, CJK characters and images; values worked by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "readstat.h"

static rs_reading_time time_for(uint64_t words, uint64_t cjk, uint64_t images,
                                const rs_options *opts)
{
    rs_counts c;
    memset(&c, 0, sizeof c);
    c.words = words;
    c.cjk_chars = cjk;
    c.images = images;
    rs_reading_time t;
    memset(&t, 0xAB, sizeof t);
    rs_reading_time_compute(&c, opts, &t);
    return t;
}

static rs_options options(double wpm, double cpm)
{
    /* rs_options_init() lives in src/core/options.c, outside this test. */
    rs_options o;
    memset(&o, 0, sizeof o);
    o.lang = "en";
    o.words_per_minute = wpm;
    o.cjk_chars_per_minute = cpm;
    return o;
}

Test(reading_time, one_minute_at_default_rate)
{
    /* 238 words / 238 wpm * 60 = 60 s = 1 min */
    rs_reading_time t = time_for(238, 0, 0, NULL);
    cr_assert_eq(t.seconds, 60);
    cr_assert_eq(t.minutes, 1);
    cr_assert_eq(t.words_per_minute, 238.0);
}

Test(reading_time, one_word_more_rounds_seconds_and_minutes_up)
{
    /* 239/238*60 = 60.252 s -> 60 s -> 1 min; 240 words: 60.504 -> 61 s -> 2 min */
    rs_reading_time t = time_for(239, 0, 0, NULL);
    cr_assert_eq(t.seconds, 60);
    cr_assert_eq(t.minutes, 1);
    t = time_for(240, 0, 0, NULL);
    cr_assert_eq(t.seconds, 61);
    cr_assert_eq(t.minutes, 2);
}

Test(reading_time, nothing_to_read)
{
    rs_reading_time t = time_for(0, 0, 0, NULL);
    cr_assert_eq(t.seconds, 0);
    cr_assert_eq(t.minutes, 0);
}

Test(reading_time, a_word_takes_a_fraction_of_a_minute)
{
    /* 1/238*60 = 0.252 s -> 0 s -> 0 min; 2 words = 0.504 s -> 1 s -> 1 min */
    rs_reading_time t = time_for(1, 0, 0, NULL);
    cr_assert_eq(t.seconds, 0);
    cr_assert_eq(t.minutes, 0);
    t = time_for(2, 0, 0, NULL);
    cr_assert_eq(t.seconds, 1);
    cr_assert_eq(t.minutes, 1);
}

Test(reading_time, cjk_characters_at_500_per_minute)
{
    /* 500 CJK characters (counted as 500 words too): 0/238*60 + 500/500*60 = 60 s */
    rs_reading_time t = time_for(500, 500, 0, NULL);
    cr_assert_eq(t.seconds, 60);
    cr_assert_eq(t.minutes, 1);
}

Test(reading_time, mixed_words_and_cjk)
{
    /* 238 words + 250 CJK (words = 488): 60 s + 250/500*60 = 30 s -> 90 s -> 2 min */
    rs_reading_time t = time_for(488, 250, 0, NULL);
    cr_assert_eq(t.seconds, 90);
    cr_assert_eq(t.minutes, 2);
}

Test(reading_time, images_follow_medium)
{
    /* 1 image: 12 s.  2: 12 + 11 = 23 s.  10: 12+11+10+9+8+7+6+5+4+3 = 75 s.
     * 12: 75 + 3 + 3 = 81 s.  1000: 75 + 990*3 = 3045 s = 50.75 min -> 51 */
    cr_assert_eq(time_for(0, 0, 1, NULL).seconds, 12);
    cr_assert_eq(time_for(0, 0, 1, NULL).minutes, 1);
    cr_assert_eq(time_for(0, 0, 2, NULL).seconds, 23);
    cr_assert_eq(time_for(0, 0, 10, NULL).seconds, 75);
    cr_assert_eq(time_for(0, 0, 10, NULL).minutes, 2);
    cr_assert_eq(time_for(0, 0, 11, NULL).seconds, 78);
    cr_assert_eq(time_for(0, 0, 12, NULL).seconds, 81);
    cr_assert_eq(time_for(0, 0, 1000, NULL).seconds, 3045);
    cr_assert_eq(time_for(0, 0, 1000, NULL).minutes, 51);
}

Test(reading_time, words_plus_images)
{
    /* 238 words = 60 s, 3 images = 12 + 11 + 10 = 33 s: 93 s -> 2 min */
    rs_reading_time t = time_for(238, 0, 3, NULL);
    cr_assert_eq(t.seconds, 93);
    cr_assert_eq(t.minutes, 2);
}

Test(reading_time, custom_rates)
{
    /* 300 words at 200 wpm = 90 s; 100 CJK (in 400 words) at 300 cpm = 20 s: 110 s */
    rs_options o = options(200.0, 300.0);
    rs_reading_time t = time_for(400, 100, 0, &o);
    cr_assert_eq(t.seconds, 110);
    cr_assert_eq(t.minutes, 2);
    cr_assert_eq(t.words_per_minute, 200.0);
}

Test(reading_time, bad_rates_fall_back_to_defaults)
{
    /* 238 words + 500 CJK at the defaults: 60 + 60 = 120 s */
    const double bad[] = {0.0, -5.0, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rs_options o = options(bad[i], bad[i]);
        rs_reading_time t = time_for(738, 500, 0, &o);
        cr_assert_eq(t.seconds, 120, "rate %f", bad[i]);
        cr_assert_eq(t.words_per_minute, 238.0);
    }
}

Test(reading_time, huge_counts_do_not_overflow)
{
    /* UINT64_MAX words at 238 wpm = 4.65e18 s: fits; more images on top saturates. */
    rs_reading_time t = time_for(UINT64_MAX, 0, 0, NULL);
    cr_assert(t.seconds > 4600000000000000000ull && t.seconds < 4700000000000000000ull);
    cr_assert_eq(t.minutes, t.seconds / 60 + (t.seconds % 60 != 0));
    rs_options slow = options(1e-300, 1e-300);
    t = time_for(UINT64_MAX, 0, UINT64_MAX, &slow);
    cr_assert_eq(t.seconds, UINT64_MAX);
    cr_assert_eq(t.minutes, UINT64_MAX / 60 + 1);
    /* more CJK than words (inconsistent): the CJK part is capped at the word count */
    t = time_for(10, 500, 0, NULL);
    cr_assert_eq(t.seconds, 1); /* 10/500*60 = 1.2 s */
}

Test(reading_time, null_counts_read_as_nothing)
{
    rs_reading_time t;
    rs_reading_time_compute(NULL, NULL, &t);
    cr_assert_eq(t.seconds, 0);
    cr_assert_eq(t.minutes, 0);
    cr_assert_eq(t.words_per_minute, 238.0);
}
