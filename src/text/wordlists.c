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

/*
 * Both lists follow the same rules, so the rules run once for both: each
 * step takes the lists still wanted (RS_LIST_* bits) and returns those it
 * found the word on.
 */
static unsigned lookup_lists(const char *w, size_t n, unsigned want)
{
    unsigned found = 0;
    if ((want & RS_LIST_DALE_CHALL) && rs__dale_chall_lookup(w, n) == 1)
        found |= RS_LIST_DALE_CHALL;
    if ((want & RS_LIST_SPACHE) && rs__spache_lookup(w, n) == 1)
        found |= RS_LIST_SPACHE;
    return found;
}

/* lookup_lists() of w[0..n) followed by the byte tail. */
static unsigned lookup_lists_then(const char *w, size_t n, unsigned char tail, unsigned want)
{
    unsigned found = 0;
    if ((want & RS_LIST_DALE_CHALL) && rs__dale_chall_lookup_then(w, n, tail) == 1)
        found |= RS_LIST_DALE_CHALL;
    if ((want & RS_LIST_SPACHE) && rs__spache_lookup_then(w, n, tail) == 1)
        found |= RS_LIST_SPACHE;
    return found;
}

/* The lists that hold w[0..stem) followed by tail (if comparable, when asked).
   Most bases are a prefix of w, or one plus a letter ("happi" + "y", "mr" +
   "."), looked up where they are. */
static unsigned base_listed(unsigned want, const char *w, size_t stem, const char *tail,
                            bool need_comparable)
{
    char buf[WORD_BUF];
    size_t tail_len = tail[0] ? strlen(tail) : 0;
    size_t len = stem + tail_len;
    if (!want || len < MIN_BASE || len > sizeof buf)
        return 0;
    if (tail_len == 0)
        return need_comparable && !is_comparable(w, stem) ? 0 : lookup_lists(w, stem, want);
    if (tail_len == 1 && !need_comparable)
        return lookup_lists_then(w, stem, (unsigned char)tail[0], want);
    memcpy(buf, w, stem);
    memcpy(buf + stem, tail, tail_len);
    if (need_comparable && !is_comparable(buf, len))
        return 0;
    return lookup_lists(buf, len, want);
}

/* Tries each way of reading w as an inflection in turn, asking each only
   for the lists not yet found. */
typedef struct lists_search {
    unsigned want, found;
} lists_search;

static bool try_base(lists_search *q, const char *w, size_t stem, const char *tail,
                     bool need_comparable)
{
    q->found |= base_listed(q->want & ~q->found, w, stem, tail, need_comparable);
    return q->found == q->want;
}

static void listed(lists_search *q, const char *w, size_t n)
{
    q->found |= lookup_lists(w, n, q->want & ~q->found);
    /* "mr" -> "mr.": see the file comment.  Every word asks, so the base
       is looked up directly (try_base()'s checks, without its cost). */
    if (q->found != q->want && n > 0 && w[n - 1] != '.' && n + 1 >= MIN_BASE && n + 1 <= WORD_BUF)
        q->found |= lookup_lists_then(w, n, '.', q->want & ~q->found);
}

static void plural_or_third_person(lists_search *q, const char *w, size_t n)
{
    if (!ends_with(w, n, "s") || ends_with(w, n, "ss"))
        return;
    if (try_base(q, w, n - 1, "", false))
        return;
    if (ends_with(w, n, "ies") && try_base(q, w, n - 3, "y", false))
        return;
    if (ends_with(w, n, "es")) {
        size_t b = n - 2;
        bool sibilant_or_o = ends_with(w, b, "s") || ends_with(w, b, "x") ||
                             ends_with(w, b, "z") || ends_with(w, b, "ch") ||
                             ends_with(w, b, "sh") || ends_with(w, b, "o");
        if (sibilant_or_o)
            try_base(q, w, b, "", false);
    }
}

static void past_form(lists_search *q, const char *w, size_t n)
{
    if (!ends_with(w, n, "ed"))
        return;
    size_t b = n - 2;
    if (try_base(q, w, b, "", false) ||          /* played */
        try_base(q, w, n - 1, "", false))        /* liked */
        return;
    if (ends_doubled_consonant(w, b) && try_base(q, w, b - 1, "", false))
        return;
    if (ends_with(w, n, "ied"))
        try_base(q, w, n - 3, "y", false);
}

static void present_participle(lists_search *q, const char *w, size_t n)
{
    if (!ends_with(w, n, "ing"))
        return;
    size_t b = n - 3;
    if (try_base(q, w, b, "", false) ||          /* playing */
        try_base(q, w, b, "e", false))           /* making */
        return;
    if (ends_doubled_consonant(w, b) && try_base(q, w, b - 1, "", false))
        return;
    if (ends_with(w, n, "ying"))
        try_base(q, w, n - 4, "ie", false);
}

static void past_participle_n(lists_search *q, const char *w, size_t n)
{
    if (!(ends_with(w, n, "wn") || ends_with(w, n, "en")) || n - 1 < 3)
        return;
    /* ripen, widen: -en verbs made from adjectives, not participles. */
    if (is_comparable(w, n - 1))
        return;
    try_base(q, w, n - 1, "", false);
}

/* -er or -est on a comparable listed adjective. */
static void comparison(lists_search *q, const char *w, size_t n, const char *suffix)
{
    if (!ends_with(w, n, suffix))
        return;
    size_t b = n - strlen(suffix);
    if (try_base(q, w, b, "", true) ||           /* taller */
        try_base(q, w, b + 1, "", true))         /* nicer: "nice" + r */
        return;
    if (ends_doubled_consonant(w, b) && try_base(q, w, b - 1, "", true))
        return;
    if (b > 0 && w[b - 1] == 'i')
        try_base(q, w, b - 1, "y", true);
}

static void ly_adverb(lists_search *q, const char *w, size_t n)
{
    if (!ends_with(w, n, "ly"))
        return;
    if (try_base(q, w, n - 2, "", false))        /* quickly */
        return;
    if (ends_with(w, n, "uly") && try_base(q, w, n - 2, "e", false))    /* truly */
        return;
    if (ends_with(w, n, "lly") && try_base(q, w, n - 1, "", true))      /* fully */
        return;
    if (n >= 3 && !is_vowel(w[n - 3]) && try_base(q, w, n - 1, "e", false)) /* gently */
        return;
    if (ends_with(w, n, "ily"))
        try_base(q, w, n - 3, "y", false);                              /* happily */
}

static unsigned inflected_or_listed(unsigned want, const char *w, size_t n)
{
    lists_search q = {want, 0};
    void (*const steps[])(lists_search *, const char *, size_t) = {
        listed, plural_or_third_person, past_form, present_participle, past_participle_n,
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && q.found != q.want; i++)
        steps[i](&q, w, n);
    if (q.found != q.want)
        comparison(&q, w, n, "er");
    if (q.found != q.want)
        comparison(&q, w, n, "est");
    if (q.found != q.want)
        ly_adverb(&q, w, n);
    return q.found;
}

static unsigned familiar_part(unsigned want, const char *w, size_t n)
{
    if (n == 0)
        return 0;
    unsigned found = inflected_or_listed(want, w, n);
    if (found == want)
        return found;
    /* Possessives: "boy's" -> boy, "boys'" -> boys -> boy. */
    if (ends_with(w, n, "'s"))
        found |= inflected_or_listed(want & ~found, w, n - 2);
    else if (ends_with(w, n, "s'"))
        found |= inflected_or_listed(want & ~found, w, n - 1);
    return found;
}

unsigned rs__familiar_lists(const char *lower, size_t len, unsigned want)
{
    if (lower == NULL || len == 0 || len >= WORD_BUF || !want)
        return 0;
    unsigned found = familiar_part(want, lower, len);
    unsigned rest = want & ~found;
    if (!rest || memchr(lower, '-', len) == NULL)
        return found;
    /* a hyphenated word is on a list when every part is */
    size_t start = 0;
    for (size_t i = 0; i <= len && rest; i++) {
        if (i == len || lower[i] == '-') {
            rest &= familiar_part(rest, lower + start, i - start);
            start = i + 1;
        }
    }
    return found | rest;
}

bool rs__dale_chall_familiar(const char *lower, size_t len)
{
    return rs__familiar_lists(lower, len, RS_LIST_DALE_CHALL) != 0;
}

bool rs__spache_familiar(const char *lower, size_t len)
{
    return rs__familiar_lists(lower, len, RS_LIST_SPACHE) != 0;
}
