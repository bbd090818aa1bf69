/* interpret.c: the bands come from the formulas' authors: Flesch (1948) for
 * Reading Ease, Chall & Dale (1995) for the New Dale-Chall score, Bjornsson
 * (1968) for LIX and Anderson (1983) for RIX; the grade formulas give a US
 * school grade directly. */
#include "interpret.h"

#include <math.h>
#include <stdio.h>

static const char *const labels[RS_SCORE__COUNT] = {
    [RS_SCORE_FLESCH_READING_EASE] = "Flesch Reading Ease",
    [RS_SCORE_FLESCH_KINCAID_GRADE] = "Flesch-Kincaid Grade",
    [RS_SCORE_GUNNING_FOG] = "Gunning Fog",
    [RS_SCORE_SMOG] = "SMOG",
    [RS_SCORE_COLEMAN_LIAU] = "Coleman-Liau",
    [RS_SCORE_ARI] = "Automated Readability",
    [RS_SCORE_DALE_CHALL] = "Dale-Chall",
    [RS_SCORE_SPACHE] = "Spache",
    [RS_SCORE_LIX] = "LIX",
    [RS_SCORE_RIX] = "RIX",
    [RS_SCORE_LINSEAR_WRITE] = "Linsear Write",
    [RS_SCORE_FORCAST] = "FORCAST",
    [RS_SCORE_CONSENSUS_GRADE] = "Consensus grade",
};

const char *score_label(rs_score_id id)
{
    if ((int)id < 0 || id >= RS_SCORE__COUNT || !labels[id])
        return "?";
    return labels[id];
}

static const char *flesch_band(double v)
{
    if (v >= 90) return "very easy";
    if (v >= 80) return "easy";
    if (v >= 70) return "fairly easy";
    if (v >= 60) return "plain English";
    if (v >= 50) return "fairly difficult";
    if (v >= 30) return "difficult";
    return "very difficult";
}

static void grade_phrase(long grade, char *buf, size_t size)
{
    if (grade < 1)
        snprintf(buf, size, "below grade 1 (very easy)");
    else if (grade <= 5)
        snprintf(buf, size, "grade %ld (elementary school)", grade);
    else if (grade <= 8)
        snprintf(buf, size, "grade %ld (middle school)", grade);
    else if (grade <= 12)
        snprintf(buf, size, "grade %ld (high school)", grade);
    else if (grade <= 16)
        snprintf(buf, size, "college");
    else
        snprintf(buf, size, "graduate school");
}

static const char *dale_chall_band(double v)
{
    if (v < 5.0) return "grade 4 or below";
    if (v < 6.0) return "grades 5-6";
    if (v < 7.0) return "grades 7-8";
    if (v < 8.0) return "grades 9-10";
    if (v < 9.0) return "grades 11-12";
    if (v < 10.0) return "college";
    return "college graduate";
}

static const char *lix_band(double v)
{
    if (v < 30) return "very easy";
    if (v < 40) return "easy";
    if (v < 50) return "medium";
    if (v < 60) return "difficult";
    return "very difficult";
}

/* Anderson's RIX table: the lowest score of each grade, grades 1 to 12. */
static long rix_grade(double v)
{
    static const double lowest[] = {0.0, 0.2, 0.5, 0.8, 1.3, 1.8, 2.4, 3.0, 3.7, 4.5, 5.3, 6.2};
    if (v >= 7.2)
        return 13;
    long grade = 1;
    for (size_t i = 0; i < sizeof lowest / sizeof lowest[0]; i++)
        if (v >= lowest[i])
            grade = (long)i + 1;
    return grade;
}

void score_meaning(rs_score_id id, double value, char *buf, size_t size)
{
    switch (id) {
    case RS_SCORE_FLESCH_READING_EASE:
        snprintf(buf, size, "%s", flesch_band(value));
        break;
    case RS_SCORE_DALE_CHALL:
        snprintf(buf, size, "%s", dale_chall_band(value));
        break;
    case RS_SCORE_LIX:
        snprintf(buf, size, "%s", lix_band(value));
        break;
    case RS_SCORE_RIX:
        grade_phrase(rix_grade(value), buf, size);
        break;
    default: {
        double rounded = floor(value + 0.5);
        if (rounded < -1e6) rounded = -1e6;
        if (rounded > 1e6) rounded = 1e6;
        grade_phrase((long)rounded, buf, size);
    }
    }
}
