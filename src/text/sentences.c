/*
 * The sentence splitter.  A sentence ends at . ! ? … and their CJK forms,
 * together with the closing quotes and brackets after them, unless the
 * context says the mark is something else:
 *  - an abbreviation (Mr., e.g., U.S.) or an initial (J. R. R. Tolkien),
 *    which end a sentence only when a typical sentence opener follows;
 *  - a mark followed by a lower-case word ("Yahoo! in", "'great.' she said");
 *  - a period followed by a digit (p. 55) or a decimal (the tokenizer keeps
 *    3.14 whole), a link or an address (kept whole too);
 *  - an ellipsis in mid-sentence (". . ." and "[...]" never end one; "..."
 *    and "…" do before a capital; four dots are an ellipsis plus a period).
 * A numbered or lettered list marker ("2.", "b)", "iii.") that continues a
 * run of markers, or follows a bullet, starts a new sentence; so does a
 * bullet.  A line of at most three words with no final punctuation and no
 * trailing blank ends a sentence at its line break (short lists pasted as
 * lines); longer lines are taken to be hard-wrapped prose.
 *
 * A part of a block cut in two is split from the state where the part
 * before it left off (rs__split_sentences_carried): this file built again
 * as sentences_carried.c, with RS_SPLIT_CARRIED.  Only that build reads
 * the state (CARRIED_FROM); here it is NULL, and a whole block, nearly
 * every one, pays nothing for parts.
 */
#include "text/sentences.h"

#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "core/hints.h"
#include "text/charclass.h"

#ifdef RS_SPLIT_CARRIED
#define CARRIED_FROM(sp) ((sp)->from)
#else
#define CARRIED_FROM(sp) ((const rs__sentence_carry *)NULL)
#endif

typedef struct splitter {
    const rs_allocator *alloc;
    const char *text;
    const rs__token *toks;
    size_t n;
    rs__span_vec *out;
    /* the sentence being read */
    size_t first;   /* its first token, or RS_NONE */
    /* Its words are counted only when a rule asks, and only as far as the
       rules look (none, or more than three): `words` in tokens
       [first, counted). */
    size_t words, counted;
    /* list markers seen so far in this block (0: none) */
    int last_number, last_alpha, last_roman;
    /* a bullet or a list marker seen in this block: only then may a word
       inside a sentence be a marker */
    bool lists;
    /* tokens [marker_skip_from, marker_skip_to] are a marker's punctuation */
    size_t marker_skip_from, marker_skip_to;
#ifdef RS_SPLIT_CARRIED
    /* where the part starts: it may go on with a sentence begun before it,
       which is then the one at token 0 (NULL: a whole block, whose start
       is a line's, and opens a list) */
    const rs__sentence_carry *from;
#endif
} splitter;

static void start_sentence(splitter *sp, size_t i)
{
    sp->first = sp->counted = i;
    sp->words = 0;
}

/* The rules ask whether a sentence has a word, or more than three. */
enum { MANY_WORDS = 4 };

/* The words a part's sentence at token 0 had before the part. */
static inline size_t carried_words(const rs__sentence_carry *from)
{
    return from && from->continues ? from->words : 0;
}

/*
 * The words of the sentence before token `to`, counted as far as `enough`
 * (the count is then at least `enough`).  Rules ask at rising tokens, so
 * this goes on from where the last count stopped; a count that went past
 * `to` starts over, once at most for a sentence.
 */
static size_t words_before(splitter *sp, size_t to, size_t enough)
{
    if (sp->first == RS_NONE)
        return 0;
    if (to < sp->counted) {
        sp->counted = sp->first;
        sp->words = sp->first == 0 ? carried_words(CARRIED_FROM(sp)) : 0;
    }
    const rs__token *toks = sp->toks;
    size_t k = sp->counted, words = sp->words;
    for (; words < enough && k < to; k++)
        words += toks[k].type == RS_TOK_WORD;
    sp->counted = k;
    sp->words = words;
    return words;
}

/* Lower-cased ASCII copy of a word, without a final period; "" if not ASCII. */
static size_t word_key(const splitter *sp, const rs__token *t, char *buf, size_t cap)
{
    size_t len = t->end - t->start;
    if (t->flags & RS_TF_DOTTED)
        len--;
    if (len >= cap)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)sp->text[t->start + i];
        if (c >= 0x80)
            return 0;
        buf[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    buf[len] = '\0';
    return len;
}

/*
 * The word lists: fixed-size entries in sorted order, so that a key longer
 * than the widest entry is settled by its length, and the others by a
 * binary search of fixed-size compares (keys are zero-padded like the
 * entries).  Keep them sorted.
 */
enum { SHORT_WORD = 8, OPENER_WORD = 10 };

/*
 * Eight bytes read as a big-endian number: zero-padded strings of up to
 * eight bytes then compare as numbers the way they compare as strings, so
 * a short list is searched with one compare a step.
 */
static inline uint64_t load_be64(const char *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
#else
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | (unsigned char)p[i];
    return v;
#endif
}

enum { NO_SHORT_KEY = 0 };

/*
 * A word of at most SHORT_WORD - 2 bytes (without a final period), the
 * most a listed word has, lower-cased ASCII and zero-padded, as load_be64
 * reads a list entry; NO_SHORT_KEY for a longer word or one that is not
 * ASCII.
 */
static inline uint64_t short_key(const splitter *sp, const rs__token *t)
{
    size_t len = t->end - t->start;
    if (t->flags & RS_TF_DOTTED)
        len--;
    if (len == 0 || len >= SHORT_WORD - 1)
        return NO_SHORT_KEY;
    const uint64_t ones = 0x0101010101010101ull, high = 0x80 * ones;
    uint64_t v;
    /* eight bytes are readable where the block holds them; else byte by byte */
    if (t->start + 8 <= sp->toks[sp->n - 1].end) {
        v = load_be64(sp->text + t->start) & (~0ull << (8 * (8 - len)));
    } else {
        v = 0;
        for (size_t i = 0; i < 8; i++)
            v = v << 8 | (i < len ? (unsigned char)sp->text[t->start + i] : 0u);
    }
    if (v & high)
        return NO_SHORT_KEY;
    /* every byte is below 0x80, so these sums carry into no other byte:
       the high bit of a byte of ge_a says it is >= 'A', of gt_z > 'Z' */
    uint64_t ge_a = v + (0x80 - 'A') * ones, gt_z = v + (0x80 - 'Z' - 1) * ones;
    return v | ((ge_a & ~gt_z & high) >> 2);
}

/*
 * Is key (zero-padded to width bytes) one of the count entries of the
 * sorted list of zero-padded width-byte entries at list?  Padded with
 * zeros, the entries compare as their strings do.
 */
static bool in_sorted_list(const char *key, const char *list, size_t width, size_t count)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unsigned char *e = (const unsigned char *)list + mid * width;
        /* most compares end at the first byte or two: no call for them */
        size_t i = 0;
        while (i < width && e[i] == (unsigned char)key[i])
            i++;
        if (i == width)
            return true;
        if (e[i] < (unsigned char)key[i])
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/*
 * The short words the rules name, with what each is, in one sorted list
 * (a word is looked up once, whatever it may be):
 *  - TITLE: written before a name, it ends a sentence only before a pronoun;
 *  - ABBREVIATION: any other, it ends a sentence before a typical opener;
 *  - PRONOUN: what may follow a title that ends a sentence.
 * The words have at most SHORT_WORD - 2 letters: the text and the kind
 * after it are read as one short key.  Keep the list sorted.
 */
enum { TITLE = 1, ABBREVIATION = 2, PRONOUN = 3 };

typedef struct short_word {
    char text[SHORT_WORD - 1];
    unsigned char kind;
} short_word;

_Static_assert(sizeof(short_word) == 8 && offsetof(short_word, kind) == 7,
               "a short word is read as one eight-byte key");

static const short_word short_words[] = {
    {"adm", TITLE}, {"al", ABBREVIATION}, {"approx", ABBREVIATION}, {"apr", ABBREVIATION},
    {"apt", ABBREVIATION}, {"assn", ABBREVIATION}, {"assoc", ABBREVIATION}, {"aug", ABBREVIATION},
    {"ave", ABBREVIATION}, {"blvd", ABBREVIATION}, {"bros", ABBREVIATION}, {"ca", ABBREVIATION},
    {"capt", TITLE}, {"cf", ABBREVIATION}, {"ch", ABBREVIATION}, {"chap", ABBREVIATION},
    {"cit", ABBREVIATION}, {"cmdr", TITLE}, {"co", ABBREVIATION}, {"col", TITLE},
    {"corp", ABBREVIATION}, {"cpl", TITLE}, {"cpt", TITLE}, {"dec", ABBREVIATION},
    {"dept", ABBREVIATION}, {"dr", TITLE}, {"ed", ABBREVIATION}, {"eds", ABBREVIATION},
    {"esp", ABBREVIATION}, {"est", ABBREVIATION}, {"etc", ABBREVIATION}, {"ext", ABBREVIATION},
    {"feb", ABBREVIATION}, {"fig", ABBREVIATION}, {"figs", ABBREVIATION}, {"fr", TITLE},
    {"fri", ABBREVIATION}, {"ft", TITLE}, {"gen", TITLE}, {"gov", TITLE}, {"govt", ABBREVIATION},
    {"he", PRONOUN}, {"hon", TITLE}, {"hwy", ABBREVIATION}, {"i", PRONOUN}, {"ibid", ABBREVIATION},
    {"inc", ABBREVIATION}, {"incl", ABBREVIATION}, {"intl", ABBREVIATION}, {"it", PRONOUN},
    {"jan", ABBREVIATION}, {"jr", ABBREVIATION}, {"jul", ABBREVIATION}, {"jun", ABBREVIATION},
    {"llc", ABBREVIATION}, {"lt", TITLE}, {"ltd", ABBREVIATION}, {"maj", TITLE}, {"messrs", TITLE},
    {"mfg", ABBREVIATION}, {"mgmt", ABBREVIATION}, {"mgr", ABBREVIATION}, {"mlle", TITLE},
    {"mme", TITLE}, {"mmes", TITLE}, {"mon", ABBREVIATION}, {"mr", TITLE}, {"mrs", TITLE},
    {"ms", TITLE}, {"mt", TITLE}, {"natl", ABBREVIATION}, {"no", ABBREVIATION},
    {"nos", ABBREVIATION}, {"nov", ABBREVIATION}, {"oct", ABBREVIATION}, {"op", ABBREVIATION},
    {"plc", ABBREVIATION}, {"pp", ABBREVIATION}, {"pres", TITLE}, {"prof", TITLE},
    {"rd", ABBREVIATION}, {"ref", ABBREVIATION}, {"rep", TITLE}, {"rev", TITLE}, {"sen", TITLE},
    {"sep", ABBREVIATION}, {"sept", ABBREVIATION}, {"sgt", TITLE}, {"she", PRONOUN}, {"sr", TITLE},
    {"sra", TITLE}, {"srta", TITLE}, {"st", TITLE}, {"supt", TITLE}, {"tel", ABBREVIATION},
    {"that", PRONOUN}, {"there", PRONOUN}, {"they", PRONOUN}, {"this", PRONOUN},
    {"thu", ABBREVIATION}, {"thur", ABBREVIATION}, {"thurs", ABBREVIATION},
    {"trans", ABBREVIATION}, {"tue", ABBREVIATION}, {"tues", ABBREVIATION}, {"univ", ABBREVIATION},
    {"viz", ABBREVIATION}, {"vol", ABBREVIATION}, {"vols", ABBREVIATION}, {"vs", ABBREVIATION},
    {"we", PRONOUN}, {"you", PRONOUN},
};

enum { SHORT_WORDS = sizeof short_words / sizeof short_words[0], SEARCH_SPAN = 64 };
_Static_assert(SHORT_WORDS > SEARCH_SPAN && SHORT_WORDS <= 2 * SEARCH_SPAN,
               "short_word_kind searches SEARCH_SPAN entries after one first step");

static inline uint64_t short_word_at(size_t i)
{
    return load_be64((const char *)&short_words[i]);
}

/* What key (from short_key) is in short_words; 0 for none. */
static RS_ALWAYS_INLINE unsigned short_word_kind(uint64_t key)
{
    if (key == NO_SHORT_KEY)
        return 0;
    /* The last entry not above the key, in a fixed number of steps with no
       branch on the compares.  An entry's kind is its lowest byte, where
       the key has a zero: with that byte set full, the key is at least an
       entry exactly when it is at least the entry's word. */
    uint64_t top = key | 0xFF;
    size_t at = short_word_at(SHORT_WORDS - SEARCH_SPAN) <= top ? SHORT_WORDS - SEARCH_SPAN : 0;
    at += short_word_at(at + 32) <= top ? 32 : 0;
    at += short_word_at(at + 16) <= top ? 16 : 0;
    at += short_word_at(at + 8) <= top ? 8 : 0;
    at += short_word_at(at + 4) <= top ? 4 : 0;
    at += short_word_at(at + 2) <= top ? 2 : 0;
    at += short_word_at(at + 1) <= top ? 1 : 0;
    return (short_word_at(at) ^ key) <= 0xFF ? short_words[at].kind : 0;
}

/* Words that typically open an English sentence after an abbreviation. */
static const char openers[][OPENER_WORD] = {
    "a", "after", "all", "also", "although", "an", "and", "any", "are", "as", "at", "because",
    "before", "both", "but", "by", "can", "could", "did", "do", "does", "each", "even", "every",
    "finally", "first", "for", "from", "had", "has", "have", "he", "her", "here", "his", "how",
    "however", "i", "if", "in", "instead", "is", "it", "its", "just", "last", "later", "let",
    "many", "may", "meanwhile", "might", "more", "most", "much", "my", "next", "no", "not", "now",
    "of", "on", "one", "only", "or", "other", "our", "please", "she", "should", "since", "so",
    "some", "still", "such", "that", "the", "their", "then", "there", "these", "they", "this",
    "those", "though", "thus", "to", "today", "tomorrow", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "why", "will", "with", "would", "yes", "yesterday", "yet",
    "you", "your",
};

static bool is_opener_word(const char *key, size_t len)
{
    if (len == 0 || len >= OPENER_WORD)
        return false;
    return in_sorted_list(key, openers[0], OPENER_WORD, sizeof openers / sizeof openers[0]);
}

static size_t next_sig(const splitter *sp, size_t i)
{
    for (i++; i < sp->n; i++)
        if (sp->toks[i].type != RS_TOK_SPACE)
            return i;
    return sp->n;
}

static bool is_punct(const rs__token *t, int32_t cp)
{
    return t->type == RS_TOK_PUNCT && t->cp == cp;
}

/* The first word from token j (not white space), past opening quotes and brackets. */
static const rs__token *word_from(const splitter *sp, size_t j)
{
    while (j < sp->n && sp->toks[j].type == RS_TOK_PUNCT && rs__is_opener(sp->toks[j].cp))
        j = next_sig(sp, j);
    if (j < sp->n && sp->toks[j].type == RS_TOK_WORD)
        return &sp->toks[j];
    return NULL;
}

/* The first word of what follows token i, past opening quotes and brackets. */
static const rs__token *following_word(const splitter *sp, size_t i)
{
    return word_from(sp, next_sig(sp, i));
}

/* Is w one of the words typical after an abbreviation? */
static bool is_opener_token(const splitter *sp, const rs__token *w)
{
    char key[OPENER_WORD] = {0};
    size_t len = w ? word_key(sp, w, key, sizeof key) : 0;
    return is_opener_word(key, len);
}

static bool is_pronoun_token(const splitter *sp, const rs__token *w)
{
    return w && short_word_kind(short_key(sp, w)) == PRONOUN;
}

/* Does a word read as the start of a new sentence?  Caseless scripts do. */
static bool starts_like_sentence(const rs__token *w)
{
    if (!w)
        return false;
    if (w->flags & RS_TF_LOWER_FIRST)
        return false;
    if (w->kind == RS_WORD_NUMBER)
        return false;
    return true;
}

/* Ends the sentence at token last, known to hold a word. */
static inline rs_status end_worded_sentence(splitter *sp, size_t last)
{
    if (sp->out->count == sp->out->cap) {
        rs_status st = rs__grow(sp->alloc, (void **)&sp->out->items, &sp->out->cap,
                                sp->out->count + 1, sizeof *sp->out->items);
        if (st != RS_OK)
            return st;
    }
    sp->out->items[sp->out->count++] = (rs__span){sp->first, last};
    sp->first = RS_NONE;
    return RS_OK;
}

static inline rs_status end_sentence(splitter *sp, size_t last)
{
    /* most sentences open with a word, or a quote and a word: no need to count */
    const rs__token *toks = sp->toks;
    size_t first = sp->first;
    if (first != RS_NONE
        && (toks[first].type == RS_TOK_WORD || (first < last && toks[first + 1].type == RS_TOK_WORD)
            || words_before(sp, last + 1, 1) > 0))
        return end_worded_sentence(sp, last);
    sp->first = RS_NONE;
    return RS_OK;
}

/*
 * Ends the sentence at token last, before a bullet or a list marker.  In a
 * part that goes on with a sentence, what came before the part may be all
 * the sentence had (last is then RS_NONE): the part before holds it.
 */
static inline rs_status end_sentence_before(splitter *sp, size_t last)
{
    if (CARRIED_FROM(sp) && last == RS_NONE) {
        sp->first = RS_NONE;
        return RS_OK;
    }
    return end_sentence(sp, last);
}

/* The last token before i that is not white space. */
static size_t prev_sig(const splitter *sp, size_t i)
{
    while (i > 0) {
        i--;
        if (sp->toks[i].type != RS_TOK_SPACE)
            return i;
    }
    return RS_NONE;
}

/* Past the closing quotes and brackets right after a terminator at i. */
static inline size_t absorb_closers(const splitter *sp, size_t i)
{
    while (i + 1 < sp->n && sp->toks[i + 1].type == RS_TOK_PUNCT
           && rs__is_closer(sp->toks[i + 1].cp))
        i++;
    return i;
}

/*
 * Does a period end the sentence after w, a word that is not dotted, and
 * before nx, a word that reads as the start of a sentence, with white
 * space between them?  Only after an initial, a title or an abbreviation
 * may it not.
 */
static RS_ALWAYS_INLINE bool plain_period_ends(const splitter *sp, const rs__token *w,
                                                const rs__token *nx)
{
    if (w->letters == 1 && w->digits == 0)
        return is_opener_token(sp, nx);
    unsigned kind = short_word_kind(short_key(sp, w));
    if (kind == TITLE)
        return is_pronoun_token(sp, nx);
    if (kind == ABBREVIATION)
        return is_opener_token(sp, nx);
    return true;
}

/*
 * Does a single period after word w (ending at the period) end the sentence?
 * attached: the next token touches the period ("Tuesday.Mr").
 */
static bool period_ends_sentence(const splitter *sp, const rs__token *w, size_t last)
{
    size_t j = next_sig(sp, last);
    if (j >= sp->n)
        return true;
    const rs__token *nx = word_from(sp, j);
    bool attached = sp->toks[last + 1 < sp->n ? last + 1 : last].type != RS_TOK_SPACE
                    && last + 1 < sp->n;
    if (!nx) {
        /* A dash, a bullet or a symbol: only after an ordinary word. */
        return !attached && (!w || !(w->flags & RS_TF_DOTTED));
    }
    if (!starts_like_sentence(nx))
        return false;
    if (!w)
        return !attached;
    if (attached) {
        /* "end.Next" in text missing its spaces; never after an abbreviation. */
        if ((w->flags & RS_TF_DOTTED) || (w->letters == 1 && w->digits == 0))
            return false;
        unsigned kind = short_word_kind(short_key(sp, w));
        return kind != TITLE && kind != ABBREVIATION && (nx->flags & RS_TF_UPPER_FIRST);
    }
    if (w->flags & RS_TF_DOTTED) {
        /* Upper-case A.M./P.M. before a capital close a sentence, as in print. */
        uint64_t key = short_key(sp, w);
        if ((key == load_be64("a.m\0\0\0\0") || key == load_be64("p.m\0\0\0\0"))
            && (w->flags & RS_TF_ALL_UPPER))
            return true;
        return is_opener_token(sp, nx);
    }
    return plain_period_ends(sp, w, nx);
}

/* The value of a lower-case roman numeral from i to xx, or 0. */
static int roman_value(const char *key, size_t len)
{
    static const char numerals[][SHORT_WORD] = {
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
        "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
    };
    for (size_t i = 0; i < len; i++)
        if (key[i] != 'i' && key[i] != 'v' && key[i] != 'x')
            return 0; /* not made of numeral letters: no need to look */
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
        if (numerals[i][len] == '\0' && memcmp(numerals[i], key, len) == 0)
            return (int)i + 1;
    return 0;
}

/* Is word t written of digits only (at most three)?  A numbered marker is. */
static inline bool number_shaped(const rs__token *t)
{
    return t->kind == RS_WORD_NUMBER && t->letters == 0 && t->digits <= 3
           && t->end - t->start == t->digits;
}

/*
 * Has word t the shape of a list marker's word?  It rules out nearly every
 * word before a '.' or ')' at once.  A lettered marker is all ASCII letters
 * (a letter past ASCII takes two bytes or more), the first lower case;
 * past one letter only a roman numeral is one, and its first letter says
 * whether it can be.
 */
static inline bool marker_shaped(const splitter *sp, const rs__token *t)
{
    if (number_shaped(t))
        return true;
    size_t len = t->end - t->start;
    if (t->kind != RS_WORD_PLAIN || !(t->flags & RS_TF_LOWER_FIRST) || len > 5 || len != t->letters)
        return false;
    char first = sp->text[t->start];
    return len == 1 || first == 'i' || first == 'v' || first == 'x';
}

/*
 * Is token i a list marker such as "2.", "2)", "2.)", "b." or "iv)"?  If so,
 * returns the index of its last punctuation token, else RS_NONE.  Sets the
 * marker's value for each reading (number, letter, roman numeral).
 */
static size_t marker_at(const splitter *sp, size_t i, int *number, int *alpha, int *roman)
{
    const rs__token *t = &sp->toks[i];
    *number = *alpha = *roman = 0;
    if (!marker_shaped(sp, t))
        return RS_NONE;
    size_t len = t->end - t->start;
    bool numbered = number_shaped(t);
    size_t j = i + 1;
    if (j >= sp->n || !(is_punct(&sp->toks[j], '.') || is_punct(&sp->toks[j], ')')))
        return RS_NONE;
    if (numbered) {
        for (size_t k = 0; k < len; k++)
            *number = *number * 10 + (sp->text[t->start + k] - '0');
    } else {
        char key[SHORT_WORD];
        size_t klen = word_key(sp, t, key, sizeof key);
        if (!klen)
            return RS_NONE;
        if (len == 1)
            *alpha = key[0] - 'a' + 1;
        *roman = roman_value(key, klen);
        if (!*alpha && !*roman)
            return RS_NONE;
    }
    if (is_punct(&sp->toks[j], '.') && j + 1 < sp->n && is_punct(&sp->toks[j + 1], ')'))
        j++;
    if (j + 2 >= sp->n || sp->toks[j + 1].type != RS_TOK_SPACE
        || sp->toks[j + 2].type != RS_TOK_WORD)
        return RS_NONE;
    /* A lettered marker must be followed by a capital: "a. The", not "p. 55". */
    if (!*number && !(sp->toks[j + 2].flags & RS_TF_UPPER_FIRST))
        return RS_NONE;
    return j;
}

static bool continues_markers(const splitter *sp, int number, int alpha, int roman)
{
    return (number && sp->last_number && number == sp->last_number + 1)
           || (alpha && sp->last_alpha && alpha == sp->last_alpha + 1)
           || (roman && sp->last_roman && roman == sp->last_roman + 1);
}

/* A short pasted line ("features\ncontact manager") is a sentence of its own. */
static bool line_break_ends_sentence(splitter *sp, size_t i)
{
    const rs__token *t = &sp->toks[i];
    if (!(t->flags & RS_TF_NEWLINE) || (t->flags & RS_TF_SPACE_BEFORE_NL))
        return false;
    size_t words = words_before(sp, i, MANY_WORDS);
    if (words == 0 || words >= MANY_WORDS)
        return false;
    size_t last = prev_sig(sp, i);
    if (last == RS_NONE || sp->toks[last].type != RS_TOK_WORD)
        return false;
    /* The sentence must have begun on this line. */
    for (size_t k = i; k-- > sp->first;)
        if (sp->toks[k].type == RS_TOK_SPACE && (sp->toks[k].flags & RS_TF_NEWLINE))
            return false;
    if (sp->first > 0) {
        size_t before = sp->first - 1;
        if (!(sp->toks[before].type == RS_TOK_SPACE && (sp->toks[before].flags & RS_TF_NEWLINE)))
            return false;
    }
    /* a part's first sentence: as the part before says */
    const rs__sentence_carry *from = CARRIED_FROM(sp);
    return sp->first > 0 || !from || from->on_line;
}

/* Dots from i on, with single spaces allowed between them (". . ."). */
static size_t gather_dots(const splitter *sp, size_t i, int *dots, bool *spaced)
{
    *dots = sp->toks[i].cp == 0x2026 ? 3 : 1;
    *spaced = false;
    size_t j = i;
    for (;;) {
        size_t k = j + 1;
        bool gap = false;
        if (k < sp->n && sp->toks[k].type == RS_TOK_SPACE && !(sp->toks[k].flags & RS_TF_NEWLINE)
            && sp->toks[k].end - sp->toks[k].start == 1) {
            k++;
            gap = true;
        }
        if (k < sp->n && (is_punct(&sp->toks[k], '.') || is_punct(&sp->toks[k], 0x2026))) {
            *dots += sp->toks[k].cp == 0x2026 ? 3 : 1;
            *spaced = *spaced || gap;
            j = k;
        } else {
            return j;
        }
    }
}

/* Handles the terminator at i; returns the last token it consumed. */
static size_t terminator(splitter *sp, size_t i, bool *ends)
{
    const rs__token *t = &sp->toks[i];
    *ends = false;
    if (rs__is_hard_terminal(t->cp)) {
        size_t j = i;
        while (j + 1 < sp->n && sp->toks[j + 1].type == RS_TOK_PUNCT
               && rs__is_terminal(sp->toks[j + 1].cp))
            j++;
        *ends = true;
        return absorb_closers(sp, j);
    }
    if (t->cp != '.' && t->cp != 0x2026 && t->cp != 0xFF0E) {
        /* ! ? and their runs: "?!", "!!" */
        size_t j = i;
        while (j + 1 < sp->n && sp->toks[j + 1].type == RS_TOK_PUNCT
               && rs__is_terminal(sp->toks[j + 1].cp))
            j++;
        j = absorb_closers(sp, j);
        size_t k = next_sig(sp, j);
        const rs__token *nx = word_from(sp, k);
        *ends = k >= sp->n || (nx ? starts_like_sentence(nx) || nx->kind == RS_WORD_NUMBER : true);
        if (nx && (nx->flags & RS_TF_LOWER_FIRST))
            *ends = false;
        return j;
    }
    int dots;
    bool spaced;
    size_t j = gather_dots(sp, i, &dots, &spaced);
    if (dots == 1 || dots == 2) {
        const rs__token *w = NULL;
        if (i > 0 && sp->toks[i - 1].type == RS_TOK_WORD)
            w = &sp->toks[i - 1];
        j = absorb_closers(sp, j);
        *ends = period_ends_sentence(sp, w, j);
        return j;
    }
    /* An ellipsis. "[...]" marks an omission inside a quotation. */
    bool bracketed = i > 0 && (is_punct(&sp->toks[i - 1], '[') || is_punct(&sp->toks[i - 1], '('))
                     && j + 1 < sp->n
                     && (is_punct(&sp->toks[j + 1], ']') || is_punct(&sp->toks[j + 1], ')'));
    j = absorb_closers(sp, j);
    if (next_sig(sp, j) >= sp->n) {
        *ends = true;
        return j;
    }
    if (bracketed || (dots == 3 && spaced))
        return j;
    const rs__token *nx = following_word(sp, j);
    *ends = nx && starts_like_sentence(nx);
    return j;
}

/*
 * Does the token at i, opening a sentence, only count?  Most words do:
 * neither a list marker (which needs a '.' or ')' right after it) nor a
 * dotted abbreviation.  (A word before another mark the splitter looks at
 * takes the step, which passes it over.)
 */
static inline bool only_counts(const splitter *sp, size_t i)
{
    const rs__token *t = &sp->toks[i];
    return t->type == RS_TOK_WORD && !(t->flags & RS_TF_DOTTED)
           && !(i + 1 < sp->n && (sp->toks[i + 1].flags & RS_TF_SPLITS));
}

/*
 * The usual end of a sentence, the word at i (not dotted, inside the
 * sentence being read) and the period after it, which is read here as the
 * next step would read it; returns the last token consumed.
 */
static RS_ALWAYS_INLINE size_t word_and_period(splitter *sp, size_t i, rs_status *st)
{
    const rs__token *toks = sp->toks;
    bool ends;
    size_t j = i + 1;
    /* closing quotes or brackets after it are the sentence's (no more dots
       can follow them) */
    if (j + 1 < sp->n && toks[j + 1].type == RS_TOK_PUNCT && rs__is_closer(toks[j + 1].cp))
        j = absorb_closers(sp, j);
    if (j + 1 == sp->n) {
        ends = true; /* the block's end */
    } else if (toks[j + 1].type == RS_TOK_SPACE && j + 2 < sp->n
               && toks[j + 2].type == RS_TOK_WORD) {
        /* a blank and a word: no more dots, nothing attached */
        if (!starts_like_sentence(&toks[j + 2]) || !plain_period_ends(sp, &toks[i], &toks[j + 2]))
            return j;
        *st = end_worded_sentence(sp, j);
        /* the word opens the next sentence: most only count, and are
           started here as the loop would start them */
        if (only_counts(sp, j + 2)) {
            start_sentence(sp, j + 2);
            return j + 2;
        }
        return j;
    } else {
        j = terminator(sp, i + 1, &ends);
    }
    /* the sentence holds the word before its period */
    if (ends)
        *st = end_worded_sentence(sp, j);
    return j;
}

/*
 * Reads the token at i (not white space); returns the last token it
 * consumed.
 */
static size_t step(splitter *sp, size_t i, rs_status *st)
{
    const rs__token *toks = sp->toks, *t = &toks[i];
    if (t->type == RS_TOK_PUNCT && rs__is_bullet(t->cp)) {
        sp->lists = true;
        *st = end_sentence_before(sp, prev_sig(sp, i));
        start_sentence(sp, i);
        return i;
    }
    if (t->type == RS_TOK_WORD) {
        /* A marker opens the block, follows a bullet or a blank: the token
           before it says, unless it is a blank (then any may be a marker).
           A part that goes on with a sentence has none at its start; at
           another part's start, the part before says what came before. */
        int number, alpha, roman;
        const rs__sentence_carry *from = CARRIED_FROM(sp);
        size_t marker_end = ((i == 0 && carried_words(from) == 0)
                             || (i > 0 && toks[i - 1].type == RS_TOK_SPACE)
                             || (i > 0 && toks[i - 1].type == RS_TOK_PUNCT
                                 && rs__is_bullet(toks[i - 1].cp)))
                                ? marker_at(sp, i, &number, &alpha, &roman)
                                : RS_NONE;
        if (marker_end != RS_NONE) {
            size_t before = prev_sig(sp, i);
            bool after_bullet = before != RS_NONE ? toks[before].type == RS_TOK_PUNCT
                                                        && rs__is_bullet(toks[before].cp)
                                                  : from && from->after_bullet;
            bool opens_list = before == RS_NONE ? !from || from->after_bullet : after_bullet;
            if (opens_list || continues_markers(sp, number, alpha, roman)) {
                if (!opens_list || (after_bullet && words_before(sp, i, 1) > 0))
                    *st = end_sentence_before(sp, before);
                if (sp->first == RS_NONE)
                    start_sentence(sp, i);
                sp->lists = true;
                sp->last_number = number;
                sp->last_alpha = alpha;
                sp->last_roman = roman;
                sp->marker_skip_from = i + 1;
                sp->marker_skip_to = marker_end;
            }
        }
        if (sp->first == RS_NONE)
            start_sentence(sp, i);
        if ((t->flags & RS_TF_DOTTED) && i != sp->marker_skip_from - 1) {
            size_t j = absorb_closers(sp, i);
            if (period_ends_sentence(sp, t, j)) {
                *st = end_sentence(sp, j);
                i = j;
            }
        } else if (i + 1 < sp->n && is_punct(&toks[i + 1], '.') && sp->marker_skip_from != i + 1
                   && *st == RS_OK) {
            i = word_and_period(sp, i, st);
        }
        return i;
    }
    if (sp->first == RS_NONE)
        start_sentence(sp, i);
    if (sp->marker_skip_from != RS_NONE && i >= sp->marker_skip_from && i <= sp->marker_skip_to)
        return i;
    if (t->type == RS_TOK_PUNCT && rs__is_terminal(t->cp)) {
        bool ends;
        size_t j = terminator(sp, i, &ends);
        if (ends)
            *st = end_sentence(sp, j);
        i = j;
    }
    return i;
}

/* A token's flags in the low bits of four bytes, read as one (the bytes
   above them are its type and kind, which no look asks about): an OR of
   eight such reads is eight instructions, where eight flags read apart are
   sixteen. */
static inline uint32_t flags_word(const rs__token *t)
{
    _Static_assert(offsetof(rs__token, flags) + 4 <= sizeof(rs__token),
                   "four bytes from the flags are the token's");
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, (const char *)t + offsetof(rs__token, flags), sizeof v);
    return v;
#else
    return t->flags;
#endif
}

/* The first token from p on whose flags ask for a look (no bit of look is
   above the flags' sixteen), or end. */
static inline const rs__token *first_asking(const rs__token *p, const rs__token *end,
                                            unsigned look)
{
    /* eight tokens at a time; once eight hold one, it is found with no
       bound to test */
    if (end - p >= 8) {
        const rs__token *last_eight = end - 8;
        do {
            if ((flags_word(&p[0]) | flags_word(&p[1]) | flags_word(&p[2]) | flags_word(&p[3])
                 | flags_word(&p[4]) | flags_word(&p[5]) | flags_word(&p[6])
                 | flags_word(&p[7]))
                & look) {
                while (!(p->flags & look))
                    p++;
                return p;
            }
            p += 8;
        } while (p <= last_eight);
    }
    while (p < end && !(p->flags & look))
        p++;
    return p;
}

/*
 * Most tokens only join the sentence: words and marks that neither end a
 * sentence nor start a list item, and blanks without a line break.  Inside
 * a sentence they are passed over here up to the first token whose flags
 * ask for a look (a line break while the sentence may be short, a dotted
 * word, the marks the tokenizer flags RS_TF_SPLITS).  Returns that token,
 * or n.
 */
static inline size_t pass_ordinary(const splitter *sp, size_t i)
{
    /* A line break ends a sentence of three words or fewer only: once the
       sentence is known to be longer, it is passed over too. */
    const unsigned look = RS_TF_DOTTED | RS_TF_SPLITS
                          | (sp->words >= MANY_WORDS ? 0u : (unsigned)RS_TF_NEWLINE);
    return (size_t)(first_asking(sp->toks + i, sp->toks + sp->n, look) - sp->toks);
}

#ifdef RS_SPLIT_CARRIED
/* Whether token t is white space holding a line break. */
static bool is_line_break(const rs__token *t)
{
    return t->type == RS_TOK_SPACE && (t->flags & RS_TF_NEWLINE);
}

/* Takes over the state where the part before left off. */
static void carry_in(splitter *sp, const rs__sentence_carry *from)
{
    sp->from = from;
    sp->lists = from->lists;
    sp->last_number = from->last_number;
    sp->last_alpha = from->last_alpha;
    sp->last_roman = from->last_roman;
    if (carried_words(from) > 0 && sp->n > 0) {
        start_sentence(sp, 0);
        sp->words = carried_words(from);
    }
}

/*
 * The state where the part ends, for a part that follows: of the sentence
 * still open, or else of the last one ended (out holds only this part's).
 */
static void carry_out(const splitter *sp, rs__sentence_carry *to)
{
    const rs__token *toks = sp->toks;
    size_t n = sp->n;
    const rs__sentence_carry *from = sp->from;
    *to = (rs__sentence_carry){
        .lists = sp->lists, .last_number = sp->last_number, .last_alpha = sp->last_alpha,
        .last_roman = sp->last_roman, .open = sp->first != RS_NONE,
        .line_start = n > 0 ? is_line_break(&toks[n - 1]) : !from || from->on_line,
    };
    size_t before = prev_sig(sp, n);
    to->after_bullet = before != RS_NONE
                           ? toks[before].type == RS_TOK_PUNCT && rs__is_bullet(toks[before].cp)
                           : from && from->after_bullet;
    size_t first = sp->first;
    if (first == RS_NONE && sp->out->count > 0) {
        const rs__span *last = &sp->out->items[sp->out->count - 1];
        first = last->first;
        /* the line-break rule ends a sentence at a word, a hard terminal
           (。) whatever follows; any other mark looked past the end */
        size_t k = last->last;
        while (k > first && toks[k].type == RS_TOK_PUNCT && rs__is_closer(toks[k].cp))
            k--;
        const rs__token *end = &toks[k];
        to->ends_firmly = (end->type == RS_TOK_WORD && !(end->flags & RS_TF_DOTTED))
                          || (end->type == RS_TOK_PUNCT && rs__is_hard_terminal(end->cp));
    }
    if (first == RS_NONE) {
        to->on_line = to->line_start;
        return;
    }
    size_t words = first == 0 ? carried_words(from) : 0;
    bool on_line = first > 0 ? is_line_break(&toks[first - 1]) : !from || from->on_line;
    for (size_t k = first; k < n && words < MANY_WORDS; k++)
        words += toks[k].type == RS_TOK_WORD;
    for (size_t k = first; k < n && on_line; k++)
        on_line = !is_line_break(&toks[k]);
    to->words = (unsigned char)(words < MANY_WORDS ? words : MANY_WORDS);
    to->on_line = on_line;
}

rs_status rs__split_sentences_carried(const rs_allocator *alloc, const char *text,
                                      const rs__token *toks, size_t n, rs__span_vec *out,
                                      const rs__sentence_carry *at_start,
                                      rs__sentence_carry *at_end)
#else
rs_status rs__split_sentences(const rs_allocator *alloc, const char *text,
                              const rs__token *toks, size_t n, rs__span_vec *out)
#endif
{
    splitter sp = {
        .alloc = alloc, .text = text, .toks = toks, .n = n, .out = out,
        .first = RS_NONE, .marker_skip_from = RS_NONE, .marker_skip_to = RS_NONE,
    };
#ifdef RS_SPLIT_CARRIED
    if (at_start)
        carry_in(&sp, at_start);
#endif
    rs_status st = RS_OK;
    for (size_t i = 0; i < n; i++) {
        const rs__token *t;
        if (sp.first == RS_NONE) {
            /* Between sentences white space needs no look: a line break
               ends a sentence that has words only. */
            while (toks[i].type == RS_TOK_SPACE)
                if (++i == n)
                    goto done;
            t = &toks[i];
            if (!only_counts(&sp, i))
                goto read_token;
            start_sentence(&sp, i);
            /* the sentence goes on from the next token */
            if (++i == n)
                break;
        }
        /* (a token that asks for a look itself has nothing to pass over) */
        if (!(toks[i].flags & (RS_TF_DOTTED | RS_TF_SPLITS))) {
            size_t from = i;
            i = pass_ordinary(&sp, i);
            if (i >= n)
                break;
            /* A word passed over right before a '.' or ')' is read first:
               it may be a list marker, or end the sentence.  It is not
               dotted (the pass would have stopped at it) and comes after
               the sentence's first token; with no bullet or marker before
               it in the block it opens no list and continues none, whatever
               its shape, and the step would only read its period. */
            if (i > from && toks[i - 1].type == RS_TOK_WORD
                && (is_punct(&toks[i], '.') || is_punct(&toks[i], ')'))) {
                i--;
                t = &toks[i];
                if (sp.lists && marker_shaped(&sp, t))
                    goto read_token;
                if (toks[i + 1].cp == '.' && sp.marker_skip_from != i + 1) {
                    i = word_and_period(&sp, i, &st);
                    if (st != RS_OK)
                        return st;
                }
                continue;
            }
        }
        t = &toks[i];
        if (t->type == RS_TOK_SPACE) { /* a line break: the one blank it stops at */
            if (line_break_ends_sentence(&sp, i)) {
                st = end_sentence(&sp, prev_sig(&sp, i));
                if (st != RS_OK)
                    return st;
            }
            continue;
        }
    read_token:
        if (t->type != RS_TOK_WORD
            && (t->type != RS_TOK_PUNCT || (!rs__is_bullet(t->cp) && !rs__is_terminal(t->cp)))) {
            /* a symbol, a comma, a quote: they only join the sentence */
            if (sp.first == RS_NONE)
                start_sentence(&sp, i);
            continue;
        }
        i = step(&sp, i, &st);
        if (st != RS_OK)
            return st;
    }
done:
#ifdef RS_SPLIT_CARRIED
    if (at_end)
        carry_out(&sp, at_end);
#endif
    if (sp.first != RS_NONE) {
        size_t last = prev_sig(&sp, n);
        st = end_sentence(&sp, last == RS_NONE ? n - 1 : last);
    }
    return st;
}
