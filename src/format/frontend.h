/*
 * frontend.h: what every input format hands to the analyzer.
 *
 * A front-end (plain text, Markdown, HTML) turns input bytes into blocks, in
 * document order, and reports metadata.  Each block carries the text a
 * reader sees, where it came from in the input, and the markup evidence the
 * role classifier weighs (src/doc/roles.c).  The analyzer copies what it
 * keeps, so the front-end may reuse its buffers after each call.
 */
#ifndef RS_FORMAT_FRONTEND_H
#define RS_FORMAT_FRONTEND_H

#include <stddef.h>
#include <stdint.h>

#include "readstat.h"

/* Markup evidence about where a block sits (HTML; Markdown sets a few). */
enum {
    RS_HINT_ARTICLE = 1u << 0,   /* inside <article>, <main>, role=main, articleBody */
    RS_HINT_NAV = 1u << 1,       /* inside <nav> or role=navigation */
    RS_HINT_HEADER = 1u << 2,    /* inside a page <header> (not one inside <article>) */
    RS_HINT_FOOTER = 1u << 3,    /* inside <footer> or role=contentinfo */
    RS_HINT_ASIDE = 1u << 4,     /* inside <aside> or role=complementary */
    RS_HINT_FORM = 1u << 5,      /* inside <form>, or a button/input label */
    RS_HINT_LIST = 1u << 6,      /* inside <ul>/<ol>/<dl> */
    RS_HINT_TABLE = 1u << 7,     /* inside <table> */
    RS_HINT_FIGURE = 1u << 8,    /* inside <figure> */
    RS_HINT_HIDDEN = 1u << 9,    /* hidden, aria-hidden, display:none */
    RS_HINT_BAD_NAME = 1u << 10, /* an enclosing class/id says chrome: nav, menu, share, comment, related, footer, sidebar, ad, cookie, subscribe... */
    RS_HINT_GOOD_NAME = 1u << 11,/* an enclosing class/id says content: article, story, post, entry, body, content, text */
    RS_HINT_BYLINE = 1u << 12,   /* rel=author, class/itemprop author or byline */
    RS_HINT_CAPTION = 1u << 13,  /* <figcaption>, <caption>, class caption/credit */
    RS_HINT_LINK_BLOCK = 1u << 14,/* the block is (almost) one link */
    RS_HINT_LOOSE_TEXT = 1u << 15,/* text straight inside a container (a div), not in a p */
    /* RS_OPT_STREAM: the block goes on from the one before, a block too long
       to keep whole that was cut inside a sentence, before a lower-case word */
    RS_HINT_CONTINUED = 1u << 16,
    /* with RS_HINT_CONTINUED: the white space the cut took out between the
       two texts, a space or a line break (neither: the cut split a token);
       the analyzer only hands it on (rs_block_view.joint) */
    RS_HINT_JOINT_SPACE = 1u << 17,
    RS_HINT_JOINT_LINE = 1u << 18,
    /* with RS_HINT_CONTINUED: the cut fell between two sentences, so the
       two pieces share none (a front-end's cut falls inside one) */
    RS_HINT_CUT_AT_SENTENCE_END = 1u << 19
};

/*
 * One element enclosing a block (HTML), so that the classifier can score
 * containers as readability does.  Ids number the elements in document
 * order, so blocks that share a container share its id.
 */
typedef struct rs__ancestor {
    uint32_t id;
    uint16_t flags;      /* RS_ELEM_* (format/html_tags.h) */
    uint8_t tag;         /* rs__html_tag */
    int8_t weight;       /* class/id weight, -50..50 */
    uint32_t class_hash; /* of the class attribute; 0 if none */
} rs__ancestor;

/* One block, as a front-end sees it. */
typedef struct rs__block_in {
    rs_block_kind kind;
    int level;                 /* heading level, else 0 */
    size_t start, end;         /* its source in the input: [start, end) */
    const char *text;          /* what a reader sees (UTF-8); need not be in the input */
    size_t text_len;
    /*
     * Where text offsets come from: text[map_text[k]..] was copied from
     * input[map_src[k]..] until the next entry.  NULL (map_len 0) when the
     * text is input[start..end) itself.
     */
    const size_t *map_text, *map_src;
    size_t map_len;
    /* evidence for the classifier */
    uint32_t hints;            /* RS_HINT_* */
    uint32_t link_bytes;       /* bytes of text inside links */
    uint32_t images;           /* images inside the block */
    uint16_t depth;            /* element nesting depth */
    const char *names;         /* enclosing class and id words, space-separated; may be NULL */
    size_t names_len;
    /* enclosing elements, outermost first, the block's own element last (HTML; may be NULL) */
    const rs__ancestor *path;
    size_t path_len;
} rs__block_in;

typedef struct rs__frontend_sink {
    rs_status (*block)(void *ud, const rs__block_in *block);
    /* A metadata value from the document; the first value of a key wins. */
    rs_status (*meta)(void *ud, const char *key, const char *value, size_t value_len);
    void *ud;
} rs__frontend_sink;

/*
 * A front-end.  feed() sees the whole input so far, text[0..len) (it may
 * have moved since the last call: keep offsets, not pointers), of which
 * the bytes from `from` on are new; at_end says no more will come.  A
 * front-end emits blocks once it knows them, and must emit each input byte
 * at most once.  The state is state_size bytes, zeroed before init().
 */
typedef struct rs__frontend_ops {
    size_t state_size;
    rs_status (*init)(void *state, const rs_allocator *alloc, size_t start);
    rs_status (*feed)(void *state, const char *text, size_t from, size_t len, bool at_end,
                      const rs__frontend_sink *sink);
    void (*release)(void *state);
    /*
     * For RS_OPT_STREAM, right after init(): the front-end is to read the
     * input as it comes, so that the analyzer can drop what it has read.
     * Returns false (or is NULL) if it needs the whole input.
     */
    bool (*stream)(void *state);
    /*
     * A front-end that streams says which bytes it may still read: none
     * before keep_from().  The
     * analyzer may then drop them; rebase() tells that the first `delta`
     * bytes are gone, so every offset the front-end keeps, and every
     * offset it hands over from then on, counts from the new first byte.
     */
    size_t (*keep_from)(const void *state);
    void (*rebase)(void *state, size_t delta);
    /*
     * A long block need not be kept whole either: open_block() tells the
     * block being read, whose text will start at *start and holds at least
     * [*start, *end); once the analyzer has measured [*start, cut) it calls
     * advance_open(cut), and the front-end emits the block from cut on.
     */
    bool (*open_block)(const void *state, size_t *start, size_t *end);
    void (*advance_open)(void *state, size_t start);
    /*
     * A front-end that reports metadata only at the end of the input hands
     * over what it knows so far when the first window of blocks is about to
     * be classified before the end (NULL: nothing to hand over early).
     */
    rs_status (*early_meta)(void *state, const rs__frontend_sink *sink);
} rs__frontend_ops;

extern const rs__frontend_ops rs__plaintext_ops;
extern const rs__frontend_ops rs__markdown_ops;
extern const rs__frontend_ops rs__html_ops;

/*
 * The bytes the sniffer reads (fewer at the end of input): it decides on
 * these alone, so that the answer does not depend on how the input was cut
 * into chunks, and the analyzer waits for them before it starts.
 */
enum { RS_SNIFF_BYTES = 16384 };

/* Guesses the format of an input from its first RS_SNIFF_BYTES. */
rs_format rs__sniff_format(const char *text, size_t len);

#endif
