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

#include "core/ascii.h"
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
 * Listed by their first letter, which rs__cue_word() looks them up by,
 * with the second letters each first one has.
 */
enum { ANY = 0, STARTS = RS__CUE_CORE_STARTS, ENDS = RS__CUE_CORE_ENDS };
/*
 * X(arg, first letter, second letter, core, edges) for each core, by first
 * letter: the letters as constants let the build count and mask them.
 */
#define CUE_CORES(X, arg) \
    X(arg, 'a', 'b', "abonnez", ANY) X(arg, 'a', 'b', "abonnieren", STARTS) \
    X(arg, 'a', 'b', "about", ENDS) X(arg, 'a', 'c', "accept", ENDS) \
    X(arg, 'a', 'd', "adblock", ANY) X(arg, 'a', 'f', "afp", ENDS) \
    X(arg, 'a', 'g', "agree", STARTS) X(arg, 'a', 'r', "article", STARTS) \
    X(arg, 'a', 's', "assine", ANY) X(arg, 'a', 'v', "aviso", ENDS) X(arg, 'b', 'i', "bild", ANY) \
    X(arg, 'b', 'l', "blocker", STARTS) X(arg, 'c', 'o', "contact", ENDS) \
    X(arg, 'c', 'o', "continuing", STARTS) X(arg, 'c', 'o', "cookie", ANY) \
    X(arg, 'c', 'o', "copyright", ANY) X(arg, 'c', 'o', "courtesy", ENDS) \
    X(arg, 'c', 'r', "credit", ANY) X(arg, 'd', 'a', "datenschutz", ANY) \
    X(arg, 'd', 'i', "disable", ENDS) X(arg, 'd', 'r', "droits", STARTS) \
    X(arg, 'e', 'p', "epa", ENDS) X(arg, 'f', 'o', "foto", ANY) X(arg, 'g', 'd', "gdpr", ANY) \
    X(arg, 'i', 'l', "illustration", ENDS) X(arg, 'i', 'm', "image", ANY) \
    X(arg, 'i', 'm', "impressum", ANY) X(arg, 'i', 'n', "inscreva", ANY) \
    X(arg, 'i', 'n', "inscrivez", ANY) X(arg, 'i', 's', "istock", ANY) \
    X(arg, 'j', 'a', "javascript", ANY) X(arg, 'm', 'e', "mentions", ENDS) \
    X(arg, 'n', 'e', "newsletter", ANY) X(arg, 'p', 'h', "photo", ANY) \
    X(arg, 'p', 'i', "picture", ENDS) X(arg, 'p', 'r', "privacy", ENDS) \
    X(arg, 'p', 'r', "provided", ENDS) X(arg, 'r', 'e', "rechte", STARTS) \
    X(arg, 'r', 'e', "reservados", STARTS) X(arg, 'r', 'e', "reserved", STARTS) \
    X(arg, 'r', 'e', "reuters", ANY) X(arg, 's', 'e', "settings", STARTS) \
    X(arg, 's', 'h', "shutterstock", ANY) X(arg, 's', 'i', "sign", ENDS) \
    X(arg, 's', 'i', "site", STARTS) X(arg, 's', 'u', "subscri", ANY) \
    X(arg, 's', 'u', "suscr", ANY) X(arg, 't', 'e', "terms", ENDS) X(arg, 't', 'u', "turn", ENDS) \
    X(arg, 'u', 'n', "unlimited", ENDS) X(arg, 'w', 'e', "website", STARTS)
#define AS_CORE(arg, first, second, text, edges) {text, sizeof text - 1, edges},
static const rs__cue_core core_list[] = {CUE_CORES(AS_CORE, 0)};
#define BELOW(letter, first, second, text, edges) +((first) - 'a' < (letter))
#define START(letter) (0 CUE_CORES(BELOW, letter))
#define SECOND_OF(letter, first, second, text, edges) \
    | ((first) - 'a' == (letter) ? 1u << ((second) - 'a') : 0u)
#define LETTER(letter) \
    {core_list + START(letter), START((letter) + 1) - START(letter), 0u CUE_CORES(SECOND_OF, letter)}
const rs__cue_cores_of rs__cue_cores[26] = {
    LETTER(0),  LETTER(1),  LETTER(2),  LETTER(3),  LETTER(4),  LETTER(5),  LETTER(6),
    LETTER(7),  LETTER(8),  LETTER(9),  LETTER(10), LETTER(11), LETTER(12), LETTER(13),
    LETTER(14), LETTER(15), LETTER(16), LETTER(17), LETTER(18), LETTER(19), LETTER(20),
    LETTER(21), LETTER(22), LETTER(23), LETTER(24), LETTER(25),
};
_Static_assert(START(26) == sizeof core_list / sizeof core_list[0], "every core has a letter");
#undef LETTER
#undef SECOND_OF
#undef START
#undef BELOW
#undef AS_CORE
#undef CUE_CORES

/* Does core stand at w + at (n - at bytes left), edges as it asks?  Its
   first two letters are the ones there. */
static bool core_at(const rs__cue_core *core, const char *w, size_t n, size_t at)
{
    if (core->len > n - at || ((core->edges & RS__CUE_CORE_STARTS) && at != 0)
        || ((core->edges & RS__CUE_CORE_ENDS) && at + core->len != n))
        return false;
    for (size_t k = 2; k < core->len; k++)
        if ((unsigned char)rs__ascii_lower(w[at + k]) != (unsigned char)core->text[k])
            return false;
    return true;
}

/* A word longer than this (a token of base64, a run of letters of
   megabytes) is taken to hold a core without a look: the block's phrase
   scan then decides, at a few instructions a byte, where the look here
   costs about 27. */
enum { CUE_WORD_LOOK_MAX = 256 };

bool rs__cue_word(const char *w, size_t n)
{
    if (n > CUE_WORD_LOOK_MAX)
        return true;
    for (size_t at = 0; at + RS__CUE_CORE_MIN <= n; at++) {
        unsigned letter = (unsigned char)rs__ascii_lower(w[at]) - (unsigned)'a';
        if (letter >= 26)
            continue;
        /* most pairs of letters start no core: one bit tells */
        const rs__cue_cores_of *of = &rs__cue_cores[letter];
        unsigned second = (unsigned char)rs__ascii_lower(w[at + 1]) - (unsigned)'a';
        if (second >= 26 || !((of->seconds >> second) & 1))
            continue;
        for (size_t k = 0; k < of->n; k++)
            if ((unsigned char)of->cores[k].text[1] == 'a' + second && core_at(&of->cores[k], w, n, at))
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
