/* human.c: the text report.  Every line stays within REPORT_WIDTH display
 * columns, whatever the script of the headings and sentences. */
#include "human.h"

#include "display.h"
#include "interpret.h"
#include "numfmt.h"
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_WIDTH 78
#define INDENT "  "

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

/* A sentence's text as a reader sees it, cleaned for display; NULL when out of memory. */
static char *sentence_text(const rs_report *r, size_t i)
{
    size_t len;
    const char *text = rs_report_sentence_text(r, i, &len);
    return display_clean(text ? text : "", text ? len : 0);
}

static void print_rule(const char *title)
{
    /* "── title ────…" */
    static const char line[] = "\xE2\x94\x80"; /* U+2500, one column */
    out_puts(line);
    out_puts(line);
    out_puts(" ");
    size_t width = display_width(title);
    size_t room = REPORT_WIDTH - 4;
    if (width > room - 1)
        width = room - 1;
    display_cell(title, width);
    out_puts(" ");
    for (size_t used = 4 + width; used < REPORT_WIDTH; used++)
        out_puts(line);
    out_puts("\n");
}

/* "Label       value" where the value may be cut to fit. */
static void print_field(const char *label, const char *value)
{
    enum { LABEL_COLUMNS = 14 };
    display_cell(label, LABEL_COLUMNS);
    display_text(value, REPORT_WIDTH - LABEL_COLUMNS);
    out_puts("\n");
}

static const rs_block *first_block_with_role(const rs_report *r, rs_role role)
{
    for (size_t i = 0, n = rs_report_block_count(r); i < n; i++) {
        const rs_block *b = rs_report_block(r, i);
        if (b && b->role == role)
            return b;
    }
    return NULL;
}

/* The text of block i as a reader sees it (markup removed), cleaned for display. */
static char *block_text(const rs_report *r, size_t i)
{
    size_t len;
    const char *text = rs_report_block_text(r, i, &len);
    return text ? display_clean(text, len) : NULL;
}

/* The metadata value when there is one ("Daniel Kim"), else the block with that role. */
static void print_block_field(const rs_report *r, const char *label, const char *meta_key,
                              rs_role role)
{
    const char *value = rs_report_meta(r, meta_key);
    if (value && value[0]) {
        char *shown = display_clean(value, strlen(value));
        if (shown && shown[0])
            print_field(label, shown);
        free(shown);
        return;
    }
    const rs_block *b = first_block_with_role(r, role);
    if (!b)
        return;
    char *text = block_text(r, (size_t)(b - rs_report_block(r, 0)));
    if (text && text[0])
        print_field(label, text);
    free(text);
}

static void reading_time_text(const rs_reading_time *t, char *buf, size_t size)
{
    char duration[64], rate[32];
    fmt_duration(t->seconds, duration, sizeof duration);
    fmt_rate(t->words_per_minute, rate, sizeof rate);
    snprintf(buf, size, "%llu min read (%s at %s wpm)", (unsigned long long)t->minutes,
             duration, rate);
}

/* ------------------------------------------------------------------ */
/* Sections of the report                                               */

static void print_overview(const rs_report *r, const char *name)
{
    /* A file name may hold any bytes, even control characters. */
    char *shown = display_clean(name, strlen(name));
    print_rule(shown ? shown : "?");
    free(shown);
    print_block_field(r, "Title", "title", RS_ROLE_TITLE);
    print_block_field(r, "Byline", "byline", RS_ROLE_BYLINE);
    char text[160];
    reading_time_text(rs_report_reading_time(r), text, sizeof text);
    print_field("Reading time", text);
}

typedef struct count_cell {
    const char *label;
    char value[32];
} count_cell;

static void print_counts(const rs_counts *c)
{
    /* 2 + 3 * 23 + 2 * 3 = 77 columns. */
    enum { COLUMNS = 3, LABEL_COLUMNS = 16, VALUE_COLUMNS = 7 };
    struct { const char *label; uint64_t value; } items[] = {
        {"Words", c->words},
        {"Sentences", c->sentences},
        {"Paragraphs", c->paragraphs},
        {"Syllables", c->syllables},
        {"Characters", c->characters},
        {"Letters", c->letters},
        {"Monosyllables", c->monosyllables},
        {"Polysyllables", c->polysyllables},
        {"Complex words", c->complex_words},
        {"Long words", c->long_words},
        {"Difficult words", c->difficult_words},
        {"Unfamiliar words", c->unfamiliar_words},
        {"Digits", c->digits},
        {"CJK characters", c->cjk_chars},
        {"Images", c->images},
    };
    enum { ITEM_COUNT = sizeof items / sizeof items[0] };
    count_cell cells[ITEM_COUNT + 3];
    size_t n = 0;
    for (; n < ITEM_COUNT; n++) {
        cells[n].label = items[n].label;
        fmt_count(items[n].value, cells[n].value, sizeof cells[n].value);
    }
    cells[n].label = "Unscored words";
    fmt_count(c->unscored_words, cells[n].value, sizeof cells[n].value);
    n++;
    cells[n].label = "Words/sentence";
    if (c->sentences > 0)
        fmt_decimal1((double)c->words / (double)c->sentences, cells[n].value,
                     sizeof cells[n].value);
    else
        snprintf(cells[n].value, sizeof cells[n].value, "n/a");
    n++;
    /* Syllables are only counted for scored words (not URLs or CJK). */
    uint64_t scored = c->words > c->unscored_words ? c->words - c->unscored_words : 0;
    cells[n].label = "Syllables/word";
    if (scored > 0)
        snprintf(cells[n].value, sizeof cells[n].value, "%.2f",
                 (double)c->syllables / (double)scored);
    else
        snprintf(cells[n].value, sizeof cells[n].value, "n/a");
    n++;

    out_puts("\nCounts\n");
    for (size_t i = 0; i < n; i++) {
        out_puts(i % COLUMNS == 0 ? INDENT : "   ");
        display_cell(cells[i].label, LABEL_COLUMNS);
        display_number(cells[i].value, VALUE_COLUMNS);
        if (i % COLUMNS == COLUMNS - 1 || i + 1 == n)
            out_puts("\n");
    }
}

static void print_readability(const rs_readability *scores)
{
    enum { LABEL_COLUMNS = 24, SCORE_COLUMNS = 7, GAP = 3 };
    out_puts("\n");
    display_cell("Readability", 2 + LABEL_COLUMNS);
    display_number("Score", SCORE_COLUMNS);
    out_pad(GAP);
    out_puts("Meaning\n");
    for (int id = 0; id < RS_SCORE__COUNT; id++) {
        char value[32], meaning[64];
        if (scores->defined[id]) {
            fmt_decimal1(scores->value[id], value, sizeof value);
            score_meaning((rs_score_id)id, scores->value[id], meaning, sizeof meaning);
        } else {
            snprintf(value, sizeof value, "n/a");
            snprintf(meaning, sizeof meaning, "not enough text");
        }
        out_puts(INDENT);
        display_cell(score_label((rs_score_id)id), LABEL_COLUMNS);
        display_number(value, SCORE_COLUMNS);
        out_pad(GAP);
        display_text(meaning, REPORT_WIDTH - 2 - LABEL_COLUMNS - SCORE_COLUMNS - GAP);
        out_puts("\n");
    }
}

static void score_or_na(const rs_readability *scores, rs_score_id id, char *buf, size_t size)
{
    if (scores->defined[id])
        fmt_decimal1(scores->value[id], buf, size);
    else
        snprintf(buf, size, "n/a");
}

/* Columns of the sections table, right of the heading. */
enum { WORDS_COLUMNS = 8, MIN_COLUMNS = 6, FRE_COLUMNS = 7, GRADE_COLUMNS = 7 };
enum {
    HEADING_COLUMNS =
        REPORT_WIDTH - 2 - WORDS_COLUMNS - MIN_COLUMNS - FRE_COLUMNS - GRADE_COLUMNS
};

/* One row; the heading cell is `indent` spaces then the text, so that
 * sub-headings sit under their parents. */
static void print_section_row(size_t indent, const char *heading, const char *words,
                              const char *minutes, const char *fre, const char *grade)
{
    out_pad(indent);
    display_cell(heading, 2 + HEADING_COLUMNS - indent);
    display_number(words, WORDS_COLUMNS);
    display_number(minutes, MIN_COLUMNS);
    display_number(fre, FRE_COLUMNS);
    display_number(grade, GRADE_COLUMNS);
    out_puts("\n");
}

static void print_sections(const rs_report *r)
{
    size_t count = rs_report_section_count(r);
    out_puts("\n");
    if (count == 0) {
        out_puts("Sections\n" INDENT "(none: no text)\n");
        return;
    }
    print_section_row(0, "Sections", "Words", "Min", "FRE", "Grade");
    size_t chrome = 0;
    for (size_t i = 0; i < count; i++) {
        const rs_section *s = rs_report_section(r, i);
        if (!s)
            continue;
        if (s->boilerplate) {
            chrome++; /* page chrome: listed in the JSON, not worth a row here */
            continue;
        }
        char *text = s->heading_block != RS_NONE ? block_text(r, s->heading_block) : NULL;
        const char *shown = text && text[0] ? text
                            : count == 1    ? "(no headings)"
                            : i == 0        ? "(before first heading)"
                                            : "(untitled)";
        int depth = 0;
        for (size_t p = s->parent; p != RS_NONE && depth < 4; p = rs_report_section(r, p)->parent)
            depth++;
        char words[32], minutes[32], fre[32], grade[32];
        fmt_count(s->counts.words, words, sizeof words);
        fmt_count(s->reading_time.minutes, minutes, sizeof minutes);
        score_or_na(&s->readability, RS_SCORE_FLESCH_READING_EASE, fre, sizeof fre);
        score_or_na(&s->readability, RS_SCORE_FLESCH_KINCAID_GRADE, grade, sizeof grade);
        print_section_row(2 + 2 * (size_t)depth, shown, words, minutes, fre, grade);
        free(text);
    }
    if (chrome) {
        char note[96];
        snprintf(note, sizeof note, "(%zu section%s of page chrome not shown)", chrome,
                 chrome == 1 ? "" : "s");
        out_puts(INDENT);
        out_puts(note);
        out_puts("\n");
    }
}

static void print_sentences(const rs_report *r)
{
    enum { NUMBER_COLUMNS = 5, WORDS = 6, GRADE = 7 };
    enum { TEXT_COLUMNS = REPORT_WIDTH - 2 - NUMBER_COLUMNS - 2 - WORDS - GRADE };
    size_t count = rs_report_sentence_count(r);
    out_puts("\n");
    display_cell("Sentences", 2 + NUMBER_COLUMNS + 2 + TEXT_COLUMNS);
    display_number("Words", WORDS);
    display_number("Grade", GRADE);
    out_puts("\n");
    for (size_t i = 0; i < count; i++) {
        const rs_sentence *s = rs_report_sentence(r, i);
        if (!s)
            continue;
        char number[32], words[32], grade[32];
        snprintf(number, sizeof number, "%zu", i + 1);
        fmt_count(s->words, words, sizeof words);
        if (s->scored_words > 0)
            fmt_decimal1(0.39 * s->words + 11.8 * (double)s->syllables / s->scored_words - 15.59,
                         grade, sizeof grade);
        else
            snprintf(grade, sizeof grade, "n/a");
        char *text = sentence_text(r, i);
        out_puts(INDENT);
        display_number(number, NUMBER_COLUMNS);
        out_puts("  ");
        display_cell(text ? text : "", TEXT_COLUMNS);
        display_number(words, WORDS);
        display_number(grade, GRADE);
        out_puts("\n");
        free(text);
    }
    if (count == 0)
        out_puts(INDENT "(none)\n");
}

void human_report(const rs_report *r, const char *name, bool with_sentences)
{
    print_overview(r, name);
    print_counts(rs_report_counts(r));
    print_readability(rs_report_readability(r));
    print_sections(r);
    if (with_sentences)
        print_sentences(r);
}
