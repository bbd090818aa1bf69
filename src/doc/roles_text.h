/*
 * roles_text.h: the parts of the plain-text role classifier
 * (doc/roles_text.c holds the method and the decisions; the files named
 * roles_text_*.c describe blocks).
 */
#ifndef RS_DOC_ROLES_TEXT_H
#define RS_DOC_ROLES_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "doc/doc.h"

/* The languages whose function words the classifier knows (see lexicon). */
enum { RS__TEXT_LANGS = 7 };

/* The languages (bit k = language k) in whose function words key is. */
unsigned rs__text_stopword_langs(const char *key, size_t len);
/* "en", "de", ...; NULL out of range. */
const char *rs__text_lang_code(int lang);

/* Is key (case-folded) a word of share bars and counters ("share", "tweet")? */
bool rs__text_counter_word(const char *key, size_t len);
/* Is key (case-folded) a month name or its abbreviation, in a known language? */
bool rs__text_month_word(const char *key, size_t len);
/* Is key (case-folded) a word that introduces an author ("by", "par", "von")? */
bool rs__text_byline_word(const char *key, size_t len);

/*
 * Every list key is on, in one lookup (RS__LEX_* and language bits), for
 * callers that ask several of the questions above about one word; the
 * *_of() forms take that answer and look up again only where they must
 * ("l'appareil" is asked about "l", "Apr." about "apr").
 */
enum { RS__LEX_COUNTER = 1u << 7, RS__LEX_MONTH = 1u << 8, RS__LEX_BYLINE = 1u << 9 };
unsigned rs__text_lexicon(const char *key, size_t len);
unsigned rs__text_stopword_langs_of(const char *key, size_t len, unsigned lexicon);
bool rs__text_month_word_of(const char *key, size_t len, unsigned lexicon);

/*
 * What describing a block asks the lexicon about a word's key, in one
 * answer (rs__word_lex() in text/wordinfo.h makes it): its function-word
 * languages, and whether it is a share or counter word (digits glued on or
 * not), names a month, or introduces an author.
 */
enum {
    RS__WORD_LANGS = (1u << RS__TEXT_LANGS) - 1,
    RS__WORD_WIDGET = 1u << 7,
    RS__WORD_MONTH = 1u << 8,
    RS__WORD_BYLINE = 1u << 9,
    /* the word holds the core of a cue phrase (rs__cue_word()): a block
       without such a word holds none of the phrases found by their words */
    RS__WORD_CUE = 1u << 10,
    RS__WORD_LEX_ALL = (1u << 11) - 1
};

/* What a block's own words say about it, whatever its neighbours. */
enum {
    RS__CUE_COUNTER = 1u << 0,  /* only counters and share words: "Comments0", "300", "Share" */
    RS__CUE_NAV = 1u << 1,      /* skip links, sign-in, search, menus, breadcrumbs */
    RS__CUE_NOTICE = 1u << 2,   /* a notice to the reader: "We use cookies", "Subscribe now" */
    RS__CUE_FOOTER = 1u << 3,   /* "All rights reserved", "© 2024 ..." */
    RS__CUE_COMMENTS = 1u << 4, /* the head of a comment section: "View comments (27)" */
    RS__CUE_AD = 1u << 5,       /* an advertisement label: "Advertisement", "Anzeige" */
    RS__CUE_CREDIT = 1u << 6,   /* a picture credit: "/ Source", "Photo:", "(AP Photo/...)" */
    RS__CUE_BY = 1u << 7,       /* "By Name", "Par Name", "Posted by Name" */
    RS__CUE_VIEWS = 1u << 8,    /* names then a view counter: "Daniel Kim Views" */
    RS__CUE_DATE = 1u << 9,     /* a dateline: "April 5, 2018 | 6:00 PM", "1 day ago" */
    RS__CUE_TEASER = 1u << 10,  /* a teaser's tail: "Read more", "Mehr…" */
    RS__CUE_EMAIL = 1u << 11,   /* holds an e-mail address */
    RS__CUE_SITE_WORDS = 1u << 12 /* names the site's machinery: cookies, newsletter, privacy policy, terms of use */
};

/* What the classifier knows of one block. */
typedef struct rs__text_block {
    uint32_t words;        /* readstat's words (a CJK character is one) */
    uint32_t alpha;        /* words with letters, numbers and links aside */
    uint32_t capitalised;  /* alpha words whose first letter is a capital */
    uint32_t capitalised_inner; /* ...not counting the first: title case shows there */
    uint32_t numbers;
    uint32_t cjk;          /* CJK characters */
    uint32_t stop[RS__TEXT_LANGS]; /* function words, per language */
    uint32_t bytes;        /* visible length */
    uint32_t sentences;
    uint32_t lines;
    uint32_t widget;       /* numbers and share or counter words */
    uint32_t cues;         /* RS__CUE_* */
    uint64_t key;          /* hash of its lower-cased words, for repeats; 0 if none */
    rs_block_kind kind;
    bool terminal;         /* ends with . ! ? … (past closing quotes) */
    bool soft_end;         /* ends with : ; or , : a sentence goes on */
    bool month;            /* names a month */
    bool by_name;          /* opens with "By" (or "Posted by") and a capitalised word */
} rs__text_block;

/*
 * What describing a block needs of a word as written: its key (the fold
 * rs__word_key() makes), what the lexicon says of it (its function-word
 * languages, and whether it counts, names a month or introduces an
 * author), remembered for the words an analysis meets.  Prose repeats a few
 * thousand words, and finding one here costs a fraction of folding it and
 * of the lexicon's two hashes.  The memo starts small, in its index, and
 * grows while it misses, so that a short text touches (and clears) only a
 * few KiB of it.
 */
enum { RS__MEMO_MIN_BITS = 5, RS__MEMO_MAX_BITS = 12, RS__MEMO_WAYS = 4, RS__MEMO_KEY = 16 };
typedef struct rs__memo_entry {
    uint64_t word[RS__MEMO_KEY / 8]; /* the word as written, zero-padded */
    uint64_t fold_hash;              /* rs__word_fold_hash() of its key */
    uint32_t info;                   /* both lengths and the answers; 0: empty */
} rs__memo_entry;
typedef struct rs__word_memo {
    rs_allocator alloc;    /* where a grown memo's entries come from */
    unsigned set_bits;     /* 1 << set_bits sets of RS__MEMO_WAYS entries */
    size_t misses;         /* since it last grew */
    rs__memo_entry *entry; /* first, or memory from alloc */
    rs__memo_entry first[RS__MEMO_WAYS << RS__MEMO_MIN_BITS];
} rs__word_memo;

/*
 * The cue phrases, indexed so that a block is searched for all of them in
 * one pass over every other position.  A byte per hash of four bytes
 * (ASCII case folded) holds the groups (rs__cue_groups()) of the phrases
 * that such a gram marks, so that a block stops only for
 * the sets it is searched for; a bitmap of a second hash lets most grams
 * that merely share the first go; the phrases are listed by the first
 * hash with the four bytes themselves, and each phrase's first eight bytes
 * are kept folded, so that one compare rules out most of the phrases a
 * gram leads to before any is compared as written.  A phrase of five bytes
 * or more is marked by two grams a byte apart, where it has fewest bytes
 * of function words and blanks, which prose is full of ("site" and " sit"
 * for "this site"); one of four bytes by its own and by its last three
 * followed by any byte.  The phrases shorter still ("\xc2\xa9") are found with memchr
 * on their least common byte.  The phrases are fixed, so the index is built
 * when the library is (tools/gen_cue_index.c runs rs__cue_phrases_build())
 * and an analysis only points at it.
 */
enum {
    RS__CUE_GRAM_BITS = 15,    /* 32 KiB for about 1100 grams (on 700 places): few false alarms */
    RS__CUE_CHECK_BITS = 15,   /* a bit each: 4 KiB */
    RS__CUE_BUCKETS = 4096,    /* buckets are gram hashes less their top bits */
    RS__CUE_PHRASES = 255,
    RS__CUE_FOUR = 16,         /* phrases of four bytes at most */
    RS__CUE_SHORT = 8,         /* shorter phrases at most */
    RS__CUE_GRAMS = 2 * RS__CUE_PHRASES + 128 * RS__CUE_FOUR,
    RS__CUE_TEASERS = 13,      /* phrases that end a teaser: rs__cue_teaser_endings */
    RS__CUE_BEFORE_MAX = 32,   /* a phrase's marked grams start within its first 32 bytes */
    RS__CUE_CORE_MAX = 15,     /* longest core */
    RS__CUE_CORE_MIN = 3,      /* shortest core: numbers with fewer letters hold none */
    RS__CUE_CORELESS = 4       /* phrases without a core at most */
};

/*
 * Cores: a phrase of RS__CUE_SETS_BY_WORDS is only in a text if each of
 * its runs of ASCII letters is, inside one word token (adjacent letters
 * always share one).  A core is such a run, or a part of one, that a
 * phrase holds; where the phrase has a blank or another byte that no word
 * token holds (RS__CUE_EDGE_BYTES) right before the run, the word starts
 * with it, and right after it, the word ends with it.  Links, addresses,
 * handles and tags may hold any byte: the words looked up mark them.
 */
enum { RS__CUE_CORE_STARTS = 1u << 0, RS__CUE_CORE_ENDS = 1u << 1 };
#define RS__CUE_EDGE_BYTES " ():/&"
typedef struct rs__cue_core {
    char text[RS__CUE_CORE_MAX + 1]; /* lower case */
    uint8_t len;
    uint8_t edges; /* RS__CUE_CORE_STARTS, RS__CUE_CORE_ENDS */
} rs__cue_core;
/* The cores, by their first letter: rs__cue_cores['x' - 'a'] (roles_text_lexicon.c). */
typedef struct rs__cue_cores_of {
    const rs__cue_core *cores;
    size_t n;
    uint32_t seconds; /* bit k: a core's second letter is 'a' + k */
} rs__cue_cores_of;
extern const rs__cue_cores_of rs__cue_cores[26];
_Static_assert(RS__CUE_PHRASES * RS__CUE_BEFORE_MAX <= 65536, "order[] holds id and place in 16 bits");
typedef struct rs__cue_phrases {
    const char *text[RS__CUE_PHRASES];
    uint8_t len[RS__CUE_PHRASES];
    /* phrase i's first eight bytes, each with 0x20 set (as a gram is
       folded), zero past its end: at head[8 * i] */
    uint8_t head[RS__CUE_PHRASES * 8];
    uint16_t set[RS__CUE_PHRASES];
    /* by bucket: id * RS__CUE_BEFORE_MAX + how far before the gram the phrase starts */
    uint16_t order[RS__CUE_GRAMS];
    uint32_t order_gram[RS__CUE_GRAMS];   /* the folded gram of each */
    uint16_t start[RS__CUE_BUCKETS + 1];  /* bucket b: order[start[b]..start[b + 1]) */
    uint8_t nfour;
    uint8_t short_ids[RS__CUE_SHORT];     /* the phrases under four bytes */
    uint8_t short_anchor[RS__CUE_SHORT];  /* where in each its least common byte is */
    uint8_t nshort;
    uint16_t short_sets;                  /* the sets those belong to */
    uint16_t short_sets_not_c2;           /* ...those of the ones whose anchor is not 0xC2 */
    /* rs__cue_groups() of the phrases that start at or one before a gram of this hash */
    uint8_t grams[1u << RS__CUE_GRAM_BITS];
    /* bit h: a gram whose rs__cue_gram_check() is h starts or follows a
       phrase's start; most text grams that share a phrase gram's first hash
       differ here, and are let go before the phrases are looked up */
    uint8_t check[1u << (RS__CUE_CHECK_BITS - 3)];
    uint16_t teasers_ending_in[256];      /* bit i: teaser ending i ends with this byte */
    uint16_t teasers_before_last[256];    /* bit i: ...has this byte before its last */
    /* the phrases of RS__CUE_SETS_BY_WORDS, four bytes or more, that no
       core of rs__cue_cores covers: looked for as they are */
    uint8_t coreless_ids[RS__CUE_CORELESS];
    uint8_t coreless_anchor[RS__CUE_CORELESS]; /* where in each its least common byte is */
    uint8_t ncoreless;
    bool by_words; /* the coreless phrases fit the list: the words may spare a block the scan */
    /* every coreless phrase is anchored on '(': a block without one holds none */
    bool coreless_on_paren;
} rs__cue_phrases;

/* The phrase sets a block is searched for, one bit each. */
enum {
    RS__CUE_SET_NAV = 1u << 0, RS__CUE_SET_NOTICE = 1u << 1, RS__CUE_SET_SITE = 1u << 2,
    RS__CUE_SET_FOOTER = 1u << 3, RS__CUE_SET_COMMENTS = 1u << 4, RS__CUE_SET_AD = 1u << 5,
    RS__CUE_SET_CREDIT = 1u << 6,
    RS__CUE_SET_COPYRIGHT_SIGN = 1u << 7, /* "\xc2\xa9" */
    RS__CUE_SET_COPYRIGHT_C = 1u << 8,    /* "(c) " */
    RS__CUE_SET_AGO = 1u << 9,            /* " ago" */
    /*
     * The sets that a block's words can rule out: every phrase of theirs
     * of four bytes or more has a core, a run of at least RS__CUE_CORE_MIN
     * ASCII letters that any text holding the phrase holds inside one word
     * (whose lexicon answer then has RS__WORD_CUE), or is one of a few
     * coreless phrases; those and the shorter phrases ("\xc2\xa9") are
     * looked for as they are.  A block past the other sets' word limits
     * (roles_text_cues.c) is searched for these alone, and most prose has
     * none of the cores.
     */
    RS__CUE_SETS_BY_WORDS = RS__CUE_SET_NOTICE | RS__CUE_SET_SITE | RS__CUE_SET_FOOTER
                            | RS__CUE_SET_CREDIT | RS__CUE_SET_COPYRIGHT_SIGN
                            | RS__CUE_SET_COPYRIGHT_C
};

enum { RS__CUE_GRAM_LEN = 4 };

/* The sets as the gram index marks them, in a byte: "(c) ", always
   searched for with the credits, shares their bit, " ago" takes the top
   one, and the copyright sign, found apart, has none. */
_Static_assert(RS__CUE_SET_COPYRIGHT_C >> 2 == RS__CUE_SET_CREDIT && RS__CUE_SET_AGO >> 2 == 0x80
                   && RS__CUE_SET_CREDIT == 0x40,
               "the groups are the sets below the copyright sign, then (c) and ago moved down");
static inline unsigned rs__cue_groups(unsigned sets)
{
    return (sets & 0x7Fu) | ((sets >> 2) & 0xC0u);
}

/* The opening four bytes of a phrase or of the text at some position, each
   byte's 0x20 bit set: A-Z fall on a-z (and a few other bytes on others,
   which the comparison after a hit tells apart). */
static inline uint32_t rs__cue_folded_gram(const char *s)
{
    uint32_t g;
    memcpy(&g, s, sizeof g);
    return g | 0x20202020u;
}

/*
 * The gram's place in `grams`: its two halves, each times its own constant,
 * summed modulo 2^16, less the lowest bit.  Eight of them are computed at
 * once with SSE2 (pmaddwd sums exactly these products; pmaddwd's signed
 * products and this unsigned sum agree modulo 2^16).  RS__CUE_HASH_HIGH
 * is even, so a gram's last byte counts without its top bit: the 128
 * grams a phrase of four bytes marks for whatever byte follows it fall on
 * 64 places, and real prose meets a third fewer false alarms than with a
 * hash of the whole word (bench/corpus).
 */
enum { RS__CUE_HASH_LOW = 0x90FD, RS__CUE_HASH_HIGH = 0x5192 };
_Static_assert(RS__CUE_GRAM_BITS == 15, "the hash keeps bits 1 to 15 of a sum modulo 2^16");
static inline unsigned rs__cue_gram_hash(uint32_t gram)
{
    uint32_t sum = (gram & 0xFFFFu) * RS__CUE_HASH_LOW + (gram >> 16) * RS__CUE_HASH_HIGH;
    return (sum & 0xFFFFu) >> 1;
}

/* A second hash, independent of the first. */
static inline unsigned rs__cue_gram_check(uint32_t gram)
{
    return (unsigned)((gram * 0x85EBCA77u) >> (32 - RS__CUE_CHECK_BITS));
}

static inline bool rs__cue_gram_checks(const rs__cue_phrases *x, uint32_t gram)
{
    unsigned c = rs__cue_gram_check(gram);
    return (x->check[c >> 3] >> (c & 7)) & 1;
}

/* Indexes the phrases (the library uses the copy the build made of it). */
void rs__cue_phrases_build(rs__cue_phrases *x);

/*
 * Does the word w[0..n) (ASCII case aside) hold one of rs__cue_cores
 * where a phrase would put it?  Asked once per word an analysis meets
 * (the lexicon's answer and the memo keep it).  A word of more than 256
 * bytes is said to, unread: a yes only costs the block its scan.
 */
bool rs__cue_word(const char *w, size_t n);
/* The index as the build generated it. */
extern const rs__cue_phrases rs__cue_phrases_table;

/* A phrase and its length, for the lists only ever matched at a block's end. */
typedef struct rs__cue_ending {
    const char *text;
    size_t len;
} rs__cue_ending;
/* "Read more", "Weiterlesen", "[...]": how a teaser ends. */
extern const rs__cue_ending rs__cue_teaser_endings[RS__CUE_TEASERS];

/*
 * What an analysis searches blocks with: the phrases, and its memo of
 * word answers.  The phrases are read-only; the memo is scratch that
 * describing blocks fills, so an index serves one analysis (one thread)
 * at a time.
 */
typedef struct rs__cue_index {
    const rs__cue_phrases *phrases;
    rs__word_memo *memo; /* NULL: every word is looked up afresh */
    rs__word_memo memo_storage;
} rs__cue_index;

/* An index over the built phrases whose memo takes memory from alloc. */
void rs__cue_index_init(rs__cue_index *index, const rs_allocator *alloc);
/* Frees the memo's memory (not the index itself). */
void rs__cue_index_release(rs__cue_index *index);
/* The analysis's index, made on first use; NULL if memory is short. */
const rs__cue_index *rs__doc_cue_index(rs__doc *d);

/* Describes block i of the report (scratch space from d).  RS_ERR_NOMEM. */
rs_status rs__text_describe(rs__doc *d, size_t i, rs__text_block *out);

/*
 * The same from the block's tokens, as the analyzer has them when it
 * measures the block: buffer[offset..offset+len) is the block's text and
 * the tokens' offsets are into buffer.  block holds its counts.
 */
void rs__text_describe_tokens(const rs__cue_index *index, const char *buffer, size_t offset,
                              size_t len, const rs__token *tokens, size_t count,
                              const rs_block *block, rs__text_block *out);

/*
 * What a block's words add up to, word by word: the analyzer describes
 * each word as it measures it, having just looked its key up, where a
 * second pass over the tokens with a second lookup per word would cost as
 * much again.  rs__text_describe_tokens() does the same from the tokens.
 */
typedef struct rs__text_words {
    uint32_t alpha, capitalised, capitalised_inner, numbers, widget, cues;
    uint32_t stop[RS__TEXT_LANGS];
    uint32_t lex_seen;    /* the union of the words' lexicon answers (RS__WORD_CUE is read) */
    uint64_t key;         /* the words' key hashes, mixed in order */
    uint64_t stop_counts; /* function words per language and widget words, a byte each (below) */
    unsigned stop_pending;
    bool keyed, after_by, month, by_name;
    /* the '\n' bytes of the block's text, where the tokenizer counted them
       (rs__text_stats); UINT64_MAX: rs__text_describe_words() counts */
    uint64_t newlines;
} rs__text_words;

/* A block's count as a description keeps it: at most UINT32_MAX. */
static inline uint32_t rs__text_count32(uint64_t n)
{
    return (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n);
}

/* Where a block's key starts: a block's words fold into it one by one. */
#define RS__TEXT_KEY_BASIS 14695981039346656037ull

/* Inline: every block of plain text starts one. */
static inline void rs__text_words_init(rs__text_words *w)
{
    *w = (rs__text_words){.key = RS__TEXT_KEY_BASIS, .newlines = UINT64_MAX};
}

/* The lanes of stop_counts: a byte per language, and the widget words in
   the top one. */
_Static_assert(RS__WORD_WIDGET == 1u << RS__TEXT_LANGS && RS__TEXT_LANGS == 7,
               "the widget bit is the lane above the languages");
/* to[k] = from[k] + lane k of lanes for each language (to may be from);
   returns widget + the widget lane.  Once per block: with SSE2, the
   lanes' bytes widened to 32 bits and added to from[0..3] and from[3..6]
   (both read before either is stored; to[3] stored twice, the second
   time right), else written out (the compiler keeps the loop of seven). */
static inline uint32_t rs__text_add_stop_lanes(uint32_t to[RS__TEXT_LANGS],
                                               const uint32_t from[RS__TEXT_LANGS],
                                               uint32_t widget, uint64_t lanes)
{
#if defined(__SSE2__)
    _Static_assert(RS__TEXT_LANGS == 7, "two overlapping fours cover the languages");
    const __m128i zero = _mm_setzero_si128();
    __m128i halves = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(const void *)&lanes), zero);
    __m128i low = _mm_unpacklo_epi16(halves, zero);                     /* lanes 0..3 */
    __m128i high = _mm_slli_si128(_mm_unpackhi_epi16(halves, zero), 4); /* 0, lanes 4..6 */
    __m128i from_low = _mm_loadu_si128((const __m128i *)(const void *)from);
    __m128i from_high = _mm_loadu_si128((const __m128i *)(const void *)(from + 3));
    _mm_storeu_si128((__m128i *)(void *)(to + 3), _mm_add_epi32(from_high, high));
    _mm_storeu_si128((__m128i *)(void *)to, _mm_add_epi32(from_low, low));
#else
    to[0] = from[0] + (uint8_t)lanes;
    to[1] = from[1] + (uint8_t)(lanes >> 8);
    to[2] = from[2] + (uint8_t)(lanes >> 16);
    to[3] = from[3] + (uint8_t)(lanes >> 24);
    to[4] = from[4] + (uint8_t)(lanes >> 32);
    to[5] = from[5] + (uint8_t)(lanes >> 40);
    to[6] = from[6] + (uint8_t)(lanes >> 48);
#endif
    return widget + (uint32_t)(lanes >> (8 * RS__TEXT_LANGS));
}

static inline void rs__text_words_flush(rs__text_words *w)
{
    w->widget = rs__text_add_stop_lanes(w->stop, w->stop, w->widget, w->stop_counts);
    w->stop_counts = 0;
    w->stop_pending = 0;
}

/* What a word whose lexicon answer is lex adds to stop_counts: bit k of
   lex (the languages, then the widget bit) at the bottom of byte k. */
#define RS__TEXT_STOP_LANES(lex) \
    (((uint64_t)((lex) & (RS__WORD_LANGS | RS__WORD_WIDGET)) * 0x0002040810204081ull) \
     & 0x0101010101010101ull)
/* RS__TEXT_STOP_LANES() of every answer's low byte. */
extern const uint64_t rs__text_stop_lanes[256];

/* A word with letters whose key's lexicon answer is lex. */
static inline void rs__text_words_add_alpha(rs__text_words *w, const rs__token *t, unsigned lex)
{
    unsigned capital = (t->flags & RS_TF_UPPER_FIRST) != 0;
    if (w->alpha <= 2) {
        /* "By Name", "Posted by Name": the author word among the first two
           (after_by is only asked here, so only the opening words set it) */
        if (w->after_by && capital)
            w->by_name = true;
        w->after_by = (lex & RS__WORD_BYLINE) != 0;
        w->capitalised_inner += capital & (w->alpha > 0); /* no branch: capitals vary */
    } else {
        w->capitalised_inner += capital;
    }
    w->capitalised += capital;
    w->month |= (lex & RS__WORD_MONTH) != 0;
    w->lex_seen |= lex;
    w->alpha++;
    /* the seven language bits and the widget bit, each moved to the bottom
       of its own byte (bit k << 7k for k = 0..7 do not overlap), add up for
       255 words before a byte could overflow */
    w->stop_counts += RS__TEXT_STOP_LANES(lex);
    if (++w->stop_pending == 255)
        rs__text_words_flush(w);
}

/* A plain word measuring looked up: its key's rs__word_lex() and
   rs__word_fold_hash() (the key is never empty). */
static inline void rs__text_words_add_known(rs__text_words *w, const rs__token *t, unsigned lex,
                                            uint64_t fold_hash)
{
    w->key = rs__word_key_step(w->key, fold_hash);
    w->keyed = true;
    rs__text_words_add_alpha(w, t, lex);
}

/*
 * rs__text_words_add_known() for a run of words, kept in registers: most
 * of what a word adds is a sum.  A batch is taken from w, adds words while
 * it has room (rs__text_words_batch_room(): not one of the block's opening
 * words, whose order counts, nor one that fills the stop counts' bytes),
 * and is put back before w is used any other way, the word without room
 * included.
 */
typedef struct rs__text_words_batch {
    uint64_t key, stop_counts;
    uint32_t room, taken_room; /* words it may add, now and when taken */
    uint32_t capitals;
    unsigned lex; /* the union of the words' answers */
} rs__text_words_batch;

static inline void rs__text_words_batch_take(rs__text_words_batch *b, const rs__text_words *w)
{
    /* a word that makes stop_pending 255 empties stop_counts: rs__text_words_add_alpha() */
    uint32_t room = w->alpha <= 2 ? 0 : 254 - w->stop_pending;
    *b = (rs__text_words_batch){.key = w->key, .stop_counts = w->stop_counts, .room = room,
                                .taken_room = room};
}

static inline void rs__text_words_batch_put(const rs__text_words_batch *b, rs__text_words *w)
{
    uint32_t added = b->taken_room - b->room;
    w->key = b->key;
    w->stop_counts = b->stop_counts;
    w->stop_pending += added;
    w->alpha += added;
    /* past the opening words every capital is an inner one too */
    w->capitalised += b->capitals;
    w->capitalised_inner += b->capitals;
    w->month |= (b->lex & RS__WORD_MONTH) != 0;
    w->lex_seen |= b->lex;
    w->keyed |= added != 0;
}

static inline bool rs__text_words_batch_room(const rs__text_words_batch *b)
{
    return b->room != 0;
}

/*
 * rs__text_words_add_known() of one of a block's opening words (w->alpha
 * <= 2), where the batch b was taken with no room and has added nothing,
 * so that it holds w's key and stop counts: w and b both as they would be
 * after putting b back, adding the word and taking b again.  flags: the
 * token's RS_TF_*.
 */
static inline void rs__text_words_batch_add_opening(rs__text_words_batch *b, rs__text_words *w,
                                                    unsigned flags, unsigned lex,
                                                    uint64_t fold_hash)
{
    unsigned capital = flags & RS_TF_UPPER_FIRST;
    w->key = b->key = rs__word_key_step(b->key, fold_hash);
    w->keyed = true;
    if (w->after_by && capital)
        w->by_name = true;
    w->after_by = (lex & RS__WORD_BYLINE) != 0;
    w->capitalised_inner += capital & (w->alpha > 0); /* no branch: capitals vary */
    w->capitalised += capital;
    w->month |= (lex & RS__WORD_MONTH) != 0;
    w->lex_seen |= lex;
    w->alpha++;
    /* three words at most since the counts were emptied: far from full */
    w->stop_counts = b->stop_counts += rs__text_stop_lanes[lex & 0xFF];
    w->stop_pending++;
    uint32_t room = w->alpha <= 2 ? 0 : 254 - w->stop_pending;
    b->room = b->taken_room = room;
}

/* rs__text_words_add_known() of a word, where the batch has room.  flags:
   the token's RS_TF_*. */
static inline void rs__text_words_batch_add(rs__text_words_batch *b, unsigned flags, unsigned lex,
                                            uint64_t fold_hash)
{
    b->key = rs__word_key_step(b->key, fold_hash);
    b->capitals += flags & RS_TF_UPPER_FIRST;
    b->lex |= lex;
    b->stop_counts += rs__text_stop_lanes[lex & 0xFF];
    b->room--;
}

/* A number (RS_WORD_NUMBER): it counts, and is no word of the key ("1
   Novavax ..." and "2 Novavax ..." are the same item).  A batch may be
   taken meanwhile. */
static inline void rs__text_words_add_number(rs__text_words *w)
{
    w->numbers++;
    w->widget++;
}

/* Any other word token, looked up here (the block's bytes may be read in
   eights up to buffer + end). */
void rs__text_words_add_other(rs__text_words *w, const rs__cue_index *index, const char *buffer,
                              size_t end, const rs__token *t);

/*
 * The description of a block, buffer[offset..offset+len) with its tokens
 * and counts, whose word tokens all went into w in order (w is read, not
 * updated: its stop counts are left unflushed).
 */
void rs__text_describe_words(const rs__cue_index *index, const char *buffer, size_t offset,
                             size_t len, const rs__token *tokens, size_t count,
                             const rs_block *block, rs__text_words *w, rs__text_block *out);

/* Sets the cue bits of a block's text (the word counts must be set). */
void rs__text_cues(const rs__cue_index *index, const char *text, size_t len, rs__text_block *b);

/*
 * The byline's name: text without "By", a trailing view counter, and
 * what follows a separator (|, •, ·) or a line break.  Returns the length
 * of the name at text + *start.
 */
size_t rs__text_byline_name(const char *text, size_t len, size_t *start);

#endif
