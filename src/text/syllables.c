/*
 * syllables.c: English syllable counts.
 *
 * A word is first looked up in an exception table generated from the CMU
 * Pronouncing Dictionary (data/syllables/exceptions.tsv: the dictionary
 * words the rules below get wrong); otherwise spelling rules decide.  The
 * rules count vowel groups, then correct the groups that English spelling
 * makes silent (final e, -es, -ed) or splits in two (pi-a-no, cre-ate,
 * sci-ence), after peeling off suffixes whose stems carry a silent e
 * (hope-less, state-ment).
 *
 * Numbers are counted as spoken (the rule is spelled out under "Numbers"
 * below and in tools/syllables/README.md).
 *
 * No call allocates: words are normalised into a fixed stack buffer, and a
 * word too long for it gets a plain vowel-group count.
 */
#include "text/syllables.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "readstat.h"

/* Longest word normalised for the rules; longer ones are counted by
   streaming, since no English word in the dictionaries comes close. */
#define WORD_BUFFER 128

/* Counts above this many digits are read digit by digit: 15 digits reach
   the hundreds of trillions, beyond which nobody reads a number out. */
#define MAX_CARDINAL_DIGITS 15

/* ------------------------------------------------------------------ */
/* Letters                                                              */

static inline bool is_aeiou(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static inline bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

static bool starts_with(const char *w, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(w, prefix, k) == 0;
}

/* Whether w[i] sounds as (part of) a vowel.  The u of qu and of gu before a
   vowel is a consonant (queen, guess; not ambiguous).  Before a vowel, y is
   a consonant at the start and after a vowel, w, n or l (yes, player,
   lawyer, canyon); elsewhere it is a vowel (happy, dryer). */
static inline bool vowel_at(const char *w, size_t n, size_t i)
{
    char c = w[i];
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o')
        return true;
    if (c == 'u') {
        if (i > 0 && w[i - 1] == 'q')
            return false;
        if (i > 0 && w[i - 1] == 'g' && i + 1 < n && is_aeiou(w[i + 1]))
            return i + 2 < n && w[i + 1] == 'o' && w[i + 2] == 'u';
        return true;
    }
    if (c == 'y') {
        if (i + 1 >= n || !is_aeiou(w[i + 1]))
            return true;
        if (i == 0)
            return false;
        char p = w[i - 1];
        return !(is_aeiou(p) || p == 'y' || p == 'w' || p == 'n' || p == 'l');
    }
    return false;
}

static inline bool has_vowel(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (vowel_at(w, n, i))
            return true;
    return false;
}

static inline bool consonant_at(const char *w, size_t n, size_t i)
{
    return is_lower(w[i]) && !vowel_at(w, n, i);
}

/* ------------------------------------------------------------------ */
/* Vowel groups                                                         */

/* Whether the vowels w[i-1] and w[i], spelled together, are two syllables.
   `before` is the number of vowel groups already seen before this group. */
static bool splits(const char *w, size_t n, size_t i, unsigned before)
{
    char a = w[i - 1], b = w[i];
    char p = i >= 2 ? w[i - 2] : 0;  /* the letter before the pair */
    char q = i + 1 < n ? w[i + 1] : 0; /* the letter after the pair */
    char r = i + 2 < n ? w[i + 2] : 0;
    bool final = i + 1 == n;
    bool softener = p == 'c' || p == 't' || p == 's' || p == 'g' || p == 'x';

    if (a == 'y')
        return true; /* dry-er, em-bry-o: y before a vowel was a vowel */
    switch (a) {
    case 'i':
        if (b == 'a' || b == 'o')
            /* -tion -cial -sion -gion are one syllable; so are the -llion
               and -nion of million, union, senior; but associ-ate, rati-o. */
            return (b == 'a' && q == 't') || (b == 'o' && final) ||
                   !(softener || (b == 'o' && (p == 'l' || p == 'n') && i >= 3 &&
                                  (w[i - 3] == p || is_aeiou(w[i - 3]))));
        if (b == 'u')
            return true; /* medi-um, radi-us */
        if (b == 'i')
            return true;
        if (b == 'e') {
            if (final)
                return false;
            if (i + 2 == n && (q == 's' || q == 'd'))
                return false; /* studies, died */
            if (q == 't')
                return true; /* di-et, qui-et, soci-ety */
            if (q == 'r' || (q == 's' && r == 't'))
                return before > 0; /* happi-er, happi-est; but pier, priest */
            if (q == 'n' && (r == 't' || r == 'c'))
                return !(p == 't' || (p == 'c' && !(i >= 3 && w[i - 3] == 's'))); /* cli-ent, sci-ence; pa-tient */
            if (q == 'n' && i + 2 == n)
                return before > 0; /* ali-en */
            return false;
        }
        return false;
    case 'e':
        if (b == 'a') {
            if (final)
                return before > 0; /* are-a, ide-a; but sea */
            if (starts_with(w, n, "creat") && !starts_with(w, n, "creatur"))
                return i == 3;
            if (i == 2 && p == 'r') /* the prefix re- */
                return q == 'c' ? r == 't'
                       : q == 'l' ? r == 'i'
                       : (q == 'p' || q == 's' || q == 'r' || q == 't') ? r == q
                       : (q == 'f' || q == 'w');
            if (i == 3 && p == 'h' && w[0] == 't' && q == 't')
                return true; /* the-ater */
            if (q == 'n' && (i + 2 == n) && before > 0)
                return !(p == 'c' || p == 'g'); /* kore-an; but ocean */
            if (q == 't' && r == 'e' && i + 3 == n)
                return before > 0; /* deline-ate */
            return false;
        }
        if (b == 'o') {
            if ((p == 'g' || p == 'c') && i >= 3)
                return false; /* pigeon, gorgeous, ocean-like -ceous */
            if (p == 'p' && q == 'p')
                return false; /* people */
            if (i == 2 && (p == 'l' || p == 'j') && q == 'p')
                return false; /* leopard, jeopardy */
            return true; /* vide-o, the-ory, ne-on */
        }
        if (b == 'u')
            return (i == 2 && p == 'r') || /* re-use, re-unite */
                   (before > 0 && i + 2 == n && (q == 'm' || q == 's')); /* muse-um, nucle-us */
        if (b == 'i') {
            if ((q == 's' && (r == 't' || r == 'm')) || (q == 't' && r == 'y'))
                return true; /* athe-ist, de-ity */
            if (i == 2 && p == 'r')
                return (q == 'n' && (r == 'f' || r == 'v' || r == 't' || r == 's')) || q == 'm' ||
                       (q == 't' && r == 'e') || (q == 's' && r == 's'); /* re-invent, re-iterate */
            return false;
        }
        if (b == 'e') {
            if ((i == 2 && p == 'r') || (i == 3 && p == 'r' && w[0] == 'p'))
                return (q == 'l' || q == 'n' || q == 'm' || q == 'v' || q == 'x') && is_aeiou(r);
            return false;
        }
        return false;
    case 'o':
        if (b == 'a')
            return final || (q == 'l' && is_aeiou(r)) || (q == 's' && r == 'i');
        if (b == 'e') {
            if (final || (i + 2 == n && (q == 's' || q == 'd')))
                return false;
            if (i == 2 && w[0] == 'c')
                return true; /* co-exist, co-erce */
            /* po-em, po-et, no-el, who-ever; oe elsewhere is mostly the
               German o-umlaut (Boeing, Schoen). */
            return q == 'm' || q == 't' || q == 'x' || q == 'v' || q == 'f' || (q == 'l' && i + 2 == n) ||
                   (q == 'r' && (r == 0 || r == 's' || is_aeiou(r))); /* go-er */
        }
        if (b == 'i')
            return (q == 'c' && r != 'e') || (q == 's' && (r == 'm' || r == 't')); /* hero-ic, ego-ism */
        if (b == 'o')
            return i == 2 && w[0] == 'c' && (q == 'p' || q == 'r') && r != 0 && r != 's';
        return false;
    case 'u':
        if (b == 'a' || b == 'o')
            return true; /* actu-al, du-o */
        if (b == 'e') {
            if (final || (i + 2 == n && (q == 's' || q == 'd')))
                return false;
            /* flu-ent, cru-el, du-et; ue elsewhere is mostly the German
               u-umlaut (Buechner) or silent (guess). */
            return q == 'n' || q == 'l' || q == 't' || q == 'e' ||
                   (q == 'r' && (r == 0 || r == 's' || is_aeiou(r))); /* bau-er, blu-er */
        }
        if (b == 'i')
            return q == 'n' || q == 'd' || (q == 't' && (r == 'i' || r == 'y')) ||
                   (q == 's' && (r == 'm' || r == 't'));
        if (b == 'y')
            return false;
        return false;
    case 'a':
        if (b == 'i')
            return q == 'c' || (q == 's' && (r == 'm' || r == 't')) || (q == 'v' && r == 'e');
        if (b == 'o')
            return q != 'r';
        if (b == 'e')
            return q == 'l' && i + 2 == n; /* isra-el, micha-el */
        if (b == 'a')
            return i >= 2;
        return false;
    default:
        return false;
    }
}

/* The syllables of a bare stem: vowel groups, plus splits, minus a silent
   final e, plus syllabic endings (-le, -ism, -ire). */
static unsigned vowel_groups(const char *w, size_t n, bool stem)
{
    unsigned count = 0;
    bool in_group = false;
    for (size_t i = 0; i < n; i++) {
        if (vowel_at(w, n, i)) {
            if (!in_group)
                count++;
            else if (splits(w, n, i, count - 1))
                count++;
            in_group = true;
        } else {
            in_group = false;
        }
    }
    if (count == 0)
        return 0;

    char last = w[n - 1];
    if (last == 'e' && n >= 2 && consonant_at(w, n, n - 2)) {
        char p = w[n - 2];
        bool syllabic = false;
        if ((p == 'l' || p == 'r') && n >= 3 && consonant_at(w, n, n - 3) && w[n - 3] != p &&
            w[n - 3] != 'w')
            syllabic = true; /* ta-ble, ac-re */
        else if (p == 'r' && n >= 4 && w[n - 3] == 'i' && consonant_at(w, n, n - 4) && w[n - 4] != 'h')
            syllabic = true; /* fi-re, de-si-re */
        else if (n >= 5 && p == 'n' && w[n - 3] == 'o' && !vowel_at(w, n, n - 4) && w[n - 4] == w[n - 5])
            syllabic = true; /* Italian names: zap-po-ne, bel-lo-ne */
        else if (n >= 4 && ((w[n - 4] == 'i' && w[n - 3] == 'o' && p == 'n') ||
                            (w[n - 4] == 'a' && w[n - 3] == 'n' && p == 't')))
            syllabic = true; /* -ione, -ante */
        if (!syllabic && count > 1)
            count--;
    } else if ((last == 'l' || last == 'r') && n >= 2 && consonant_at(w, n, n - 2)) {
        char p = w[n - 2];
        /* Stems left by -ed: troubl(ed), hundr(ed). */
        if (p != 'l' && p != 'r' && p != 'w' && p != 'h' && p != last)
            count++;
    } else if (last == 'm' && n >= 3 && (w[n - 2] == 's' || (w[n - 2] == 'h' && w[n - 3] == 't')) &&
               (w[n - 2] == 'h' || vowel_at(w, n, n - 3))) {
        count++; /* ism, chasm, rhythm */
    } else if (last == 'r' && n >= 4 && w[n - 2] == 'u' && w[n - 3] == 'o' &&
               (w[n - 4] == 'h' || w[n - 4] == 's' || w[n - 4] == 'l' || w[n - 4] == 'v')) {
        count++; /* hou-r, flou-r, sou-r, devou-r */
    } else if (stem && last == 'r' && n >= 3 && w[n - 2] == 'i' && consonant_at(w, n, n - 3) &&
               !(n >= 4 && w[n - 3] == 'h' && w[n - 4] == 's')) {
        count++; /* fi-r(ed), de-si-r(es) */
    }
    return count;
}

typedef struct affix {
    const char *text;
    unsigned char len;
    unsigned char syllables;
} affix;

#define AFFIX(s) {s, sizeof s - 1, 1}
#define SUFFIX(s, syl) {s, sizeof s - 1, syl}

/* Stems with a silent e that start compounds: some|thing, home|work.  Keep
   the list sorted: heads_by_letter indexes it by first letter. */
static const affix silent_e_heads[] = {
    AFFIX("bake"), AFFIX("base"), AFFIX("bike"), AFFIX("blue"), AFFIX("bone"), AFFIX("bride"),
    AFFIX("cake"), AFFIX("care"), AFFIX("cone"), AFFIX("eye"), AFFIX("face"), AFFIX("fare"),
    AFFIX("fire"), AFFIX("fore"), AFFIX("game"), AFFIX("gate"), AFFIX("grave"), AFFIX("home"),
    AFFIX("hope"), AFFIX("horse"), AFFIX("house"), AFFIX("lake"), AFFIX("life"), AFFIX("like"),
    AFFIX("lime"), AFFIX("line"), AFFIX("live"), AFFIX("love"), AFFIX("make"), AFFIX("more"),
    AFFIX("name"), AFFIX("nose"), AFFIX("note"), AFFIX("phone"), AFFIX("pipe"), AFFIX("place"),
    AFFIX("plate"), AFFIX("safe"), AFFIX("sale"), AFFIX("score"), AFFIX("shame"), AFFIX("share"),
    AFFIX("shore"), AFFIX("side"), AFFIX("skate"), AFFIX("smoke"), AFFIX("some"), AFFIX("space"),
    AFFIX("spoke"), AFFIX("stage"), AFFIX("state"), AFFIX("stone"), AFFIX("store"),
    AFFIX("strike"), AFFIX("table"), AFFIX("take"), AFFIX("tape"), AFFIX("tide"), AFFIX("time"),
    AFFIX("trade"), AFFIX("tube"), AFFIX("type"), AFFIX("wake"), AFFIX("wave"), AFFIX("white"),
    AFFIX("whole"), AFFIX("wide"), AFFIX("wine"), AFFIX("wire"), AFFIX("wise"),
};

/* silent_e_heads[heads_by_letter[c - 'a'] .. heads_by_letter[c - 'a' + 1]) start with c. */
static const unsigned char heads_by_letter[27] = {
    0, 0, 6, 9, 9, 10, 14, 17, 21, 21, 21, 21, 28, 30,
    33, 33, 37, 37, 37, 54, 62, 62, 62, 70, 70, 70, 70,
};

/* ------------------------------------------------------------------ */
/* Suffixes                                                             */

static unsigned word_rules(const char *w, size_t n, bool stem);

static bool ends_in_syllabic_l(const char *w, size_t n)
{
    if (n < 3 || w[n - 1] != 'l' || !consonant_at(w, n, n - 2))
        return false;
    char p = w[n - 2];
    return p != 'l' && p != 'r' && p != 'w' && p != 'h';
}

static bool sibilant_end(const char *w, size_t n)
{
    if (n == 0)
        return false;
    char c = w[n - 1];
    if (c == 's' || c == 'x' || c == 'z')
        return true;
    if (c == 'h' && n >= 2 && (w[n - 2] == 'c' || w[n - 2] == 's'))
        return true;
    return c == 'e' && n >= 2 && (w[n - 2] == 'c' || w[n - 2] == 'g' || w[n - 2] == 's' || w[n - 2] == 'z');
}

/* Peels one suffix and recurses on the stem; the suffixes chosen are the
   ones whose stems hide a silent e or change how the end is read.  Stems
   left by -ing, -ed and -s are not peeled again (releas-ed is not relea-s). */
static bool strip_suffix(const char *w, size_t n, bool stem, unsigned *out)
{
    /* Grouped by last letter, so that a word is tried only against the
       suffixes it could end with; within a group the first match wins
       (ically before ly). */
    static const affix plain[] = {
        SUFFIX("land", 1), SUFFIX("wood", 1), SUFFIX("ford", 1), SUFFIX("field", 1), /* d */
        SUFFIX("ville", 1), SUFFIX("stone", 1), SUFFIX("house", 1),                  /* e */
        SUFFIX("worth", 1),                                                          /* h */
        SUFFIX("ful", 1),                                                            /* l */
        SUFFIX("man", 1), SUFFIX("mann", 1), SUFFIX("men", 1),                       /* n */
        SUFFIX("ness", 1), SUFFIX("less", 1),                                        /* s */
        SUFFIX("ment", 1),                                                           /* t */
        SUFFIX("ically", 2), SUFFIX("edly", 2), SUFFIX("ly", 1), SUFFIX("ley", 1),   /* y */
    };
    /* plain[plain_by_last[c - 'a'] .. plain_by_last[c - 'a' + 1]) end with c. */
    static const unsigned char plain_by_last[27] = {
        0, 0, 0, 0, 4, 7, 7, 7, 8, 8, 8, 8, 9, 9,
        12, 12, 12, 12, 12, 14, 15, 15, 15, 15, 15, 19, 19,
    };

    size_t first = is_lower(w[0]) ? (size_t)(w[0] - 'a') : 0;
    for (size_t k = heads_by_letter[first]; n >= 6 && k < heads_by_letter[first + 1]; k++) {
        const affix *h = &silent_e_heads[k];
        size_t hl = h->len;
        if (n >= hl + 3 && w[1] == h->text[1] && memcmp(w, h->text, hl) == 0 &&
            ((!is_aeiou(w[hl]) && w[hl] != 'y' && w[hl] != 'r') || starts_with(w + hl, n - hl, "one")) &&
            has_vowel(w + hl, n - hl)) {
            *out = vowel_groups(w, hl, false) + word_rules(w + hl, n - hl, stem);
            return true;
        }
    }
    size_t last = is_lower(w[n - 1]) ? (size_t)(w[n - 1] - 'a') : 26; /* 26: no suffix */
    size_t end = last < 26 ? plain_by_last[last + 1] : 0;
    for (size_t k = last < 26 ? plain_by_last[last] : 0; k < end; k++) {
        size_t sl = plain[k].len;
        if (n >= sl + 2 && memcmp(w + n - sl, plain[k].text, sl) == 0 && has_vowel(w, n - sl)) {
            *out = word_rules(w, n - sl, false) + plain[k].syllables;
            return true;
        }
    }
    if (stem)
        return false;
    if (n >= 5 && ends_with(w, n, "ing") && has_vowel(w, n - 3)) {
        size_t s = n - 3;
        /* handl-ing: the l of the stem belongs to -ing. */
        *out = word_rules(w, s, true) + 1 - (ends_in_syllabic_l(w, s) ? 1u : 0u);
        return true;
    }
    if (n >= 4 && ends_with(w, n, "ed") && w[n - 3] != 'e' && has_vowel(w, n - 2)) {
        size_t s = n - 2;
        *out = word_rules(w, s, true) + ((w[s - 1] == 't' || w[s - 1] == 'd') ? 1u : 0u);
        return true;
    }
    if (n >= 4 && ends_with(w, n, "es") && has_vowel(w, n - 2)) {
        *out = word_rules(w, n - 1, false) + (sibilant_end(w, n - 1) || sibilant_end(w, n - 2) ? 1u : 0u);
        return true;
    }
    if (n >= 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
        has_vowel(w, n - 1)) {
        *out = word_rules(w, n - 1, false);
        return true;
    }
    return false;
}

/* A word of letters only; stem: what is left after -ing, -ed or -s. */
static unsigned word_rules(const char *w, size_t n, bool stem)
{
    if (n == 0)
        return 0;
    if (!has_vowel(w, n)) {
        /* An abbreviation spelled out: FBI, BBC; w is "double-u". */
        unsigned count = 0;
        for (size_t i = 0; i < n; i++)
            count += w[i] == 'w' ? 3u : 1u;
        return count;
    }
    unsigned count;
    if (n >= 4 && w[0] == 'm' && w[1] == 'c' && has_vowel(w + 2, n - 2))
        return 1 + word_rules(w + 2, n - 2, stem); /* mc- is "mac" */
    if (strip_suffix(w, n, stem, &count))
        return count;
    count = vowel_groups(w, n, stem);
    return count ? count : 1;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                              */

/*
 * Numbers are counted as they are read aloud in American English:
 *  - integers as cardinals without "and": 1361 = one thousand three hundred
 *    sixty-one = 1+2+1+2+2+1 = 9; "," separators are ignored;
 *  - an ordinal suffix (st nd rd th) turns the last word into an ordinal:
 *    only two -> second and -ty -> -tieth gain a syllable (22nd = twenty-
 *    second = 4, 20th = twentieth = 3, 16th = sixteenth = 2);
 *  - one "." is a decimal point: 3.14 = three point one four (the digits
 *    after the point are read one by one);
 *  - two or more dots make a version: 1.2.3 = one point two point three,
 *    each part read as a cardinal;
 *  - a part with a leading zero (007) or more than 15 digits is read digit
 *    by digit; 0 is "zero";
 *  - trailing letters other than an ordinal suffix are counted as a word of
 *    their own (10am = ten + am), except a plural s (1990s = nineteen
 *    nineties, no extra syllable; sixes gains one).
 */
static const unsigned char small_numbers[20] = {
    2, 1, 1, 1, 1, 1, 1, 2, 1, 1, /* zero..nine */
    1, 3, 1, 2, 2, 2, 2, 3, 2, 2, /* ten..nineteen */
};
static const unsigned char tens_words[10] = {0, 0, 2, 2, 2, 2, 2, 3, 2, 2}; /* twenty..ninety */

/* Syllables of 0 < v < 1000, and the value of its last spoken part. */
static unsigned below_thousand(unsigned v, unsigned *last_part)
{
    unsigned count = 0;
    unsigned hundreds = v / 100, rest = v % 100;
    if (hundreds) {
        count += small_numbers[hundreds] + 2u; /* hun-dred */
        *last_part = 100;
    }
    if (rest) {
        if (rest < 20) {
            count += small_numbers[rest];
            *last_part = rest;
        } else {
            count += tens_words[rest / 10];
            *last_part = rest - rest % 10;
            if (rest % 10) {
                count += small_numbers[rest % 10];
                *last_part = rest % 10;
            }
        }
    }
    return count;
}

static unsigned digit_by_digit(const char *d, size_t n)
{
    unsigned count = 0;
    for (size_t i = 0; i < n; i++)
        count += small_numbers[d[i] - '0'];
    return count;
}

/* d[0..n) are digits only. */
static unsigned cardinal(const char *d, size_t n, bool ordinal)
{
    if (n == 0)
        return 0;
    if (n > MAX_CARDINAL_DIGITS || (n > 1 && d[0] == '0'))
        return digit_by_digit(d, n);
    if (n == 1 && d[0] == '0')
        return 2; /* the only zero left: no leading zeros past here */
    /* Groups of three digits from the left, each but the last followed by
       its scale word (thousand, million, billion, trillion: two syllables
       each); read off the digits, so no division is needed. */
    unsigned count = 0, last_part = 0;
    size_t start = 0, end = n % 3 ? n % 3 : 3;
    for (size_t level = (n - 1) / 3;; level--) {
        unsigned chunk = 0;
        for (size_t i = start; i < end; i++)
            chunk = chunk * 10 + (unsigned)(d[i] - '0');
        if (chunk) {
            count += below_thousand(chunk, &last_part);
            if (level > 0) {
                count += 2;
                last_part = 1000;
            }
        }
        if (level == 0)
            break;
        start = end;
        end += 3;
    }
    if (ordinal && (last_part == 2 || (last_part >= 20 && last_part < 100)))
        count++; /* second, twentieth */
    return count;
}

/* Whether tok[0..len) is digits only: the commonest number (a year, a
   count), which the rules below read as one cardinal. */
static bool all_digits(const char *tok, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_digit(tok[i]))
            return false;
    return true;
}

unsigned rs__syllables_number(const char *tok, size_t len)
{
    if (len <= MAX_CARDINAL_DIGITS && all_digits(tok, len))
        return cardinal(tok, len, false);
    char digits[MAX_CARDINAL_DIGITS + 1];
    unsigned count = 0;
    size_t parts = 0, dots = 0;
    for (size_t i = 0; i < len; i++)
        if (tok[i] == '.' && i + 1 < len && is_digit(tok[i + 1]))
            dots++;

    size_t i = 0;
    while (i < len && (is_digit(tok[i]) || tok[i] == ',' || tok[i] == '.')) {
        /* One part: digits up to the next '.'; commas only group them. */
        size_t nd = 0, total = 0;
        unsigned long_count = 0;
        while (i < len && (is_digit(tok[i]) || tok[i] == ',')) {
            if (is_digit(tok[i])) {
                if (nd < sizeof digits)
                    digits[nd++] = tok[i];
                long_count += small_numbers[tok[i] - '0'];
                total++;
            }
            i++;
        }
        bool last = !(i < len && tok[i] == '.' && i + 1 < len && is_digit(tok[i + 1]));
        bool ordinal = false, plural = false;
        if (last && i + 2 <= len) {
            char a = (char)(tok[i] | 0x20), b = (char)(tok[i + 1] | 0x20);
            bool suffix_ends = i + 2 == len || !((tok[i + 2] | 0x20) >= 'a' && (tok[i + 2] | 0x20) <= 'z');
            ordinal = suffix_ends && ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                                      (a == 'r' && b == 'd') || (a == 't' && b == 'h'));
        }
        if (last && i < len && (tok[i] | 0x20) == 's' && (i + 1 == len || !((tok[i + 1] | 0x20) >= 'a' && (tok[i + 1] | 0x20) <= 'z')))
            plural = true;

        if (total > 0) {
            if (parts > 0)
                count += 1; /* point */
            if (total > MAX_CARDINAL_DIGITS)
                count += long_count;
            else if (dots == 1 && parts == 1)
                count += digit_by_digit(digits, nd);
            else
                count += cardinal(digits, nd, ordinal);
            if (plural && total <= MAX_CARDINAL_DIGITS && nd > 0 && digits[nd - 1] == '6' &&
                !(nd >= 2 && digits[nd - 2] == '1'))
                count++; /* sixes */
            parts++;
        } else if (parts == 0 && i < len && tok[i] == '.' && dots > 0) {
            parts++; /* ".5": "point five" */
        }
        if (ordinal) {
            i += 2;
            break;
        }
        if (plural) {
            i += 1;
            break;
        }
        if (i < len && tok[i] == '.')
            i++;
        else
            break;
    }
    /* Trailing letters, read as a word of their own. */
    char rest[WORD_BUFFER];
    size_t nr = 0;
    for (; i < len; i++) {
        char c = tok[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((is_lower(c) || is_digit(c) || c == '\'' || c == '-') && nr < sizeof rest)
            rest[nr++] = c;
        else if (nr > 0) {
            count += rs__syllables_ascii(rest, nr);
            nr = 0;
        }
    }
    if (nr > 0)
        count += rs__syllables_ascii(rest, nr);
    return count;
}

/* ------------------------------------------------------------------ */
/* Normalised ASCII words                                               */

static unsigned count_token(const char *w, size_t n, rs__syllable_lookup_fn lookup);

/* Digits inside a word: covid19, mp3. */
static unsigned count_mixed(const char *w, size_t n, rs__syllable_lookup_fn lookup)
{
    unsigned count = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        bool digits = is_digit(w[i]);
        while (j < n && is_digit(w[j]) == digits)
            j++;
        if (digits && j == i)
            break;
        if (digits)
            count += cardinal(w + i, j - i, false);
        else
            count += count_token(w + i, j - i, lookup);
        i = j;
    }
    return count;
}

static unsigned count_apostrophe(const char *w, size_t n, size_t apos, rs__syllable_lookup_fn lookup)
{
    /* The possessive 's: church's adds a syllable, China's does not. */
    if (apos + 2 == n && w[n - 1] == 's' && apos > 0) {
        unsigned stem = count_token(w, apos, lookup);
        return stem + (sibilant_end(w, apos) ? 1u : 0u);
    }
    /* -n't: did-n't is a syllable, do-n't is not. */
    if (apos + 2 == n && w[n - 1] == 't' && apos >= 2 && w[apos - 1] == 'n') {
        unsigned stem = count_token(w, apos - 1, lookup);
        char c = w[apos - 2];
        return stem + ((!is_aeiou(c) && c != 'y') || c == 'e' ? 1u : 0u);
    }
    /* 'll 're 've 'd 'm join the syllable before; elsewhere (o'clock,
       'cause) the apostrophe is just dropped. */
    char joined[WORD_BUFFER];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof joined; i++)
        if (w[i] != '\'')
            joined[k++] = w[i];
    return count_token(joined, k, lookup);
}

static unsigned count_token(const char *w, size_t n, rs__syllable_lookup_fn lookup)
{
    /* The table first: it holds forms like goin' and 'cause. */
    if (lookup) {
        int v = lookup(w, n);
        if (v >= 0)
            return v > 0 ? (unsigned)v : 1u;
    }
    while (n > 0 && (w[0] == '-' || w[0] == '\''))
        w++, n--;
    while (n > 0 && (w[n - 1] == '-' || (w[n - 1] == '\'' && !(n >= 2 && w[n - 2] == 's'))))
        n--;
    if (n == 0)
        return 0;
    size_t hyphen = n, apos = n;
    bool digits = false, letters = false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c == '-' && hyphen == n)
            hyphen = i;
        else if (c == '\'')
            apos = i;
        else if (is_digit(c))
            digits = true;
        else if (is_lower(c))
            letters = true;
    }
    if (hyphen < n)
        return count_token(w, hyphen, lookup) + count_token(w + hyphen + 1, n - hyphen - 1, lookup);
    if (digits)
        return letters ? count_mixed(w, n, lookup) : rs__syllables_number(w, n);
    if (apos < n)
        return count_apostrophe(w, n, apos, lookup);
    if (!letters)
        return 0;
    return word_rules(w, n, false);
}

static unsigned stream_count(const char *word, size_t len);

unsigned rs__syllables_with(const char *lower, size_t len, rs__syllable_lookup_fn lookup)
{
    if (!lower)
        return 0;
    /* Bounds the recursion on stems and hyphenated parts; nothing this long
       is an English word. */
    if (len > WORD_BUFFER)
        return stream_count(lower, len);
    return count_token(lower, len, lookup);
}

unsigned rs__syllables_rules(const char *lower, size_t len)
{
    return rs__syllables_with(lower, len, NULL);
}

unsigned rs__syllables_ascii(const char *lower, size_t len)
{
    return rs__syllables_with(lower, len, rs__syllable_exception);
}

/* ------------------------------------------------------------------ */
/* Any UTF-8                                                            */

/* Vowels of the Cyrillic and Greek alphabets (lowercase, marks stripped),
   for words with no Latin letters. */
static bool foreign_vowel(utf8proc_int32_t c)
{
    switch (c) {
    case 0x0430: case 0x0435: case 0x0451: case 0x0438: case 0x043E: case 0x0443:
    case 0x044B: case 0x044D: case 0x044E: case 0x044F: case 0x0456: case 0x0457:
    case 0x0454: case 0x0439: /* а е ё и о у ы э ю я і ї є (й is stripped to и) */
    case 0x03B1: case 0x03B5: case 0x03B7: case 0x03B9: case 0x03BF: case 0x03C5:
    case 0x03C9: /* α ε η ι ο υ ω */
        return true;
    default:
        return false;
    }
}

/* Letters with no decomposition that still read as Latin letters. */
static const char *latin_extra(utf8proc_int32_t c)
{
    switch (c) {
    case 0x00E6: return "ae"; /* æ */
    case 0x0153: return "oe"; /* œ */
    case 0x00F8: return "o";  /* ø */
    case 0x0111: return "d";  /* đ */
    case 0x0142: return "l";  /* ł */
    case 0x0131: return "i";  /* dotless i */
    case 0x00FE: return "th"; /* þ */
    case 0x00F0: return "d";  /* ð */
    case 0x00DF: return "ss"; /* ß */
    default: return NULL;
    }
}

static bool is_letter(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* A word too long for the buffer: vowel groups over its ASCII letters and
   the foreign vowels, at least one if it has any letter or digit. */
static unsigned stream_count(const char *word, size_t len)
{
    unsigned count = 0;
    bool in_group = false, any = false;
    utf8proc_ssize_t i = 0;
    while ((size_t)i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + i, (utf8proc_ssize_t)(len - (size_t)i), &c);
        if (k <= 0) {
            i++;
            in_group = false;
            continue;
        }
        i += k;
        if (c < 0x80 && c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        bool vowel = (c < 0x80 && (is_aeiou((char)c) || c == 'y')) || foreign_vowel(utf8proc_tolower(c));
        if (vowel && !in_group)
            count++;
        in_group = vowel;
        if (c < 0x80 ? (is_lower((char)c) || is_digit((char)c)) : is_letter(c))
            any = true;
    }
    return count ? count : (any ? 1u : 0u);
}

unsigned rs_syllables(const char *word, size_t len)
{
    if (!word || len == 0)
        return 0;
    if (is_digit(word[0]) || (word[0] == '.' && len > 1 && is_digit(word[1]))) {
        size_t i = 0;
        while (i < len && (is_digit(word[i]) || word[i] == ',' || word[i] == '.'))
            i++;
        while (i < len && ((word[i] | 0x20) >= 'a' && (word[i] | 0x20) <= 'z'))
            i++;
        if (i == len)
            return rs__syllables_number(word, len);
    }

    char buf[WORD_BUFFER];
    size_t n = 0;
    bool latin = false;
    unsigned foreign_groups = 0;
    bool foreign_letters = false, in_foreign_group = false;
    utf8proc_ssize_t i = 0;
    while ((size_t)i < len) {
        unsigned char byte = (unsigned char)word[i];
        if (byte < 0x80) { /* the fast path: plain ASCII */
            char a = (char)byte;
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (is_lower(a) || is_digit(a))
                latin = true;
            else if (a != '\'')
                a = '-'; /* any other mark separates parts: U.S. */
            if (n == sizeof buf)
                return stream_count(word, len);
            buf[n++] = a;
            in_foreign_group = false;
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + i, (utf8proc_ssize_t)(len - (size_t)i), &c);
        if (k <= 0) {
            k = 1;
            c = '-';
        }
        i += k;
        utf8proc_int32_t parts[8];
        utf8proc_ssize_t np = 1;
        parts[0] = c;
        if (c >= 0x80) {
            if (c == 0x2019 || c == 0x2018 || c == 0x02BC) {
                parts[0] = '\'';
            } else if (c == 0x2010 || c == 0x2011) {
                parts[0] = '-';
            } else {
                np = utf8proc_decompose_char(c, parts, 8,
                                             UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
                                             NULL);
                if (np < 0 || np > 7) {
                    parts[0] = c;
                    np = 1;
                } else if ((c == 0x00E9 || c == 0x00C9) && (size_t)i == len) {
                    /* A final é is sounded (café, résumé): "ee" keeps the
                       rules from reading it as a silent e. */
                    parts[np++] = 'e';
                }
            }
        }
        for (utf8proc_ssize_t p = 0; p < np; p++) {
            utf8proc_int32_t d = parts[p];
            const char *extra = d >= 0x80 ? latin_extra(d) : NULL;
            if (d >= 'A' && d <= 'Z')
                d += 'a' - 'A';
            if (d < 0x80 || extra) {
                const char *s = extra;
                char one[2] = {(char)d, 0};
                if (!s) {
                    if (!(is_lower((char)d) || is_digit((char)d) || d == '\''))
                        one[0] = '-'; /* any other mark separates parts: U.S. */
                    s = one;
                }
                for (; *s; s++) {
                    if (n == sizeof buf)
                        return stream_count(word, len);
                    buf[n++] = *s;
                    if (is_lower(*s) || is_digit(*s))
                        latin = true;
                }
                in_foreign_group = false;
            } else if (is_letter(d)) {
                foreign_letters = true;
                bool vowel = foreign_vowel(d);
                if (vowel && !in_foreign_group)
                    foreign_groups++;
                in_foreign_group = vowel;
            } else {
                in_foreign_group = false;
            }
        }
    }
    if (latin)
        return rs__syllables_ascii(buf, n);
    if (foreign_letters)
        return foreign_groups ? foreign_groups : 1;
    return 0;
}
