/*
 * The plain-text classifier's word lists.
 *
 * Function words (stop words), seven languages.  jusText weighs a block by
 * the share of its words that are function words: prose is full of them,
 * menus, headline lists and counters are not.  These lists were written for
 * readstat from the grammar of each language (articles, pronouns,
 * prepositions, conjunctions, common auxiliaries and adverbs); they are
 * shorter than jusText's, so the thresholds in roles_text.c are set for
 * them.  French and Italian elisions (l', d', qu') are listed without the
 * apostrophe, since the key of "l'appareil" is looked up up to it.
 *
 * The lists live in data/wordlists/lexicon.tsv, one word a line with a bit
 * mask of what it is; the build turns the file into a perfect hash, so a
 * word costs one lookup however many lists it is checked against.
 */
#include <stdint.h>
#include <string.h>

#include "doc/roles_text.h"
#include "text/wordfacts.h"

/* Generated from data/wordlists/lexicon.tsv. */
int rs__lexicon_lookup(const char *key, size_t len);

enum {
    LANG_BITS = (1u << RS__TEXT_LANGS) - 1,
    COUNTER_BIT = RS__LEX_COUNTER, /* share bars, counters and page controls */
    MONTH_BIT = RS__LEX_MONTH,     /* month names and their abbreviations */
    BYLINE_BIT = RS__LEX_BYLINE    /* words that put an author's name after them */
};

static const char *const lang_codes[RS__TEXT_LANGS] = {"en", "de", "fr", "es", "pt", "it", "nl"};

static unsigned lexicon(const char *key, size_t len)
{
    int mask = rs__lexicon_lookup(key, len);
    return mask < 0 ? 0 : (unsigned)mask;
}

unsigned rs__text_stopword_langs(const char *key, size_t len)
{
    /* "l'appareil", "qu'il", "it's": the part before the apostrophe decides */
    const char *apostrophe = memchr(key, '\'', len);
    if (apostrophe && apostrophe > key)
        len = (size_t)(apostrophe - key);
    return lexicon(key, len) & LANG_BITS;
}

const char *rs__text_lang_code(int lang)
{
    return lang >= 0 && lang < RS__TEXT_LANGS ? lang_codes[lang] : NULL;
}

bool rs__text_counter_word(const char *key, size_t len)
{
    return lexicon(key, len) & COUNTER_BIT;
}

bool rs__text_month_word(const char *key, size_t len)
{
    if (len && key[len - 1] == '.')
        len--; /* "Apr." */
    return lexicon(key, len) & MONTH_BIT;
}

bool rs__text_byline_word(const char *key, size_t len)
{
    return lexicon(key, len) & BYLINE_BIT;
}

unsigned rs__text_lexicon(const char *key, size_t len)
{
    return lexicon(key, len);
}

unsigned rs__text_stopword_langs_of(const char *key, size_t len, unsigned lexicon_bits)
{
    const char *apostrophe = memchr(key, '\'', len);
    if (apostrophe && apostrophe > key)
        return rs__text_stopword_langs(key, len);
    return lexicon_bits & LANG_BITS;
}

bool rs__text_month_word_of(const char *key, size_t len, unsigned lexicon_bits)
{
    if (len && key[len - 1] == '.')
        return rs__text_month_word(key, len);
    return lexicon_bits & MONTH_BIT;
}

/*
 * The cores of the cue phrases of RS__CUE_SETS_BY_WORDS (roles_text.h): a
 * run of letters of each phrase that prose seldom holds where the phrase
 * puts it (not "our" but "site" at a word's start for "our site").  The
 * index's builder checks which phrases they cover; any other phrase is
 * searched for as it is, so a core missing here costs time, not a cue.
 * Listed by their first letter, which rs__cue_word() looks them up by.
 */
#define CORE(text, edges) {text, sizeof text - 1, edges}
enum { ANY = 0, STARTS = RS__CUE_CORE_STARTS, ENDS = RS__CUE_CORE_ENDS };
static const rs__cue_core cores_a[] = {
    CORE("abonnez", ANY), CORE("abonnieren", STARTS), CORE("about", ENDS), CORE("accept", ENDS),
    CORE("adblock", ANY), CORE("afp", ENDS), CORE("agree", STARTS), CORE("article", STARTS),
    CORE("assine", ANY), CORE("aviso", ENDS),
};
static const rs__cue_core cores_b[] = {CORE("bild", ANY), CORE("blocker", STARTS)};
static const rs__cue_core cores_c[] = {
    CORE("contact", ENDS), CORE("continuing", STARTS), CORE("cookie", ANY), CORE("copyright", ANY),
    CORE("courtesy", ENDS), CORE("credit", ANY),
};
static const rs__cue_core cores_d[] = {
    CORE("datenschutz", ANY), CORE("disable", ENDS), CORE("droits", STARTS),
};
static const rs__cue_core cores_e[] = {CORE("epa", ENDS)};
static const rs__cue_core cores_f[] = {CORE("foto", ANY)};
static const rs__cue_core cores_g[] = {CORE("gdpr", ANY)};
static const rs__cue_core cores_i[] = {
    CORE("illustration", ENDS), CORE("image", ANY), CORE("impressum", ANY), CORE("inscreva", ANY),
    CORE("inscrivez", ANY), CORE("istock", ANY),
};
static const rs__cue_core cores_j[] = {CORE("javascript", ANY)};
static const rs__cue_core cores_m[] = {CORE("mentions", ENDS)};
static const rs__cue_core cores_n[] = {CORE("newsletter", ANY)};
static const rs__cue_core cores_p[] = {
    CORE("photo", ANY), CORE("picture", ENDS), CORE("privacy", ENDS), CORE("provided", ENDS),
};
static const rs__cue_core cores_r[] = {
    CORE("rechte", STARTS), CORE("reservados", STARTS), CORE("reserved", STARTS),
    CORE("reuters", ANY),
};
static const rs__cue_core cores_s[] = {
    CORE("settings", STARTS), CORE("shutterstock", ANY), CORE("sign", ENDS), CORE("site", STARTS),
    CORE("subscri", ANY), CORE("suscr", ANY),
};
static const rs__cue_core cores_t[] = {CORE("terms", ENDS), CORE("turn", ENDS)};
static const rs__cue_core cores_u[] = {CORE("unlimited", ENDS)};
static const rs__cue_core cores_w[] = {CORE("website", STARTS)};
#undef CORE
#define LETTER(l) {cores_##l, sizeof cores_##l / sizeof cores_##l[0]}
const rs__cue_cores_of rs__cue_cores[26] = {
    LETTER(a), LETTER(b), LETTER(c), LETTER(d), LETTER(e), LETTER(f), LETTER(g), {NULL, 0},
    LETTER(i), LETTER(j), {NULL, 0}, {NULL, 0}, LETTER(m), LETTER(n), {NULL, 0}, LETTER(p),
    {NULL, 0}, LETTER(r), LETTER(s), LETTER(t), LETTER(u), {NULL, 0}, LETTER(w), {NULL, 0},
    {NULL, 0}, {NULL, 0},
};
#undef LETTER

static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Does core stand at w + at (n - at bytes left), edges as it asks?  Its
   first two letters are the ones there. */
static bool core_at(const rs__cue_core *core, const char *w, size_t n, size_t at)
{
    if (core->len > n - at || ((core->edges & RS__CUE_CORE_STARTS) && at != 0)
        || ((core->edges & RS__CUE_CORE_ENDS) && at + core->len != n))
        return false;
    for (size_t k = 2; k < core->len; k++)
        if (ascii_lower((unsigned char)w[at + k]) != (unsigned char)core->text[k])
            return false;
    return true;
}

bool rs__cue_word(const char *w, size_t n)
{
    for (size_t at = 0; at + RS__CUE_CORE_MIN <= n; at++) {
        unsigned letter = ascii_lower((unsigned char)w[at]) - (unsigned)'a';
        if (letter >= 26)
            continue;
        /* the second letter rules out most cores of the first */
        const rs__cue_cores_of *of = &rs__cue_cores[letter];
        unsigned char second = ascii_lower((unsigned char)w[at + 1]);
        for (size_t k = 0; k < of->n; k++)
            if ((unsigned char)of->cores[k].text[1] == second && core_at(&of->cores[k], w, n, at))
                return true;
    }
    return false;
}

/* "Comments0", "teilen17", "Share": a counter word, digits glued on or not. */
static bool is_widget_word(const char *fold, size_t n, unsigned lists)
{
    size_t whole = n;
    while (n > 1 && fold[n - 1] >= '0' && fold[n - 1] <= '9')
        n--;
    return n == whole ? (lists & RS__LEX_COUNTER) != 0 : rs__text_counter_word(fold, n);
}

/* The word cache keeps the answer in the bits of its flags above the
   measuring ones. */
_Static_assert(RS__WORD_LEX_ALL <= UINT16_MAX >> RS_WORD_LEX_SHIFT,
               "the lexicon's answer fits a word cache entry");

unsigned rs__word_lex(const char *fold, size_t n)
{
    if (n == 0)
        return 0;
    unsigned lists = rs__text_lexicon(fold, n);
    unsigned info = rs__text_stopword_langs_of(fold, n, lists) & RS__WORD_LANGS;
    if (is_widget_word(fold, n, lists))
        info |= RS__WORD_WIDGET;
    if (rs__text_month_word_of(fold, n, lists))
        info |= RS__WORD_MONTH;
    if (lists & RS__LEX_BYLINE)
        info |= RS__WORD_BYLINE;
    if (rs__cue_word(fold, n))
        info |= RS__WORD_CUE;
    return info;
}
