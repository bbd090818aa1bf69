/* Readability formulas on hand-made counts; expected values worked by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "readstat.h"

#define EPS 1e-9

/*
 * The base sample: S = 2, W = Ws = 20, SY = 30, letters 90, digits 10,
 * polysyllables 3, complex 2, monosyllables 14, long 4, difficult 1,
 * unfamiliar 2.  ASL = 20/2 = 10, ASW = 30/20 = 1.5.
 */
static rs_counts base_counts(void)
{
    rs_counts c;
    memset(&c, 0, sizeof c);
    c.sentences = 2;
    c.words = 20;
    c.syllables = 30;
    c.letters = 90;
    c.digits = 10;
    c.polysyllables = 3;
    c.complex_words = 2;
    c.monosyllables = 14;
    c.long_words = 4;
    c.difficult_words = 1;
    c.unfamiliar_words = 2;
    return c;
}

static rs_readability compute(rs_counts c)
{
    rs_readability r;
    memset(&r, 0xAB, sizeof r); /* garbage in: every field must be written */
    rs_readability_compute(&c, &r);
    return r;
}

static void expect(const rs_readability *r, rs_score_id id, double value)
{
    cr_assert(r->defined[id], "%s undefined", rs_score_name(id));
    cr_assert(fabs(r->value[id] - value) < EPS, "%s = %.12f, expected %.12f", rs_score_name(id),
              r->value[id], value);
}

static void expect_undefined(const rs_readability *r, rs_score_id id)
{
    cr_assert(!r->defined[id], "%s defined", rs_score_name(id));
    cr_assert(r->value[id] == 0.0, "%s value %f", rs_score_name(id), r->value[id]);
}

Test(readability, flesch_reading_ease)
{
    /* 206.835 - 1.015*10 - 84.6*1.5 = 206.835 - 10.15 - 126.9 = 69.785 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_FLESCH_READING_EASE, 69.785);
}

Test(readability, flesch_kincaid_grade)
{
    /* 0.39*10 + 11.8*1.5 - 15.59 = 3.9 + 17.7 - 15.59 = 6.01 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_FLESCH_KINCAID_GRADE, 6.01);
}

Test(readability, gunning_fog)
{
    /* 0.4*(10 + 100*2/20) = 0.4*(10 + 10) = 8 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_GUNNING_FOG, 8.0);
}

Test(readability, smog)
{
    /* 1.0430*sqrt(3*30/2) + 3.1291 = 1.0430*sqrt(45) + 3.1291
     * = 1.0430*6.7082039325 + 3.1291 = 6.9966567016 + 3.1291 = 10.1257567016 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_SMOG, 1.0430 * sqrt(45.0) + 3.1291);
    cr_assert(fabs(r.value[RS_SCORE_SMOG] - 10.1257567016) < 1e-9);
}

Test(readability, coleman_liau_uses_paper_coefficients)
{
    /* L = 90/20*100 = 450, S100 = 2/20*100 = 10:
     * 0.0588*450 - 0.296*10 - 15.8 = 26.46 - 2.96 - 15.8 = 7.7
     * (textstat's 0.058 would give 7.475) */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_COLEMAN_LIAU, 7.7);
}

Test(readability, ari_counts_digits)
{
    /* 4.71*(90+10)/20 + 0.5*10 - 21.43 = 23.55 + 5 - 21.43 = 7.12 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_ARI, 7.12);
}

Test(readability, dale_chall_exactly_five_percent_has_no_bump)
{
    /* PDW = 100*1/20 = 5 (not > 5): 0.1579*5 + 0.0496*10 = 0.7895 + 0.496 = 1.2855 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_DALE_CHALL, 1.2855);
}

Test(readability, dale_chall_above_five_percent_adds_constant)
{
    /* PDW = 100*2/20 = 10: 1.579 + 0.496 + 3.6365 = 5.7115 */
    rs_counts c = base_counts();
    c.difficult_words = 2;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_DALE_CHALL, 5.7115);
}

Test(readability, dale_chall_just_above_five_percent)
{
    /* W = Ws = 1000, S = 100, difficult 51: PDW = 5.1, ASL = 10:
     * 0.1579*5.1 + 0.0496*10 + 3.6365 = 0.80529 + 0.496 + 3.6365 = 4.93779 */
    rs_counts c = base_counts();
    c.words = 1000;
    c.sentences = 100;
    c.difficult_words = 51;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_DALE_CHALL, 4.93779);
}

Test(readability, dale_chall_ignores_unscored_words)
{
    /* W = 24, 4 unscored, Ws = 20, S = 2: ASL = 12, PDW = 100*1/20 = 5:
     * 0.7895 + 0.0496*12 = 0.7895 + 0.5952 = 1.3847 */
    rs_counts c = base_counts();
    c.words = 24;
    c.unscored_words = 4;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_DALE_CHALL, 1.3847);
}

Test(readability, spache_revised)
{
    /* UUW = 100*2/20 = 10: 0.121*10 + 0.082*10 + 0.659 = 1.21 + 0.82 + 0.659 = 2.689
     * (the 1953 formula would give 1.41 + 0.86 + 0.839 = 3.109) */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_SPACHE, 2.689);
}

Test(readability, lix_and_rix)
{
    /* LIX = 20/2 + 100*4/20 = 10 + 20 = 30; RIX = 4/2 = 2 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_LIX, 30.0);
    expect(&r, RS_SCORE_RIX, 2.0);
}

Test(readability, linsear_write_low_branch)
{
    /* easy = 20 - 3 = 17, hard = 3: points = 17 + 9 = 26 per 20 words = 130 per 100;
     * sentences per 100 words = 10; r = 13 <= 20: (13 - 2)/2 = 5.5 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_LINSEAR_WRITE, 5.5);
}

Test(readability, linsear_write_high_branch)
{
    /* W = Ws = 100, S = 2, poly = 10: easy 90 + 3*10 = 120 points per 100 words;
     * sentences per 100 = 2; r = 60 > 20: 60/2 = 30 */
    rs_counts c = base_counts();
    c.words = 100;
    c.polysyllables = 10;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_LINSEAR_WRITE, 30.0);
}

Test(readability, forcast)
{
    /* 14 monosyllables in 20 words = 105 per 150: 20 - 105/10 = 9.5 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_FORCAST, 9.5);
}

Test(readability, consensus_median_of_seven)
{
    /* FK 6.01, Fog 8, SMOG 10.1258, CL 7.7, ARI 7.12, Dale-Chall 1.2855 -> grade 4.0,
     * Linsear 5.5.  Sorted: 4.0 5.5 6.01 7.12 7.7 8 10.13; median = 7.12 */
    rs_readability r = compute(base_counts());
    expect(&r, RS_SCORE_CONSENSUS_GRADE, 7.12);
}

Test(readability, consensus_uses_dale_chall_grade_band)
{
    /* With difficult 6 (PDW 30): 4.737 + 0.496 + 3.6365 = 8.8695 ->
     * grade 11.5: 5.5 6.01 7.12 7.7 8 10.13 11.5, median 7.7 */
    rs_counts c = base_counts();
    c.difficult_words = 6;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_DALE_CHALL, 0.1579 * 30 + 0.496 + 3.6365);
    expect(&r, RS_SCORE_CONSENSUS_GRADE, 7.7);
}

Test(readability, consensus_median_of_three_when_no_word_has_syllables)
{
    /* All 20 words unscored (Ws = 0): FK, Fog, Dale-Chall, Linsear undefined.
     * SMOG = 1.043*sqrt(0) + 3.1291 = 3.1291; CL = 7.7; ARI = 7.12 -> median 7.12 */
    rs_counts c = base_counts();
    c.unscored_words = 20;
    c.polysyllables = 0;
    rs_readability r = compute(c);
    expect_undefined(&r, RS_SCORE_FLESCH_KINCAID_GRADE);
    expect_undefined(&r, RS_SCORE_GUNNING_FOG);
    expect_undefined(&r, RS_SCORE_DALE_CHALL);
    expect_undefined(&r, RS_SCORE_LINSEAR_WRITE);
    expect_undefined(&r, RS_SCORE_FORCAST);
    expect(&r, RS_SCORE_SMOG, 3.1291);
    expect(&r, RS_SCORE_CONSENSUS_GRADE, 7.12);
}

Test(readability, consensus_of_one_without_sentences)
{
    /* S = 0: only Coleman-Liau among the grades: L = 450, S100 = 0:
     * 26.46 - 15.8 = 10.66 */
    rs_counts c = base_counts();
    c.sentences = 0;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_COLEMAN_LIAU, 10.66);
    expect(&r, RS_SCORE_CONSENSUS_GRADE, 10.66);
}

Test(readability, zero_sentences_is_undefined)
{
    rs_counts c = base_counts();
    c.sentences = 0;
    rs_readability r = compute(c);
    rs_score_id need_sentences[] = {
        RS_SCORE_FLESCH_READING_EASE, RS_SCORE_FLESCH_KINCAID_GRADE, RS_SCORE_GUNNING_FOG,
        RS_SCORE_SMOG, RS_SCORE_ARI, RS_SCORE_DALE_CHALL, RS_SCORE_SPACHE, RS_SCORE_LIX,
        RS_SCORE_RIX, RS_SCORE_LINSEAR_WRITE,
    };
    for (size_t i = 0; i < sizeof need_sentences / sizeof need_sentences[0]; i++)
        expect_undefined(&r, need_sentences[i]);
    /* FORCAST needs words only: 20 - 14*150/20/10 = 9.5 */
    expect(&r, RS_SCORE_FORCAST, 9.5);
}

Test(readability, zero_words_is_undefined_everywhere_but_smog_and_rix)
{
    rs_counts c;
    memset(&c, 0, sizeof c);
    c.sentences = 1;
    rs_readability r = compute(c);
    for (int i = 0; i < RS_SCORE__COUNT; i++) {
        if (i == RS_SCORE_SMOG || i == RS_SCORE_RIX || i == RS_SCORE_CONSENSUS_GRADE)
            continue;
        expect_undefined(&r, (rs_score_id)i);
    }
    /* SMOG = 1.043*0 + 3.1291; RIX = 0/1; the consensus is SMOG's alone */
    expect(&r, RS_SCORE_SMOG, 3.1291);
    expect(&r, RS_SCORE_RIX, 0.0);
    expect(&r, RS_SCORE_CONSENSUS_GRADE, 3.1291);
}

Test(readability, empty_counts_define_nothing)
{
    rs_counts c;
    memset(&c, 0, sizeof c);
    rs_readability r = compute(c);
    for (int i = 0; i < RS_SCORE__COUNT; i++)
        expect_undefined(&r, (rs_score_id)i);
}

Test(readability, null_counts_define_nothing)
{
    rs_readability r;
    memset(&r, 0xAB, sizeof r);
    rs_readability_compute(NULL, &r);
    for (int i = 0; i < RS_SCORE__COUNT; i++)
        expect_undefined(&r, (rs_score_id)i);
}

Test(readability, flesch_is_not_clamped)
{
    /* One one-syllable word per sentence: 206.835 - 1.015 - 84.6 = 121.22 */
    rs_counts c;
    memset(&c, 0, sizeof c);
    c.sentences = 1;
    c.words = 1;
    c.syllables = 1;
    rs_readability r = compute(c);
    expect(&r, RS_SCORE_FLESCH_READING_EASE, 121.22);
    /* 10 syllables in one word: 206.835 - 1.015 - 846 = -640.18 */
    c.syllables = 10;
    r = compute(c);
    expect(&r, RS_SCORE_FLESCH_READING_EASE, -640.18);
}

static void assert_all_finite(rs_counts c)
{
    rs_readability r = compute(c);
    for (int i = 0; i < RS_SCORE__COUNT; i++) {
        cr_assert(isfinite(r.value[i]), "%s not finite", rs_score_name((rs_score_id)i));
        if (!r.defined[i])
            cr_assert(r.value[i] == 0.0);
    }
}

Test(readability, extreme_counts_stay_finite)
{
    rs_counts c;
    memset(&c, 0xFF, sizeof c); /* every count UINT64_MAX */
    assert_all_finite(c);
    /* unscored == words: Ws = 0 */
    rs_readability r = compute(c);
    expect_undefined(&r, RS_SCORE_FLESCH_READING_EASE);

    memset(&c, 0, sizeof c);
    c.words = 1;
    assert_all_finite(c);

    c.sentences = 1;
    c.syllables = UINT64_MAX;
    c.polysyllables = UINT64_MAX; /* more than the words: inconsistent but finite */
    c.difficult_words = UINT64_MAX;
    assert_all_finite(c);
    r = compute(c);
    cr_assert(r.defined[RS_SCORE_FLESCH_READING_EASE]);

    memset(&c, 0, sizeof c);
    c.words = UINT64_MAX;
    c.sentences = 1;
    c.unscored_words = UINT64_MAX - 1;
    assert_all_finite(c);

    memset(&c, 0, sizeof c);
    c.unscored_words = 5; /* more unscored than words */
    c.words = 3;
    c.sentences = 1;
    r = compute(c);
    expect_undefined(&r, RS_SCORE_FLESCH_READING_EASE);
    assert_all_finite(c);
}

Test(readability, score_names)
{
    static const char *const expected[RS_SCORE__COUNT] = {
        "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog",
        "coleman_liau",        "ari",                  "dale_chall",  "spache",
        "lix",                 "rix",                  "linsear_write", "forcast",
        "consensus_grade",
    };
    for (int i = 0; i < RS_SCORE__COUNT; i++)
        cr_assert_str_eq(rs_score_name((rs_score_id)i), expected[i]);
    cr_assert_null(rs_score_name(RS_SCORE__COUNT));
    cr_assert_null(rs_score_name((rs_score_id)-1));
}
