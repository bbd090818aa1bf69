/*
 * readability.c: the readability scores, computed from rs_counts alone.
 *
 * Notation: S sentences, W words, Ws = W - unscored words (the words that
 * have syllables: URLs, e-mails, handles, tags and CJK characters have none),
 * SY syllables, ASL = W/S, ASW = SY/Ws.  Where a peer deviates from the
 * paper, readstat follows the paper.
 *
 * Flesch Reading Ease   206.835 - 1.015 ASL - 84.6 ASW
 *   Flesch (1948), "A new readability yardstick", J. Applied Psychology
 *   32(3):221-233.  Not clamped: it exceeds 100 or goes negative.
 * Flesch-Kincaid grade  0.39 ASL + 11.8 ASW - 15.59
 *   Kincaid, Fishburne, Rogers & Chissom (1975), Research Branch Report
 *   8-75, Naval Technical Training Command.
 * Gunning Fog           0.4 (ASL + 100 complex/Ws)
 *   Gunning (1952), "The Technique of Clear Writing".  Which words are
 *   complex is the counter's business (GNU style and textstat differ).
 * SMOG                  1.0430 sqrt(polysyllables * 30/S) + 3.1291
 *   McLaughlin (1969), "SMOG grading", J. Reading 12(8):639-646; the 30/S
 *   factor scales any text to the paper's 30-sentence sample.  textstat
 *   refuses texts under 3 sentences; GNU style uses the simple 3 + sqrt form.
 * Coleman-Liau          0.0588 L - 0.296 S100 - 15.8, L = letters per 100
 *   words, S100 = sentences per 100 words.  Coleman & Liau (1975), J.
 *   Applied Psychology 60(2):283-284.  textstat uses 0.058 for 0.0588 and
 *   GNU style 29.5 for 0.296.
 * ARI                   4.71 (letters+digits)/W + 0.5 ASL - 21.43
 *   Senter & Smith (1967), AMRL-TR-66-220.
 * New Dale-Chall        0.1579 PDW + 0.0496 ASL (+ 3.6365 when PDW > 5)
 *   PDW = 100 difficult/Ws.  Dale & Chall (1948), Educational Research
 *   Bulletin 27(1):11-20 and 27(2):37-54; Chall & Dale (1995), "Readability
 *   Revisited".  The word test (list plus inflections) is in
 *   src/text/wordlists.c; textstat counts inflections as difficult (#150).
 * Spache (revised)      0.121 ASL + 0.082 UUW + 0.659, UUW = 100 unique
 *   unfamiliar/Ws.  Spache (1953), Elementary School Journal 53(7):410-413,
 *   revised in Spache (1974), "Good Reading for Poor Readers".  textstat still
 *   uses the 1953 coefficients (0.141, 0.086, 0.839).
 * LIX                   W/S + 100 long/W;  RIX  long/S  (long: > 6 letters)
 *   Bjornsson (1968), "Lasbarhet"; Anderson (1983), J. Reading 26(6):490-496.
 * Linsear Write         r = (easy + 3 hard) per 100 words / sentences per
 *   100 words; grade r/2 if r > 20, else (r - 2)/2.  easy: 1-2 syllables,
 *   hard: 3 or more.  O'Hayre (1966), "Gobbledygook Has Gotta Go", US Bureau
 *   of Land Management.  The paper counts one 100-word sample; readstat
 *   scales the whole text to 100 words, textstat takes the first 100 words.
 * FORCAST               20 - (monosyllables per 150 words)/10
 *   Caylor, Sticht, Fox & Ford (1973), HumRRO-TR-73-5.  Scaled from the
 *   whole text, like Linsear Write.
 * Consensus grade       the median of the defined grade scores: FK, Fog,
 *   SMOG, Coleman-Liau, ARI, Dale-Chall grade equivalent, Linsear Write.
 *   readstat's own; textstat's text_standard votes on rounded grades.
 *
 * A score whose denominator would be zero is undefined (value 0); so is
 * any result that is not finite.
 */
#include <math.h>
#include <stddef.h>

#include "readstat.h"

static const char *const score_names[RS_SCORE__COUNT] = {
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
    "coleman_liau",        "ari",                  "dale_chall",  "spache",
    "lix",                 "rix",                  "linsear_write", "forcast",
    "consensus_grade",
};

const char *rs_score_name(rs_score_id id)
{
    if ((int)id < 0 || id >= RS_SCORE__COUNT)
        return NULL;
    return score_names[id];
}

static void set_score(rs_readability *out, rs_score_id id, bool computable, double value)
{
    bool defined = computable && isfinite(value);
    out->defined[id] = defined;
    out->value[id] = defined ? value : 0.0;
}

/* Midpoints of the grade bands that Chall & Dale (1995) give per score. */
static double dale_chall_grade_equivalent(double score)
{
    if (score < 5.0)
        return 4.0;
    if (score < 6.0)
        return 5.5;
    if (score < 7.0)
        return 7.5;
    if (score < 8.0)
        return 9.5;
    if (score < 9.0)
        return 11.5;
    if (score < 10.0)
        return 14.0;
    return 16.0;
}

static void sort_small(double *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static void set_consensus(rs_readability *out)
{
    static const rs_score_id grades[] = {
        RS_SCORE_FLESCH_KINCAID_GRADE, RS_SCORE_GUNNING_FOG, RS_SCORE_SMOG,
        RS_SCORE_COLEMAN_LIAU,         RS_SCORE_ARI,         RS_SCORE_DALE_CHALL,
        RS_SCORE_LINSEAR_WRITE,
    };
    double v[sizeof grades / sizeof grades[0]];
    size_t n = 0;
    for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++) {
        rs_score_id id = grades[i];
        if (!out->defined[id])
            continue;
        v[n++] = id == RS_SCORE_DALE_CHALL ? dale_chall_grade_equivalent(out->value[id])
                                           : out->value[id];
    }
    if (n == 0) {
        set_score(out, RS_SCORE_CONSENSUS_GRADE, false, 0.0);
        return;
    }
    sort_small(v, n);
    double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    set_score(out, RS_SCORE_CONSENSUS_GRADE, true, median);
}

void rs_readability_compute(const rs_counts *counts, rs_readability *out)
{
    if (out == NULL)
        return;
    if (counts == NULL) {
        for (int i = 0; i < RS_SCORE__COUNT; i++)
            set_score(out, (rs_score_id)i, false, 0.0);
        return;
    }
    const double S = (double)counts->sentences;
    const double W = (double)counts->words;
    const double Ws = counts->unscored_words < counts->words
                          ? (double)(counts->words - counts->unscored_words)
                          : 0.0;
    const bool has_s = counts->sentences > 0;
    const bool has_w = W > 0;
    const bool has_ws = Ws > 0;
    const bool has_sw = has_s && has_w;

    const double asl = has_sw ? W / S : 0.0;
    const double asw = has_ws ? (double)counts->syllables / Ws : 0.0;

    set_score(out, RS_SCORE_FLESCH_READING_EASE, has_sw && has_ws,
              206.835 - 1.015 * asl - 84.6 * asw);
    set_score(out, RS_SCORE_FLESCH_KINCAID_GRADE, has_sw && has_ws,
              0.39 * asl + 11.8 * asw - 15.59);
    set_score(out, RS_SCORE_GUNNING_FOG, has_sw && has_ws,
              0.4 * (asl + 100.0 * (double)counts->complex_words / (has_ws ? Ws : 1.0)));
    set_score(out, RS_SCORE_SMOG, has_s,
              1.0430 * sqrt((double)counts->polysyllables * 30.0 / (has_s ? S : 1.0)) + 3.1291);

    const double per_word = has_w ? 100.0 / W : 0.0;
    set_score(out, RS_SCORE_COLEMAN_LIAU, has_w,
              0.0588 * ((double)counts->letters * per_word) - 0.296 * (S * per_word) - 15.8);
    set_score(out, RS_SCORE_ARI, has_sw,
              4.71 * ((double)counts->letters + (double)counts->digits) / (has_w ? W : 1.0) +
                  0.5 * asl - 21.43);

    const double pdw = has_ws ? 100.0 * (double)counts->difficult_words / Ws : 0.0;
    set_score(out, RS_SCORE_DALE_CHALL, has_sw && has_ws,
              0.1579 * pdw + 0.0496 * asl + (pdw > 5.0 ? 3.6365 : 0.0));
    const double uuw = has_ws ? 100.0 * (double)counts->unfamiliar_words / Ws : 0.0;
    set_score(out, RS_SCORE_SPACHE, has_sw && has_ws, 0.121 * asl + 0.082 * uuw + 0.659);

    set_score(out, RS_SCORE_LIX, has_sw, asl + (double)counts->long_words * per_word);
    set_score(out, RS_SCORE_RIX, has_s, (double)counts->long_words / (has_s ? S : 1.0));

    /* Points per 100 scored words over sentences per 100 words. */
    const double poly = (double)counts->polysyllables;
    const double easy = Ws > poly ? Ws - poly : 0.0;
    const double points_per_100 = has_ws ? (easy + 3.0 * poly) / Ws * 100.0 : 0.0;
    const double sentences_per_100 = S * per_word;
    const bool linsear_ok = has_sw && has_ws;
    const double r = linsear_ok ? points_per_100 / sentences_per_100 : 0.0;
    set_score(out, RS_SCORE_LINSEAR_WRITE, linsear_ok, r > 20.0 ? r / 2.0 : (r - 2.0) / 2.0);

    set_score(out, RS_SCORE_FORCAST, has_ws,
              20.0 - ((double)counts->monosyllables * 150.0 / (has_ws ? Ws : 1.0)) / 10.0);

    set_consensus(out);
}
