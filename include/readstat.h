/*
 * readstat.h: the one public header of libreadstat.
 *
 * libreadstat reads article text and reports word, sentence and syllable
 * counts, readability scores, reading time and the document's blocks and
 * sections.
 *
 * Conventions
 *  - Every function that can fail returns an rs_status: RS_OK (0) or a
 *    negative code; rs_strerror() turns it into a message.
 *  - Whatever a *_new function makes, the matching *_free releases.  Strings
 *    handed out by a report are owned by the report and live as long as it.
 *  - The library keeps no global state, never prints and never exits.  One
 *    analyzer per thread; reports are immutable and may be shared.
 *  - Byte offsets always refer to the input exactly as it was fed.
 */
#ifndef READSTAT_H
#define READSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(READSTAT_BUILDING)
#define RS_API __declspec(dllexport)
#elif defined(__GNUC__)
#define RS_API __attribute__((visibility("default")))
#else
#define RS_API
#endif

#define READSTAT_VERSION_MAJOR 0
#define READSTAT_VERSION_MINOR 1
#define READSTAT_VERSION_PATCH 0
#define READSTAT_VERSION "0.1.0"

/** The library's version string, e.g. "0.1.0" (static storage). */
RS_API const char *readstat_version(void);

/* ------------------------------------------------------------------ */
/* Status codes                                                         */

typedef enum rs_status {
    RS_OK = 0,
    RS_ERR_NOMEM = -1,    /* an allocation failed */
    RS_ERR_ARG = -2,      /* a NULL or out-of-range argument */
    RS_ERR_BINARY = -3,   /* the input holds NUL bytes: not text */
    RS_ERR_ENCODING = -4, /* the input is UTF-16 or UTF-32, not UTF-8 */
    RS_ERR_LANG = -5,     /* the requested language is not supported */
    RS_ERR_STATE = -6,    /* the analyzer was already finished or failed */
    RS_ERR_LIMIT = -7,    /* the input exceeds a size limit */
    RS_ERR_UNAVAILABLE = -8 /* a library the format needs (libxml2 for HTML, md4c for Markdown) cannot be loaded */
} rs_status;

/** A static, human-readable message for a status code. */
RS_API const char *rs_strerror(rs_status status);

/* ------------------------------------------------------------------ */
/* Allocation                                                           */

/**
 * Allocator hooks.  realloc_fn(ud, NULL, 0, n) allocates; realloc_fn(ud, p,
 * old, 0) frees and returns NULL; otherwise it resizes.  Same contract as
 * lua_Alloc, so one function can serve both.  NULL means the C library.
 */
typedef void *(*rs_realloc_fn)(void *ud, void *ptr, size_t old_size, size_t new_size);

typedef struct rs_allocator {
    rs_realloc_fn realloc_fn;
    void *ud;
} rs_allocator;

/* ------------------------------------------------------------------ */
/* Options                                                              */

enum {
    /** Keep per-sentence and per-word detail (rs_report_sentence etc.). */
    RS_OPT_DETAIL = 1u << 0,
    /** Measure the whole page: every block counts, boilerplate included. */
    RS_OPT_ALL = 1u << 1,
    /**
     * Streaming: memory stays bounded however long the input is (plain
     * text and Markdown; not HTML, see below).  Not with RS_OPT_DETAIL:
     * rs_analyzer_new() returns RS_ERR_ARG for the pair.
     *
     * The report then holds the figures only:
     *  - rs_report_counts(), _readability(), _reading_time(), their page_
     *    forms, rs_report_meta*(), rs_report_format(), rs_report_invalid_utf8()
     *    and the sections, as without the flag;
     *  - no blocks: rs_report_block_count() is 0, rs_report_block() NULL
     *    (rs_analyzer_on_block() hands them over as they go);
     *    rs_report_block_text() answers only for a kept section's
     *    heading_block (the block's number in the input, as without the
     *    flag), so that sections keep their heading text;
     *  - no input: rs_report_text() is "" with length 0;
     *  - no sentences or words (as without RS_OPT_DETAIL).
     * rs_report_write_json() then writes no "blocks" key and adds
     * "sections_truncated": the number of sections left out (see below).
     *
     * How it stays bounded.  Blocks are read in windows (up to 1024 blocks
     * or 256 KiB of input).  When a window is full, at a block boundary,
     * its blocks get their roles as if the window were the whole page, are
     * added to the main, page and section figures, and are dropped with the
     * input before them.  So an input that fits in one window gets exactly
     * the figures it gets without the flag; a longer one is classified
     * window by window (repeats, menus and the story are looked for within
     * a window; the title and byline metadata, and a Markdown title, come
     * from the first window).  The page figures are every block's either
     * way.  Only the first 1024 sections are kept (and only while their
     * heading texts total under 256 KiB); the others still count in the
     * main and page figures.  Spache's unfamiliar words are unique words:
     * their set stops growing at 32768 words, and past that each
     * occurrence of a word not in it counts as one more unfamiliar word (an
     * overcount, for inputs with a huge vocabulary).
     *
     * Plain text: a block longer than 128 KiB (a paragraph without blank
     * lines, a line without line breaks) is measured in pieces cut at
     * sentence ends, or between words inside a sentence that long, with
     * the same counts.  Markdown: md4c parses whole documents, so past
     * 256 KiB the document is parsed in pieces, cut before a line that
     * follows a blank line, starts in the first column and is not a list
     * item, outside fenced code and raw HTML; a link reference definition
     * then serves only its own piece, and memory grows with the longest
     * stretch without such a place.  HTML: the classifier scores the
     * containers of a window's blocks as if they were the page; the page's
     * metadata is what its head and first window say.  A block longer
     * than 256 KiB of text (one huge paragraph) is handed over in pieces,
     * cut before a lower-case word, with the same counts (with none in its
     * last 16 KiB, at a space or inside a word).  Elements nested
     * deeper than 4096 levels are transparent: their text belongs to the
     * deepest element kept (libxml2 itself still keeps a few bytes per
     * open element).  A comment or a script is still held whole while
     * libxml2 reads it.
     */
    RS_OPT_STREAM = 1u << 2
};

/** Input formats.  AUTO sniffs the first 16 KiB (HTML, Markdown, else text). */
typedef enum rs_format {
    RS_FORMAT_AUTO = 0,
    RS_FORMAT_TEXT,
    RS_FORMAT_MARKDOWN,
    RS_FORMAT_HTML,
    RS_FORMAT__COUNT
} rs_format;

/** "auto", "text", "markdown", "html"; NULL if out of range. */
RS_API const char *rs_format_name(rs_format format);

/**
 * Analysis options.  Always start from rs_options_init(), then change the
 * fields you care about: new fields get defaults there.
 */
typedef struct rs_options {
    const char *lang;             /* "en" (the default; the only one so far) */
    double words_per_minute;      /* default 238 (Brysbaert 2019, non-fiction) */
    double cjk_chars_per_minute;  /* default 500 (Medium) */
    unsigned flags;               /* RS_OPT_* bits */
    rs_format format;             /* default RS_FORMAT_AUTO */
    const rs_allocator *allocator; /* NULL: malloc/realloc/free */
} rs_options;

/** Fills *opts with the defaults. */
RS_API void rs_options_init(rs_options *opts);

/* ------------------------------------------------------------------ */
/* Results                                                              */

/** Base counts; every score is derived from these alone. */
typedef struct rs_counts {
    uint64_t characters;       /* code points that are not white space or marks */
    uint64_t letters;          /* letters inside words */
    uint64_t digits;           /* digits inside words (ARI counts them) */
    uint64_t words;            /* words, plus one per CJK character */
    uint64_t sentences;
    uint64_t syllables;        /* over the scored words */
    uint64_t paragraphs;
    uint64_t monosyllables;    /* scored words of one syllable */
    uint64_t polysyllables;    /* scored words of three or more */
    uint64_t complex_words;    /* Gunning Fog's complex words */
    uint64_t long_words;       /* more than 6 letters (LIX, RIX) */
    uint64_t difficult_words;  /* not on the Dale-Chall list (occurrences) */
    uint64_t unfamiliar_words; /* unique words not on the Spache list */
    uint64_t cjk_chars;
    uint64_t images;
    uint64_t unscored_words;   /* URLs, e-mails, @handles, #tags, CJK: no syllables */
} rs_counts;

/** The scores, in the order the JSON lists them. */
typedef enum rs_score_id {
    RS_SCORE_FLESCH_READING_EASE = 0,
    RS_SCORE_FLESCH_KINCAID_GRADE,
    RS_SCORE_GUNNING_FOG,
    RS_SCORE_SMOG,
    RS_SCORE_COLEMAN_LIAU,
    RS_SCORE_ARI,
    RS_SCORE_DALE_CHALL,
    RS_SCORE_SPACHE,
    RS_SCORE_LIX,
    RS_SCORE_RIX,
    RS_SCORE_LINSEAR_WRITE,
    RS_SCORE_FORCAST,
    RS_SCORE_CONSENSUS_GRADE,
    RS_SCORE__COUNT
} rs_score_id;

/** A score is either defined (a finite number) or not (JSON null). */
typedef struct rs_readability {
    double value[RS_SCORE__COUNT];
    bool defined[RS_SCORE__COUNT];
} rs_readability;

/** The snake_case key of a score, e.g. "flesch_reading_ease"; NULL if out of range. */
RS_API const char *rs_score_name(rs_score_id id);

/** Computes every score from counts.  Never produces NaN or infinity. */
RS_API void rs_readability_compute(const rs_counts *counts, rs_readability *out);

typedef struct rs_reading_time {
    uint64_t seconds;         /* rounded to the nearest second */
    uint64_t minutes;         /* seconds / 60, rounded up */
    double words_per_minute;  /* the rate used for non-CJK words */
} rs_reading_time;

/**
 * Reading time: words at words_per_minute, CJK characters at
 * cjk_chars_per_minute, plus Medium's image allowance (12 s for the first
 * image, one second less for each next one, never under 3 s).
 */
RS_API void rs_reading_time_compute(const rs_counts *counts, const rs_options *opts,
                                    rs_reading_time *out);

typedef enum rs_block_kind {
    RS_BLOCK_PARAGRAPH = 0,
    RS_BLOCK_HEADING,
    RS_BLOCK_LIST_ITEM,
    RS_BLOCK_QUOTE,
    RS_BLOCK_CODE,
    RS_BLOCK_CAPTION,
    RS_BLOCK_TABLE_CELL,
    RS_BLOCK_IMAGE,       /* an image (or figure) with no text of its own */
    RS_BLOCK__COUNT
} rs_block_kind;

typedef enum rs_role {
    RS_ROLE_CONTENT = 0,
    RS_ROLE_TITLE,
    RS_ROLE_BYLINE,
    RS_ROLE_CAPTION,
    RS_ROLE_BOILERPLATE,
    RS_ROLE__COUNT
} rs_role;

/** "paragraph", "heading", ...; NULL if out of range. */
RS_API const char *rs_block_kind_name(rs_block_kind kind);
/** "content", "title", ...; NULL if out of range. */
RS_API const char *rs_role_name(rs_role role);

typedef struct rs_block {
    rs_block_kind kind;
    rs_role role;
    int level;          /* heading level (1 = top); 0 for other blocks */
    size_t start, end;  /* byte offsets of its source: [start, end) */
    uint64_t words;
    uint64_t sentences;
    size_t section;     /* index of the section the block belongs to */
    rs_counts counts;   /* the block's own counts (unfamiliar: unique in it) */
} rs_block;

/**
 * A section: a heading and what follows it up to the next heading of the
 * same or a higher level (text before the first heading is a level-0
 * section).  Its counts cover its own blocks and its subsections', main
 * content only (unless RS_OPT_ALL).
 */
typedef struct rs_section {
    size_t heading_block; /* index of its heading block, or RS_NONE */
    int level;            /* heading level; 0 for the text before the first heading */
    size_t parent;        /* index of the enclosing section, or RS_NONE */
    bool boilerplate;     /* every block in it is page chrome */
    size_t start, end;    /* byte offsets: [start, end) */
    rs_counts counts;
    rs_readability readability;
    rs_reading_time reading_time;
} rs_section;

#define RS_NONE ((size_t)-1)

/** A sentence; present only with RS_OPT_DETAIL. */
typedef struct rs_sentence {
    size_t start, end;   /* byte offsets of its source */
    size_t block;        /* index of its block */
    size_t first_word;   /* index into the report's words */
    uint32_t words;
    uint32_t scored_words; /* words that have syllables */
    uint32_t syllables;
} rs_sentence;

typedef enum rs_word_kind {
    RS_WORD_PLAIN = 0, /* letters, marks, digits, inner apostrophes and hyphens */
    RS_WORD_NUMBER,    /* 1,000  3.14  16th: starts with a digit */
    RS_WORD_URL,
    RS_WORD_EMAIL,
    RS_WORD_HANDLE,    /* @name */
    RS_WORD_HASHTAG,   /* #tag */
    RS_WORD_CJK,       /* one CJK ideograph, kana or Hangul syllable */
    RS_WORD__COUNT
} rs_word_kind;

/** "word", "number", "url", ...; NULL if out of range. */
RS_API const char *rs_word_kind_name(rs_word_kind kind);

/** A word; present only with RS_OPT_DETAIL. */
typedef struct rs_word {
    size_t start, end;  /* byte offsets */
    rs_word_kind kind;
    uint32_t syllables; /* 0 for unscored words */
} rs_word;

typedef struct rs_report rs_report;

/* ------------------------------------------------------------------ */
/* Analysis                                                             */

typedef struct rs_analyzer rs_analyzer;

/**
 * Makes a streaming analyzer.  opts may be NULL for the defaults; it is
 * copied (the lang string is not kept).  On success *out owns a new
 * analyzer, to be released with rs_analyzer_free().
 * Errors: RS_ERR_NOMEM, RS_ERR_ARG (also for RS_OPT_STREAM with
 * RS_OPT_DETAIL), RS_ERR_LANG.
 */
RS_API rs_status rs_analyzer_new(const rs_options *opts, rs_analyzer **out);

/**
 * Feeds the next len bytes of the input.  Chunks may split a UTF-8 sequence,
 * a word or a sentence anywhere: the report is the same as for one buffer.
 * Errors: RS_ERR_BINARY (a NUL byte), RS_ERR_ENCODING (UTF-16/32 byte
 * order mark), RS_ERR_NOMEM, RS_ERR_STATE, RS_ERR_UNAVAILABLE (HTML input
 * and libxml2, or Markdown input and md4c, cannot be loaded: each is opened
 * on the first document that needs it).
 * After an error the analyzer only accepts rs_analyzer_free().
 */
RS_API rs_status rs_analyzer_feed(rs_analyzer *a, const char *buf, size_t len);

/**
 * Feeding without a copy, for a caller that reads the input itself (with
 * read(), say): rs_analyzer_room() lends *room, len writable bytes where
 * the next input goes, and rs_analyzer_commit() feeds the first n of them
 * that the caller filled, as rs_analyzer_feed() would feed a copy.  The
 * loan ends with the commit, the next rs_analyzer_room() or
 * rs_analyzer_feed(), or rs_analyzer_finish(); the bytes are the
 * analyzer's, so room is not freed.
 * Errors of rs_analyzer_room(): RS_ERR_NOMEM, RS_ERR_LIMIT, RS_ERR_STATE.
 * Errors of rs_analyzer_commit(): those of rs_analyzer_feed(), and
 * RS_ERR_ARG for more than the room lent (or no room lent).
 */
RS_API rs_status rs_analyzer_room(rs_analyzer *a, size_t len, char **room);
RS_API rs_status rs_analyzer_commit(rs_analyzer *a, size_t len);

/**
 * Feeding in place, for a caller that holds the whole input in memory (a
 * mapped file, say) and asked for RS_OPT_STREAM: rs_analyzer_lend() lends
 * the analyzer input[0..len), which it then reads where it is, without a
 * copy, and rs_analyzer_commit() feeds it, in order, in steps of the
 * caller's choosing.  Lend before any other input; afterwards
 * rs_analyzer_feed() and rs_analyzer_room() are refused (RS_ERR_STATE),
 * and a finish before all of it is committed ends the input there.  The
 * bytes must stay readable and unchanged until rs_analyzer_finish() or
 * rs_analyzer_free() returns.  Lending zero bytes lends nothing.
 * Errors: RS_ERR_ARG, RS_ERR_STATE (no RS_OPT_STREAM, or input came before).
 */
RS_API rs_status rs_analyzer_lend(rs_analyzer *a, const char *input, size_t len);

/**
 * How many of the lent input's first bytes the analyzer has passed over
 * for good: it reads them no more, so the caller may release their memory
 * (unmap their pages) as it commits the rest, which keeps a mapped input's
 * resident pages bounded however long it is.  0 without a loan.
 */
RS_API size_t rs_analyzer_passed(const rs_analyzer *a);

/**
 * Ends the input and hands over the report in *out (the caller frees it with
 * rs_report_free()).  The analyzer is spent afterwards; free it.
 */
RS_API rs_status rs_analyzer_finish(rs_analyzer *a, rs_report **out);

/**
 * Sets a metadata entry before the input is fed (e.g. from a CMS or the
 * command line); it wins over what the document itself says.  Both strings
 * are copied.  Errors: RS_ERR_ARG, RS_ERR_NOMEM, RS_ERR_STATE.
 */
RS_API rs_status rs_analyzer_set_meta(rs_analyzer *a, const char *key, const char *value);

/**
 * A block whose role is settled, as rs_analyzer_on_block() hands it over.
 * block and text are the analyzer's and valid only during the call.
 */
typedef struct rs_block_view {
    size_t index;          /* the block's number in the input: 0, 1, ... (each
                              piece of a block that streaming cut counts
                              as one, see continues) */
    const rs_block *block; /* as the report holds it (role, kind, counts; with
                              RS_OPT_STREAM, section is RS_NONE past the
                              sections the report keeps) */
    const char *text;      /* as rs_report_block_text() gives it */
    size_t len;
    bool main;             /* main content, as rs_report_block_is_main() with the
                              analysis's RS_OPT_ALL tells */
    /* a piece of the block before it, which streaming cut (a paragraph of
       megabytes, say): the two texts go on with no break between them but
       joint, the white space the cut took out (' ', '\n', or 0 for none) */
    bool continues;
    char joint;
} rs_block_view;

typedef void (*rs_block_fn)(void *ud, const rs_block_view *view);

/**
 * Hands every block to fn, once, in input order, when its role is
 * settled: with RS_OPT_STREAM as each window is classified, before it is
 * dropped; otherwise in rs_analyzer_finish(), before it returns.  This is
 * how a streamed analysis, which keeps no blocks, yields its main text
 * (readstat --extract): the texts of the views marked main, in order.  A
 * plain-text paragraph that streaming measures in pieces then keeps its
 * text; once that is 1 MiB its window closes early, and the rest comes as
 * blocks of their own, each going on from the one before (continues, no
 * joint), so that memory does not grow with the paragraph.  Such a part
 * gets its role as a block of its own.  fn must not call the analyzer.
 * Set it before any input.  Errors: RS_ERR_ARG, RS_ERR_STATE (input came
 * before).
 */
RS_API rs_status rs_analyzer_on_block(rs_analyzer *a, rs_block_fn fn, void *ud);

/** Releases an analyzer; NULL is allowed. */
RS_API void rs_analyzer_free(rs_analyzer *a);

/** One-shot analysis of buf[0..len): new + feed + finish + free. */
RS_API rs_status rs_analyze(const char *buf, size_t len, const rs_options *opts,
                            rs_report **out);

/* ------------------------------------------------------------------ */
/* Report accessors: the report owns everything they return.            */

RS_API void rs_report_free(rs_report *r);

/** The input bytes, as fed (len may be NULL). */
RS_API const char *rs_report_text(const rs_report *r, size_t *len);
RS_API const char *rs_report_language(const rs_report *r);
RS_API const rs_options *rs_report_options(const rs_report *r);

/** How the input was read (never RS_FORMAT_AUTO). */
RS_API rs_format rs_report_format(const rs_report *r);

/**
 * The main figures: content and caption blocks (title, byline and
 * boilerplate are reported but not counted; code blocks are in the main
 * content but are not prose, so they are not counted either), or every
 * block with RS_OPT_ALL.
 */
RS_API const rs_counts *rs_report_counts(const rs_report *r);
RS_API const rs_readability *rs_report_readability(const rs_report *r);
RS_API const rs_reading_time *rs_report_reading_time(const rs_report *r);

/** The whole page, every block counted, whatever the options. */
RS_API const rs_counts *rs_report_page_counts(const rs_report *r);
RS_API const rs_readability *rs_report_page_readability(const rs_report *r);
RS_API const rs_reading_time *rs_report_page_reading_time(const rs_report *r);

/**
 * Metadata: "title", "byline", "date", "language", "site_name",
 * "description", front-matter keys, and keys the caller set with
 * rs_analyzer_set_meta().  Values are UTF-8 strings.
 */
RS_API size_t rs_report_meta_count(const rs_report *r);
RS_API bool rs_report_meta_at(const rs_report *r, size_t i, const char **key, const char **value);
/** The value of key, or NULL. */
RS_API const char *rs_report_meta(const rs_report *r, const char *key);

/** Number of invalid UTF-8 sequences read as U+FFFD. */
RS_API uint64_t rs_report_invalid_utf8(const rs_report *r);

RS_API size_t rs_report_block_count(const rs_report *r);
RS_API const rs_block *rs_report_block(const rs_report *r, size_t i);
/**
 * Does block i count in the main figures?  Content and caption blocks do;
 * with all (as RS_OPT_ALL), every block does.
 */
RS_API bool rs_report_block_is_main(const rs_report *r, size_t i, bool all);
/**
 * The block's text as a reader sees it: for plain text the input bytes, for
 * Markdown and HTML the text without markup, entities decoded.
 */
RS_API const char *rs_report_block_text(const rs_report *r, size_t i, size_t *len);

RS_API size_t rs_report_section_count(const rs_report *r);
RS_API const rs_section *rs_report_section(const rs_report *r, size_t i);

/** 0 unless the report was made with RS_OPT_DETAIL. */
RS_API size_t rs_report_sentence_count(const rs_report *r);
RS_API const rs_sentence *rs_report_sentence(const rs_report *r, size_t i);
RS_API size_t rs_report_word_count(const rs_report *r);
RS_API const rs_word *rs_report_word(const rs_report *r, size_t i);
/** A sentence's or word's text, a slice of its block's text. */
RS_API const char *rs_report_sentence_text(const rs_report *r, size_t i, size_t *len);
RS_API const char *rs_report_word_text(const rs_report *r, size_t i, size_t *len);

/* ------------------------------------------------------------------ */
/* Single words                                                         */

/**
 * English syllables in one word (UTF-8, any case).  Numbers are counted as
 * spoken ("1,000" is "one thousand": 3).  Returns 0 for a string with no
 * letters or digits.
 */
RS_API unsigned rs_syllables(const char *word, size_t len);

/* ------------------------------------------------------------------ */
/* JSON output                                                          */

/** Receives output bytes; returns 0 to go on, non-zero to stop. */
typedef int (*rs_write_fn)(void *ud, const char *bytes, size_t len);

enum {
    RS_JSON_PRETTY = 1u << 0, /* indent; otherwise one line */
    RS_JSON_DETAIL = 1u << 1, /* add sentences and words (if kept) */
    RS_JSON_EXTRACT = 1u << 2 /* only metadata and the main content's text */
};

/**
 * Writes the report as one JSON object (no trailing newline).  source is the
 * value of the "source" key (a file name, or "-"); NULL writes null.
 * Returns RS_ERR_STATE if write returned non-zero.
 */
RS_API rs_status rs_report_write_json(const rs_report *r, const char *source, unsigned flags,
                                      rs_write_fn write, void *ud);

/** Hands over the next stretch of text in *text and *len; false when there is none. */
typedef bool (*rs_text_next_fn)(void *ud, const char **text, size_t *len);

/**
 * rs_report_write_json() with RS_JSON_EXTRACT, whose "text" is not the
 * report's blocks but the stretches next() hands over, in order, as they
 * are (the caller puts in the blank lines between blocks): the text of a
 * streamed report, gathered with rs_analyzer_on_block().  A stretch must
 * not end inside a UTF-8 sequence that the next one completes.
 */
RS_API rs_status rs_report_write_extract_json(const rs_report *r, const char *source,
                                              unsigned flags, rs_write_fn write, void *ud,
                                              rs_text_next_fn next, void *next_ud);

#ifdef __cplusplus
}
#endif

#endif /* READSTAT_H */
