/*
 * wordlists.c: is a word "familiar" for the Dale-Chall or the Spache formula?
 *
 * Dale & Chall (1948), "A Formula for Predicting Readability: Instructions",
 * Educational Research Bulletin 27(2):37-54, count as familiar not only the
 * listed words but also their regular plurals and possessives, third-person
 * -s/-ies, present participles (-ing), past participles (-n) and past tenses
 * (-ed/-ied) of listed verbs, comparatives and superlatives of listed
 * adjectives, and adverbs made by adding -ly to a listed word (summary in
 * textstat issue #150).  The New Dale-Chall formula (1995) and readstat apply
 * the same rules; readstat applies them to the Spache list too.
 *
 * The rules act on spelling alone, one step away from a listed word (plus a
 * possessive), so they are deliberately narrow:
 *  - every base reached must itself be on the list and have >= 2 letters, so
 *    "is" is not read as the plural of the Spache letter "i";
 *  - -es is stripped only after s, x, z, ch, sh and o (boxes, wishes, goes);
 *  - -n is taken as a participle only after w or e (known, drawn, taken);
 *    -en is not (it would make "sharpen" an inflection of "sharp");
 *  - -er/-est count only when the base is in comparable_adjectives below,
 *    because without part-of-speech data most -er words with a listed base
 *    are agent nouns (builder, walker), which the rules do not cover;
 *  - hyphenated words are familiar when every part is (our choice: the
 *    lists hold a few hyphenated entries such as "good-looking", which are
 *    matched whole first).
 * Known imprecision, accepted (measured against Debian's wamerican word list,
 * 83,817 lowercase words: 8,076 unlisted words pass as inflections, nearly all
 * genuine): spelling cannot tell an inflection from a look-alike, so a few
 * unlisted words pass through a listed base, e.g. "haven" (have + n), "pawn"
 * (paw + n), "apply" (apple + ly), "tally" (tall + ly), "dimer" (dim + er),
 * "theses" (these + s).  Irregular forms (children, went, better) count only
 * when listed; "wholly", "oily" and other spelling changes are missed.
 *
 * The list holds "mr." and "mrs." with their dot; tokenizers usually cut the
 * dot, so a failed lookup is retried with one appended.
 */
#include "text/wordlists.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int (*list_lookup_fn)(const char *key, size_t len);

/* Longer than any listed word plus any suffix: longer words cannot match. */
enum { WORD_BUF = 64, MIN_BASE = 2 };

/*
 * Listed adjectives (Dale-Chall and Spache) that form -er/-est comparisons;
 * also the only bases allowed for -ly after -ll (fully, dully; not belly, bully).
 * Chosen as the list words that WordNet 3.0 (Debian wordnet-base) has as
 * adjectives and whose superlative is in Debian's wamerican dictionary, then
 * pruned by hand of nouns and verbs that only look comparable (cut, live,
 * game, open, minute...).  Sorted for bsearch.
 */
static const char *const comparable_adjectives[] = {
    "able", "airy", "angry", "bad", "bare", "base", "big", "bitter", "black",
    "blank", "blind", "blue", "bold", "brave", "bright", "broad", "brown",
    "busy", "cheap", "chilly", "clean", "clear", "clever", "close", "cloudy",
    "cold", "cool", "cozy", "cranky", "crazy", "creamy", "cross", "cruel",
    "curly", "cute", "damp", "dark", "dead", "deaf", "dear", "deep", "dim",
    "dirty", "drowsy", "drunk", "dry", "dull", "dumb", "dusty", "eager",
    "early", "easy", "empty", "evil", "fair", "false", "fancy", "fast", "fat",
    "few", "fierce", "fine", "fit", "flat", "foggy", "fond", "free", "fresh",
    "friendly", "full", "funny", "fuzzy", "gay", "gentle", "glad", "grand",
    "grave", "gray", "great", "green", "happy", "hard", "hasty", "healthy",
    "heavy", "high", "hilly", "hollow", "holy", "homely", "honest", "hot",
    "huge", "humble", "hungry", "icy", "jolly", "juicy", "just", "keen",
    "kind", "kindly", "lame", "large", "late", "lazy", "lean", "light",
    "likely", "limp", "little", "lively", "lonely", "long", "loose", "loud",
    "lovely", "low", "lucky", "mad", "mean", "merry", "mighty", "misty",
    "muddy", "narrow", "nasty", "naughty", "near", "neat", "new", "nice",
    "noisy", "odd", "old", "pale", "pink", "plain", "pleasant", "polite",
    "poor", "pretty", "proud", "pure", "purple", "queer", "quick", "quiet",
    "rainy", "raw", "ready", "rich", "ripe", "rocky", "rough", "round",
    "rusty", "sad", "safe", "sandy", "shady", "sharp", "shiny", "short",
    "shy", "sick", "silly", "simple", "sleepy", "slippery", "slow", "sly",
    "small", "smart", "smooth", "snowy", "snug", "soft", "sore", "sorry",
    "sound", "sour", "square", "steep", "sticky", "stiff", "still", "stormy",
    "straight", "strange", "strong", "sunny", "sure", "sweet", "swell",
    "swift", "tall", "tame", "thick", "thin", "thirsty", "tight", "tiny",
    "true", "ugly", "unfair", "unfriendly", "unhappy", "unkind", "warm",
    "weak", "weary", "wee", "wet", "white", "wide", "wild", "windy", "wise",
    "wrong", "yellow", "young",
};

typedef struct key_view {
    const char *s;
    size_t len;
} key_view;

static int compare_key_to_entry(const void *key, const void *entry)
{
    const key_view *k = key;
    const char *e = *(const char *const *)entry;
    size_t elen = strlen(e);
    size_t n = k->len < elen ? k->len : elen;
    int c = memcmp(k->s, e, n);
    if (c != 0)
        return c;
    return (k->len > elen) - (k->len < elen);
}

static bool is_comparable(const char *s, size_t len)
{
    key_view k = {s, len};
    return bsearch(&k, comparable_adjectives,
                   sizeof comparable_adjectives / sizeof comparable_adjectives[0],
                   sizeof comparable_adjectives[0], compare_key_to_entry) != NULL;
}

static bool ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* "stopp" -> "stop": the final consonant doubled before -ed, -ing, -er. */
static bool ends_doubled_consonant(const char *w, size_t n)
{
    return n >= 3 && w[n - 1] == w[n - 2] && w[n - 1] >= 'a' && w[n - 1] <= 'z' &&
           !is_vowel(w[n - 1]);
}

/* Is w[0..stem) followed by tail a listed word (and comparable, if asked)? */
static bool base_listed(list_lookup_fn lookup, const char *w, size_t stem, const char *tail,
                        bool need_comparable)
{
    char buf[WORD_BUF];
    size_t tail_len = strlen(tail);
    size_t len = stem + tail_len;
    if (len < MIN_BASE || len > sizeof buf)
        return false;
    memcpy(buf, w, stem);
    memcpy(buf + stem, tail, tail_len);
    if (need_comparable && !is_comparable(buf, len))
        return false;
    return lookup(buf, len) == 1;
}

static bool listed(list_lookup_fn lookup, const char *w, size_t n)
{
    if (lookup(w, n) == 1)
        return true;
    /* "mr" -> "mr.": see the file comment. */
    return n > 0 && w[n - 1] != '.' && base_listed(lookup, w, n, ".", false);
}

static bool plural_or_third_person(list_lookup_fn lookup, const char *w, size_t n)
{
    if (!ends_with(w, n, "s") || ends_with(w, n, "ss"))
        return false;
    if (base_listed(lookup, w, n - 1, "", false))
        return true;
    if (ends_with(w, n, "ies") && base_listed(lookup, w, n - 3, "y", false))
        return true;
    if (ends_with(w, n, "es")) {
        size_t b = n - 2;
        bool sibilant_or_o = ends_with(w, b, "s") || ends_with(w, b, "x") ||
                             ends_with(w, b, "z") || ends_with(w, b, "ch") ||
                             ends_with(w, b, "sh") || ends_with(w, b, "o");
        if (sibilant_or_o && base_listed(lookup, w, b, "", false))
            return true;
    }
    return false;
}

static bool past_form(list_lookup_fn lookup, const char *w, size_t n)
{
    if (!ends_with(w, n, "ed"))
        return false;
    size_t b = n - 2;
    return base_listed(lookup, w, b, "", false) ||         /* played */
           base_listed(lookup, w, n - 1, "", false) ||     /* liked */
           (ends_doubled_consonant(w, b) && base_listed(lookup, w, b - 1, "", false)) ||
           (ends_with(w, n, "ied") && base_listed(lookup, w, n - 3, "y", false));
}

static bool present_participle(list_lookup_fn lookup, const char *w, size_t n)
{
    if (!ends_with(w, n, "ing"))
        return false;
    size_t b = n - 3;
    return base_listed(lookup, w, b, "", false) ||         /* playing */
           base_listed(lookup, w, b, "e", false) ||        /* making */
           (ends_doubled_consonant(w, b) && base_listed(lookup, w, b - 1, "", false)) ||
           (ends_with(w, n, "ying") && base_listed(lookup, w, n - 4, "ie", false));
}

static bool past_participle_n(list_lookup_fn lookup, const char *w, size_t n)
{
    if (!(ends_with(w, n, "wn") || ends_with(w, n, "en")) || n - 1 < 3)
        return false;
    /* ripen, widen: -en verbs made from adjectives, not participles. */
    if (is_comparable(w, n - 1))
        return false;
    return base_listed(lookup, w, n - 1, "", false);
}

/* -er (suffix_len 2) or -est (3) on a comparable listed adjective. */
static bool comparison(list_lookup_fn lookup, const char *w, size_t n, const char *suffix)
{
    if (!ends_with(w, n, suffix))
        return false;
    size_t b = n - strlen(suffix);
    return base_listed(lookup, w, b, "", true) ||          /* taller */
           base_listed(lookup, w, b + 1, "", true) ||      /* nicer: "nice" + r */
           (ends_doubled_consonant(w, b) && base_listed(lookup, w, b - 1, "", true)) ||
           (b > 0 && w[b - 1] == 'i' && base_listed(lookup, w, b - 1, "y", true));
}

static bool ly_adverb(list_lookup_fn lookup, const char *w, size_t n)
{
    if (!ends_with(w, n, "ly"))
        return false;
    return base_listed(lookup, w, n - 2, "", false) ||     /* quickly */
           (ends_with(w, n, "uly") && base_listed(lookup, w, n - 2, "e", false)) || /* truly */
           (ends_with(w, n, "lly") && base_listed(lookup, w, n - 1, "", true)) ||   /* fully */
           (n >= 3 && !is_vowel(w[n - 3]) && base_listed(lookup, w, n - 1, "e", false)) || /* gently */
           (ends_with(w, n, "ily") && base_listed(lookup, w, n - 3, "y", false));   /* happily */
}

static bool inflected_or_listed(list_lookup_fn lookup, const char *w, size_t n)
{
    return listed(lookup, w, n) || plural_or_third_person(lookup, w, n) ||
           past_form(lookup, w, n) || present_participle(lookup, w, n) ||
           past_participle_n(lookup, w, n) || comparison(lookup, w, n, "er") ||
           comparison(lookup, w, n, "est") || ly_adverb(lookup, w, n);
}

static bool familiar_part(list_lookup_fn lookup, const char *w, size_t n)
{
    if (n == 0)
        return false;
    if (inflected_or_listed(lookup, w, n))
        return true;
    /* Possessives: "boy's" -> boy, "boys'" -> boys -> boy. */
    if (ends_with(w, n, "'s"))
        return inflected_or_listed(lookup, w, n - 2);
    if (ends_with(w, n, "s'"))
        return inflected_or_listed(lookup, w, n - 1);
    return false;
}

static bool familiar(list_lookup_fn lookup, const char *w, size_t n)
{
    if (n == 0 || n >= WORD_BUF)
        return false;
    if (familiar_part(lookup, w, n))
        return true;
    const char *hyphen = memchr(w, '-', n);
    if (hyphen == NULL)
        return false;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || w[i] == '-') {
            if (!familiar_part(lookup, w + start, i - start))
                return false;
            start = i + 1;
        }
    }
    return true;
}

bool rs__dale_chall_familiar(const char *lower, size_t len)
{
    return lower != NULL && familiar(rs__dale_chall_lookup, lower, len);
}

bool rs__spache_familiar(const char *lower, size_t len)
{
    return lower != NULL && familiar(rs__spache_lookup, lower, len);
}
