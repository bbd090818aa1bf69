/*
 * Plain-text roles: title, byline, content, caption or boilerplate, from the
 * text alone.
 *
 * Method.  A page copied as plain text keeps no markup, only its lines and
 * their order, so the classifier reads the blocks the way jusText does
 * (Pomikálek 2011) and then looks for the story as one stretch of prose:
 *
 *  1. Each block is described (roles_text_features.c): its words, the share
 *     of them that are function words ("stop words") in the page's language,
 *     how many are capitalised, how it ends (. ! ? … or not), and cue phrases
 *     (roles_text_cues.c) that page chrome shares across sites: counters
 *     and share bars ("Comments0", "300", "Share"), navigation ("Skip to
 *     content", "Sign in", breadcrumbs), cookie and subscription notices,
 *     copyright footers, comment-section heads, advertisement labels,
 *     picture credits ("/ Source", "Photo:", "(AP Photo/...)"), bylines
 *     ("By Name", "Name Views"), datelines and teaser tails ("Read more").
 *     The page's language is the one of the seven known whose function
 *     words occur most (roles_text_lexicon.c).
 *  2. Each block gets a quality, as jusText's: good (a long block of
 *     punctuated prose, rich in function words), near-good (shorter or
 *     poorer prose), short (too short to tell: headings, names, labels) or
 *     bad.  Bad blocks are those with a chrome cue, those repeated on the
 *     page (the same words twice: both are chrome, unless clearly prose),
 *     link lists (runs of three or more short list items set as menus or
 *     headlines, in title case; not lists of things in lower case, nor
 *     lists a line ending in ':' announces), list items that open with a
 *     time or date (feeds, archives), and runs of three or more short
 *     title-case lines (menus without bullets).  Words about the site's
 *     machinery (cookies, newsletter, terms of use) make a short line
 *     chrome but only lower a paragraph of prose one grade.
 *  3. The story is the densest run of prose: the stretch of consecutive
 *     blocks with the largest total weight, where good prose weighs its
 *     words, near-good half of them, a short block costs a little and a bad
 *     block costs twice its words (a maximum-sum subarray); bare numbers,
 *     picture credits and blocks of short lines kept verbatim (code, verse)
 *     cost little.  Chrome costing twice its words means the story reaches
 *     past chrome only to prose that outweighs it two to one.  The head of
 *     a comment section and a copyright footer end any run: what follows
 *     them is never the story.  So a heading, a caption or a chart between
 *     paragraphs stays in the story, while a list of headlines after it
 *     does not.
 *  4. Inside the run, blocks are content, except chrome that cannot be
 *     story text (counters, notices, footers, advertisement labels,
 *     repeated non-prose, headline lists) and picture credits, which are
 *     captions.  Outside the run, blocks are boilerplate unless they are
 *     themselves good prose of some length, not too far from the run.
 *  5. The title is the headline before the story: the nearest heading-like
 *     line (a few words, no final full stop, not a list item, not chrome)
 *     before the run, or one up to four blocks further up that a byline
 *     follows.  The byline is a "By
 *     Name", a "Name Views", a "Name | date" or a line of two to four
 *     capitalised words between the title and the story, or such a name
 *     (with an e-mail address or not) right after the story.  Its name,
 *     without "By" or a view counter, becomes the "byline" metadata.  A
 *     caption is a credited block near the story, or the short line right
 *     before a credit that stands alone.
 *
 * A page with no sign of chrome at all (no cue, no link list, no repeat)
 * is a document of its own, such as a text a writer pastes in: all of it is
 * content, its headings included (credited lines are still captions).
 */
#include <string.h>

#include "core/alloc.h"
#include "core/hints.h"
#include "doc/roles.h"
#include "doc/roles_text.h"

/* Block qualities, worst first. */
enum { Q_BAD, Q_SHORT, Q_NEAR, Q_GOOD };

/* Why a block is chrome, besides its own cues. */
enum {
    F_REPEAT = 1u << 0,    /* its words occur in another block too */
    F_LINK_LIST = 1u << 1, /* an item of a link list */
    F_LIST_HEAD = 1u << 2, /* the short line that heads a link list */
    F_MENU = 1u << 3,      /* one of a run of short title-case lines */
    F_HARD = 1u << 4       /* a hard cue that its wording does not excuse */
};

/* Cues that no story text carries, wherever it stands. */
#define HARD_CUES (RS__CUE_COUNTER | RS__CUE_NOTICE | RS__CUE_FOOTER | RS__CUE_COMMENTS | RS__CUE_AD)
/* Cues of page chrome that a story may still hold (a "Related" heading). */
#define SOFT_CUES (RS__CUE_NAV | RS__CUE_TEASER)
/*
 * Words that prose may use for its own reasons: a story about privacy names
 * cookies and terms of service.  They make a short line chrome ("Privacy
 * Policy | Terms of Use"), but only lower a paragraph of prose a grade.
 */
#define SITE_CUES RS__CUE_SITE_WORDS

enum {
    GOOD_MIN_WORDS = 20,      /* good prose: at least this long... */
    GOOD_LONG_WORDS = 50,     /* ...and punctuated, unless this long */
    NEAR_MIN_WORDS = 8,
    SENTENCE_MIN_WORDS = 4,   /* a punctuated sentence this long is near-good */
    ITEM_CLAUSE_MIN_WORDS = 5,
    GOOD_STOP_PERCENT = 25,   /* share of function words in good prose */
    NEAR_STOP_PERCENT = 18,
    LANG_MIN_PERCENT = 8,     /* a page with fewer function words has no known language */
    LIST_ITEM_MAX_WORDS = 20, /* a link text is shorter than this */
    LINK_LIST_MIN_ITEMS = 3,
    LIST_MENU_MEAN_WORDS = 4, /* items of a menu are this short on average */
    HEADLINE_MIN_WORDS = 5,
    LIST_GLUE_MAX_WORDS = 3,  /* "LIFESTYLE", "1" between the items of one list */
    MENU_MAX_WORDS = 12,
    MENU_LINE_MAX_WORDS = 5,  /* longer lines are headlines, not menu entries */
    VERBATIM_MIN_LINES = 3,
    VERBATIM_LINE_WORDS = 12, /* words per line, at most, of code or verse */
    LABEL_LINE_WORDS = 5,     /* fewer words per line than this: labels, not sentences */
    MENU_MIN_LINES = 3,
    TITLE_MAX_WORDS = 30,
    TITLE_WINDOW = 15,        /* blocks before the story searched for its title */
    TITLE_BYLINE_REACH = 4,   /* how much further up a headline with a byline may be */
    BYLINE_MAX_WORDS = 16,
    NAME_MAX_WORDS = 5,
    OUTSIDE_MIN_WORDS = 40,   /* good prose outside the story counts from this long */
    OUTSIDE_MAX_GAP = 3,      /* ...if at most this many blocks from the story */
    CAPTION_REACH = 3         /* credited blocks this close to the story are captions */
};

typedef struct page {
    rs__doc *d;
    size_t n;
    rs__text_block *tb;
    uint8_t *quality;
    uint8_t *flags;
    int lang; /* -1: none known */
    size_t first, last; /* the story's run, or RS_NONE */
    size_t first_credit, last_credit; /* the first and last block with a credit, or RS_NONE */
    size_t first_item;  /* the first list item, or RS_NONE: no run of items is long
                           enough for a link list */
} page;

static bool is_cjk_block(const rs__text_block *b)
{
    return b->cjk * 2 > b->words;
}

/* Every block's languages are counted, for each block and for the page:
   written out for seven, these sums and maxima take a few instructions. */
_Static_assert(RS__TEXT_LANGS == 7, "most_stop_words() and choose_language() add seven languages");

static uint32_t larger(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

/* The function words of the block's best language. */
static uint32_t most_stop_words(const rs__text_block *b)
{
    const uint32_t *s = b->stop;
    return larger(larger(larger(s[0], s[1]), larger(s[2], s[3])),
                  larger(larger(s[4], s[5]), s[6]));
}

/*
 * Function words per hundred words.  A page may quote another language, so
 * a block is measured in whichever known language suits it best; a page in
 * none of them (Latin, a language not listed) is not measured at all.
 */
static unsigned stop_percent(int lang, const rs__text_block *b)
{
    if (lang < 0 || b->alpha == 0)
        return 100;
    return (unsigned)(100u * most_stop_words(b) / b->alpha);
}

/* The page's language: the one whose function words occur most, if often enough. */
static int language_of(const uint64_t total[RS__TEXT_LANGS], uint64_t alpha)
{
    int best = 0;
    for (int k = 1; k < RS__TEXT_LANGS; k++)
        if (total[k] > total[best])
            best = k;
    return alpha > 0 && total[best] * 100 >= alpha * LANG_MIN_PERCENT ? best : -1;
}

_Static_assert(SENTENCE_MIN_WORDS <= ITEM_CLAUSE_MIN_WORDS && SENTENCE_MIN_WORDS <= NEAR_MIN_WORDS
                   && SENTENCE_MIN_WORDS <= GOOD_MIN_WORDS,
               "no grade above short for fewer words than a short sentence's");

/* lang: the page's (page.lang) */
static int quality_of(int lang, const rs__text_block *b)
{
    /* too short for any grade above short: no function words to count
       (headings, labels, a block in five or six) */
    if (b->words < SENTENCE_MIN_WORDS)
        return Q_SHORT;
    /* a column of one-to-four-word lines is a list of links or labels, punctuated or not */
    if (b->lines >= VERBATIM_MIN_LINES && b->words < b->lines * LABEL_LINE_WORDS)
        return Q_SHORT;
    if (is_cjk_block(b)) {
        /* CJK text has no function words to count: length and punctuation decide */
        if (b->words >= 2 * GOOD_MIN_WORDS && b->terminal)
            return Q_GOOD;
        return b->words >= 2 * NEAR_MIN_WORDS && b->terminal ? Q_NEAR : Q_SHORT;
    }
    unsigned stop = stop_percent(lang, b);
    bool sentence = b->terminal || b->sentences >= 2;
    if (b->words >= GOOD_MIN_WORDS && (sentence || b->words >= GOOD_LONG_WORDS)
        && stop >= GOOD_STOP_PERCENT)
        return Q_GOOD;
    if (b->words >= NEAR_MIN_WORDS && (sentence || b->soft_end || b->words >= GOOD_MIN_WORDS)
        && stop >= NEAR_STOP_PERCENT)
        return Q_NEAR;
    /*
     * "Villagers will harvest crops and plant new ones": an item of a list
     * that is not a link list (those are graded bad) reads as a clause.
     */
    if (b->kind == RS_BLOCK_LIST_ITEM && b->words >= ITEM_CLAUSE_MIN_WORDS
        && stop >= GOOD_STOP_PERCENT)
        return Q_NEAR;
    /* "Insert your plant into the hole.": a whole sentence, however short */
    if (b->words >= SENTENCE_MIN_WORDS && b->terminal && b->capitalised >= 1
        && b->kind != RS_BLOCK_LIST_ITEM && stop >= NEAR_STOP_PERCENT)
        return Q_NEAR;
    return Q_SHORT;
}

/*
 * Which blocks' words occur in another block as well: an open addressing
 * table of keys, at most half full, each slot holding a key (0: empty, as
 * no block with words has that key) and the first block seen with it.
 */
typedef struct repeat_table {
    uint64_t *keys;
    size_t *first;
    size_t cap;
} repeat_table;

static rs_status repeat_table_make(repeat_table *t, const rs_allocator *a, size_t n)
{
    t->cap = 16;
    while (t->cap < 2 * n)
        t->cap *= 2;
    t->keys = rs__alloc(a, t->cap * sizeof *t->keys);
    t->first = rs__alloc(a, t->cap * sizeof *t->first);
    if (t->keys)
        memset(t->keys, 0, t->cap * sizeof *t->keys);
    return t->keys && t->first ? RS_OK : RS_ERR_NOMEM;
}

static void repeat_table_free(repeat_table *t, const rs_allocator *a)
{
    rs__free(a, t->keys, t->cap * sizeof *t->keys);
    rs__free(a, t->first, t->cap * sizeof *t->first);
}

/* Block i, whose key is not 0: both it and the first with its key are repeats. */
static RS_ALWAYS_INLINE void note_key(page *p, repeat_table *t, size_t i, uint64_t key)
{
    size_t mask = t->cap - 1;
    size_t s = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (t->keys[s] && t->keys[s] != key)
        s = (s + 1) & mask;
    if (!t->keys[s]) {
        t->keys[s] = key;
        t->first[s] = i;
    } else {
        p->flags[t->first[s]] |= F_REPEAT;
        p->flags[i] |= F_REPEAT;
    }
}

static bool link_like_item(const rs__text_block *b)
{
    return b->kind == RS_BLOCK_LIST_ITEM && b->words <= LIST_ITEM_MAX_WORDS
           && !(b->terminal && b->sentences >= 2) && !b->soft_end;
}

/*
 * A headline set in title case: most words after the first are capitalised.
 * Shorter items ("Added Slime Block") are names as often as headlines.
 */
static bool headline_case(const rs__text_block *b)
{
    return !is_cjk_block(b) && b->alpha >= HEADLINE_MIN_WORDS
           && b->capitalised_inner * 5 >= (b->alpha - 1) * 3;
}

/* "LIFESTYLE" or "1" between two items still belongs to the list. */
static bool list_glue(const rs__text_block *b)
{
    return b->kind != RS_BLOCK_LIST_ITEM && b->words <= LIST_GLUE_MAX_WORDS && !b->terminal;
}

static bool head_like(const rs__text_block *b)
{
    return b->kind != RS_BLOCK_LIST_ITEM && b->words >= 1 && b->words <= MENU_MAX_WORDS
           && !b->terminal && !b->soft_end;
}

/* Runs of short items that are not sentences: navigation and headline lists. */
static void mark_link_lists(page *p)
{
    for (size_t i = p->first_item; i < p->n;) {
        if (p->tb[i].kind != RS_BLOCK_LIST_ITEM) {
            i++;
            continue;
        }
        size_t j = i, items = 0, linkish = 0, last_item = i, item_words = 0, headline_items = 0;
        size_t inner = 0, inner_capitalised = 0;
        while (j < p->n) {
            const rs__text_block *b = &p->tb[j];
            if (b->kind == RS_BLOCK_LIST_ITEM) {
                items++;
                linkish += link_like_item(b);
                item_words += b->words;
                headline_items += headline_case(b);
                inner += b->alpha > 0 ? b->alpha - 1 : 0;
                inner_capitalised += b->capitalised_inner;
                last_item = j;
            } else if (!list_glue(b)) {
                break;
            }
            j++;
        }
        /*
         * Menus are lists of one to four words, names in title case;
         * headline lists are set in title case too.  A list of things in
         * lower case (what a recipe needs), of short sentences (a
         * changelog), or one that a line ending in ':' announces, is left
         * to be judged as text.
         */
        bool menu = items > 0 && item_words <= items * LIST_MENU_MEAN_WORDS
                    && inner_capitalised * 2 >= inner;
        bool headlines = headline_items * 5 >= items * 3;
        bool announced = i > 0 && p->tb[i - 1].soft_end;
        if (items >= LINK_LIST_MIN_ITEMS && linkish * 4 >= items * 3 && (menu || headlines)
            && !announced) {
            for (size_t x = i; x <= last_item; x++)
                if (p->tb[x].kind != RS_BLOCK_LIST_ITEM || link_like_item(&p->tb[x]))
                    p->flags[x] |= F_LINK_LIST;
            if (i > 0 && head_like(&p->tb[i - 1]))
                p->flags[i - 1] |= F_LIST_HEAD;
        }
        i = last_item + 1;
    }
}

static bool title_case_line(const rs__text_block *b)
{
    /* the word limit first: it rules out prose */
    return b->words <= MENU_LINE_MAX_WORDS && head_like(b) && !is_cjk_block(b) && b->alpha >= 1
           && (b->alpha == 1 || b->capitalised * 10 >= b->alpha * 7);
}

/* Three or more short capitalised lines in a row, the last before block end: a menu without bullets. */
static void mark_menu(page *p, size_t end, size_t lines)
{
    if (lines >= MENU_MIN_LINES)
        for (size_t x = end - lines; x < end; x++)
            p->flags[x] |= F_MENU;
}

/*
 * What the page's blocks show before they are graded, in one pass: the
 * language (the function words of every block added up), the repeats, the
 * menus, where the first list item is and where the credits are.  Each
 * asks only a block's own description, or its neighbours' before it.
 */
static rs_status survey(page *p)
{
    repeat_table repeats;
    const rs_allocator *a = &p->d->alloc;
    rs_status st = repeat_table_make(&repeats, a, p->n);
    if (st != RS_OK) {
        repeat_table_free(&repeats, a);
        return st;
    }
    uint64_t total[RS__TEXT_LANGS] = {0}, alpha = 0;
    size_t first_item = RS_NONE, first_credit = RS_NONE, last_credit = RS_NONE, menu_lines = 0;
    /* the items of the run of items (and glue between them) so far, as
       mark_link_lists() counts them: a page where no run reaches a link
       list's length is spared that search */
    size_t run_items = 0;
    bool long_run = false;
    for (size_t i = 0; i < p->n; i++) {
        const rs__text_block *b = &p->tb[i];
        const uint32_t *stop = b->stop;
        alpha += b->alpha;
        total[0] += stop[0];
        total[1] += stop[1];
        total[2] += stop[2];
        total[3] += stop[3];
        total[4] += stop[4];
        total[5] += stop[5];
        total[6] += stop[6];
        if (b->kind == RS_BLOCK_LIST_ITEM) {
            first_item = first_item == RS_NONE ? i : first_item;
            run_items++;
            long_run |= run_items >= LINK_LIST_MIN_ITEMS;
        } else if (!list_glue(b)) {
            run_items = 0;
        }
        if (b->cues & RS__CUE_CREDIT) {
            first_credit = first_credit == RS_NONE ? i : first_credit;
            last_credit = i;
        }
        if (b->key)
            note_key(p, &repeats, i, b->key);
        if (title_case_line(b)) {
            menu_lines++;
        } else {
            mark_menu(p, i, menu_lines);
            menu_lines = 0;
        }
    }
    mark_menu(p, p->n, menu_lines);
    repeat_table_free(&repeats, a);
    p->lang = language_of(total, alpha);
    p->first_item = long_run ? first_item : RS_NONE;
    p->first_credit = first_credit;
    p->last_credit = last_credit;
    return RS_OK;
}

/* Prose that stays prose when repeated: a pull quote, a repeated teaser sentence does not. */
static RS_ALWAYS_INLINE bool clearly_prose_of(const rs__text_block *b, int quality)
{
    return quality == Q_GOOD || (quality == Q_NEAR && b->sentences >= 2);
}

static bool clearly_prose(const page *p, size_t i)
{
    return clearly_prose_of(&p->tb[i], p->quality[i]);
}

/*
 * Inline here and below: asked of every block.  The block's cues, flags
 * and grade come as arguments, so that the grading of a block without cues
 * (most) has every test of them folded away.
 */
static RS_ALWAYS_INLINE bool bad_block(const rs__text_block *b, uint32_t cues, unsigned flags,
                                       int quality)
{
    if (cues & (HARD_CUES | SOFT_CUES))
        return true;
    if (flags & (F_HARD | F_LINK_LIST | F_LIST_HEAD | F_MENU))
        return true;
    /* "• 14:44 Headline", "• April 5, 2018": a feed, an archive, comment details */
    if (b->kind == RS_BLOCK_LIST_ITEM && (cues & RS__CUE_DATE))
        return true;
    return (flags & F_REPEAT) && !clearly_prose_of(b, quality);
}

static RS_ALWAYS_INLINE bool is_bad(const page *p, size_t i)
{
    return bad_block(&p->tb[i], p->tb[i].cues, p->flags[i], p->quality[i]);
}

/* The head of a comment section, or a footer: the story is over. */
static RS_ALWAYS_INLINE bool wall_block(uint32_t cues, unsigned flags)
{
    return (cues & RS__CUE_COMMENTS) || ((cues & RS__CUE_FOOTER) && (flags & F_HARD));
}

/*
 * Several short lines kept as they were: code, a table's rows, verse, an
 * address.  Their function words say nothing, so like bare numbers they
 * neither make nor break the story.
 */
static bool verbatim(const rs__text_block *b)
{
    return b->kind != RS_BLOCK_LIST_ITEM && b->lines >= VERBATIM_MIN_LINES
           && b->words <= b->lines * VERBATIM_LINE_WORDS;
}

/*
 * A block's weight in the search for the story.  Chrome costs twice its
 * words, so the story only reaches past chrome to more prose if that prose
 * outweighs it two to one: a chart or a picture between paragraphs is
 * bridged, a live feed of headlines and snippets after the story is not.
 * Blocks of bare numbers (chart labels, counters) cost little: they are
 * not text, but they do not tell where the story ends either.
 */
static RS_ALWAYS_INLINE double weight(const rs__text_block *b, uint32_t cues, unsigned flags,
                                      int quality)
{
    double w = (double)b->words;
    bool prose = quality == Q_GOOD || quality == Q_NEAR;
    bool credit = (cues & RS__CUE_CREDIT) && !(flags & F_HARD);
    if (!prose && ((b->alpha == 0 && b->cjk == 0) || verbatim(b) || credit))
        return -1;
    switch (quality) {
    case Q_GOOD:
        return w;
    case Q_NEAR:
        return w / 2;
    case Q_SHORT:
        return -(1 + w);
    default:
        return -(2 + 2 * w);
    }
}

/* The search for the densest run of prose: the maximum-sum stretch of
   block weights, block by block; first and last: the best stretch so far. */
typedef struct story_search {
    double best, sum;
    size_t start, first, last;
} story_search;

/*
 * Block b graded, from its quality_of() q, its cues and its flags (*flags,
 * updated), and the search for the story a block further on (b is block
 * i): whether the block is bad, and its weight, ask only its own grade,
 * cues and flags.  Returns the grade; Q_BAD: the block is bad.
 */
static RS_ALWAYS_INLINE int grade_step(const rs__text_block *b, uint8_t *flags_of, story_search *s,
                                       size_t i, int q, uint32_t cues)
{
    unsigned flags = *flags_of;
    bool site_words = (cues & SITE_CUES) != 0;
    if ((cues & HARD_CUES) || (site_words && q < Q_NEAR))
        flags |= F_HARD;
    if (site_words && q == Q_GOOD)
        q = Q_NEAR;
    if (bad_block(b, cues, flags, q))
        q = Q_BAD;
    *flags_of = (uint8_t)flags;
    if (wall_block(cues, flags)) {
        s->sum = 0;
        s->start = i + 1;
        return q;
    }
    if (s->sum <= 0) {
        s->sum = 0;
        s->start = i;
    }
    s->sum += weight(b, cues, flags, q);
    if (s->sum > s->best) {
        s->best = s->sum;
        s->first = s->start;
        s->last = i;
    }
    return q;
}

/*
 * Grades every block and finds the story (p->first, p->last) in one pass.
 * Returns whether any block is bad (a page without is clean, and its story
 * is all of it).  The page's fields are read into locals: the grades and
 * flags are bytes, whose stores the compiler would otherwise assume to
 * change them.
 */
static bool grade_and_find_story(page *p)
{
    const size_t n = p->n;
    const int lang = p->lang;
    const rs__text_block *tb = p->tb;
    uint8_t *flags = p->flags, *quality = p->quality;
    bool any_bad = false;
    story_search story = {0, 0, 0, RS_NONE, RS_NONE};
    for (size_t i = 0; i < n; i++) {
        const rs__text_block *b = &tb[i];
        int q = quality_of(lang, b);
        /* the same step twice: for a block without cues, with theirs folded away */
        if (b->cues)
            q = grade_step(b, &flags[i], &story, i, q, b->cues);
        else
            q = grade_step(b, &flags[i], &story, i, q, 0);
        quality[i] = (uint8_t)q;
        any_bad |= q == Q_BAD;
    }
    p->first = story.first;
    p->last = story.last;
    return any_bad;
}

/* How many blocks lie between block i and the story. */
static size_t distance_to_story(const page *p, size_t i)
{
    if (p->first == RS_NONE)
        return RS_NONE;
    if (i < p->first)
        return p->first - i;
    return i > p->last ? i - p->last : 0;
}

static RS_ALWAYS_INLINE rs_role role_in_story(const page *p, size_t i)
{
    const rs__text_block *b = &p->tb[i];
    if (p->flags[i] & F_HARD)
        return RS_ROLE_BOILERPLATE;
    if ((p->flags[i] & F_REPEAT) && !clearly_prose(p, i) && b->words > 0)
        return RS_ROLE_BOILERPLATE;
    if ((p->flags[i] & F_LINK_LIST) && headline_case(b))
        return RS_ROLE_BOILERPLATE;
    if (b->cues & RS__CUE_CREDIT)
        return RS_ROLE_CAPTION;
    return RS_ROLE_CONTENT;
}

static rs_role role_outside(const page *p, size_t i)
{
    const rs__text_block *b = &p->tb[i];
    if (p->quality[i] == Q_GOOD && b->words >= OUTSIDE_MIN_WORDS
        && distance_to_story(p, i) <= OUTSIDE_MAX_GAP)
        return RS_ROLE_CONTENT;
    return RS_ROLE_BOILERPLATE;
}

/* Two to four capitalised words and nothing else: a name. */
static bool name_line(const rs__text_block *b)
{
    return b->alpha >= 2 && b->alpha <= NAME_MAX_WORDS && b->capitalised == b->alpha
           && b->numbers == 0 && !b->terminal && !(b->cues & HARD_CUES)
           && b->kind != RS_BLOCK_LIST_ITEM;
}

static bool byline_like(const page *p, size_t i)
{
    const rs__text_block *b = &p->tb[i];
    if (b->words == 0 || b->words > BYLINE_MAX_WORDS || (b->cues & (HARD_CUES | SOFT_CUES))
        || (p->flags[i] & (F_HARD | F_LINK_LIST | F_LIST_HEAD | F_MENU)))
        return false;
    if (b->cues & (RS__CUE_BY | RS__CUE_VIEWS))
        return true;
    /* "Name | date", "Alex Perry 1 day ago" */
    if ((b->cues & RS__CUE_DATE) && b->capitalised >= 1)
        return true;
    return name_line(b);
}

static bool title_like(const page *p, size_t i)
{
    const rs__text_block *b = &p->tb[i];
    if (b->kind == RS_BLOCK_LIST_ITEM || b->alpha + b->cjk < 2 || b->words > TITLE_MAX_WORDS)
        return false;
    if ((b->alpha + b->cjk) * 2 < b->words)
        return false; /* a formula or a row of figures, not a headline */
    if (b->cues & (HARD_CUES | SOFT_CUES | RS__CUE_CREDIT | RS__CUE_BY | RS__CUE_VIEWS
                   | RS__CUE_DATE | RS__CUE_EMAIL))
        return false;
    if (p->flags[i] & (F_HARD | F_LINK_LIST | F_LIST_HEAD | F_MENU))
        return false;
    /* a headline may ask or exclaim, it does not end with a full stop */
    return !b->soft_end && !(b->terminal && p->quality[i] != Q_SHORT)
           && !(b->terminal && b->sentences >= 2);
}

/*
 * The headline: the nearest title-like block before the story, unless one
 * a little further up has a byline right under it (the nearest may be a
 * related link or a section label between the byline and the story).
 */
static size_t find_title(const page *p)
{
    if (p->first == RS_NONE || p->first == 0)
        return RS_NONE;
    size_t stop = p->first > TITLE_WINDOW ? p->first - TITLE_WINDOW : 0;
    size_t nearest = RS_NONE;
    for (size_t i = p->first; i-- > stop;) {
        if (nearest != RS_NONE && nearest - i > TITLE_BYLINE_REACH)
            break;
        if (!title_like(p, i))
            continue;
        if (byline_like(p, i + 1) && i + 1 < p->first)
            return i;
        if (nearest == RS_NONE)
            nearest = i;
    }
    return nearest;
}

static void set_role(page *p, size_t i, rs_role role)
{
    p->d->report->blocks[i].role = role;
}

/* The byline between the headline and the story, or the sign-off right after it. */
static size_t find_byline(page *p, size_t title)
{
    size_t from = title != RS_NONE ? title + 1 : (p->first > 3 ? p->first - 3 : 0);
    for (size_t i = from; p->first != RS_NONE && i < p->first; i++)
        if (byline_like(p, i) && !(p->tb[i].cues & RS__CUE_CREDIT))
            return i;
    return RS_NONE;
}

static void mark_sign_off(page *p)
{
    if (p->first == RS_NONE)
        return;
    for (size_t i = p->last + 1; i < p->n && i <= p->last + 2; i++) {
        const rs__text_block *b = &p->tb[i];
        /* "Daniel Kim" and an address on the next line: the author signs off */
        bool signed_off = (b->lines <= 2 && (b->cues & RS__CUE_EMAIL) && b->alpha <= NAME_MAX_WORDS + 1
                           && b->capitalised >= 2)
                          || (b->cues & RS__CUE_BY) || name_line(b);
        /* "Latest Stories" over a list is two capitalised words too, but chrome */
        if (signed_off && p->quality[i] != Q_BAD) {
            set_role(p, i, RS_ROLE_BYLINE);
            return;
        }
    }
}

/* Credits near the story caption it; a lone credit captions the line before. */
static void mark_captions(page *p, size_t title)
{
    if (p->first == RS_NONE || p->first_credit == RS_NONE)
        return;
    size_t from = title != RS_NONE ? title + 1
                                   : (p->first > CAPTION_REACH ? p->first - CAPTION_REACH : 0);
    size_t to = p->last + CAPTION_REACH < p->n ? p->last + CAPTION_REACH : p->n - 1;
    rs_report *r = p->d->report;
    /* only blocks with a credit do anything */
    size_t lo = from > p->first_credit ? from : p->first_credit;
    size_t hi = to < p->last_credit ? to : p->last_credit;
    for (size_t i = lo; i <= hi; i++) {
        const rs__text_block *b = &p->tb[i];
        if (!(b->cues & RS__CUE_CREDIT) || (b->cues & HARD_CUES))
            continue;
        if (r->blocks[i].role != RS_ROLE_BOILERPLATE || i < p->first || distance_to_story(p, i) <= 1)
            set_role(p, i, RS_ROLE_CAPTION);
        /* "(Bild: Hersteller)" alone: the picture's text is the line before */
        if (b->words <= NAME_MAX_WORDS + 1 && i > from && r->blocks[i].role == RS_ROLE_CAPTION) {
            const rs__text_block *prev = &p->tb[i - 1];
            if (prev->words <= GOOD_MIN_WORDS && prev->kind != RS_BLOCK_LIST_ITEM
                && !(prev->cues & HARD_CUES) && r->blocks[i - 1].role != RS_ROLE_TITLE
                && r->blocks[i - 1].role != RS_ROLE_BYLINE)
                set_role(p, i - 1, RS_ROLE_CAPTION);
        }
    }
}

/*
 * A clean page is all content, headings included: they are the writer's
 * own, as in any document.  Captions are still captions.
 */
static void assign_clean(page *p)
{
    p->first = 0;
    p->last = p->n - 1;
    for (size_t i = 0; i < p->n; i++)
        set_role(p, i, role_in_story(p, i));
}

static void assign_page(page *p, size_t *title, size_t *byline)
{
    if (p->first == RS_NONE) { /* no prose */
        for (size_t i = 0; i < p->n; i++)
            set_role(p, i, is_bad(p, i) ? RS_ROLE_BOILERPLATE : RS_ROLE_CONTENT);
        return;
    }
    for (size_t i = 0; i < p->first; i++)
        set_role(p, i, role_outside(p, i));
    for (size_t i = p->first; i <= p->last; i++)
        set_role(p, i, role_in_story(p, i));
    for (size_t i = p->last + 1; i < p->n; i++)
        set_role(p, i, role_outside(p, i));
    *title = find_title(p);
    *byline = find_byline(p, *title);
}

/* clean: no block shows any sign of chrome, the page is a document of its own */
static rs_status assign(page *p, bool clean)
{
    size_t title = RS_NONE, byline = RS_NONE;
    if (clean) {
        assign_clean(p);
        return RS_OK;
    }
    assign_page(p, &title, &byline);
    if (title != RS_NONE)
        set_role(p, title, RS_ROLE_TITLE);
    if (byline != RS_NONE)
        set_role(p, byline, RS_ROLE_BYLINE);
    if (p->first != RS_NONE) {
        mark_captions(p, title);
        mark_sign_off(p);
    }
    if (byline == RS_NONE)
        return RS_OK;
    rs_report *r = p->d->report;
    size_t len, start;
    const char *text = rs_report_block_text(r, byline, &len);
    size_t name = rs__text_byline_name(text, len, &start);
    /* the block keeps its text; the metadata gets the bare name */
    return name ? rs__report_add_meta(r, "byline", text + start, name) : RS_OK;
}

rs_status rs__roles_plaintext(rs__doc *d)
{
    rs_report *r = d->report;
    page p = {.d = d, .n = r->nblocks, .first = RS_NONE, .last = RS_NONE};
    if (p.n == 0)
        return RS_OK;
    const rs_allocator *a = &d->alloc;
    /* the analyzer described each block as it measured it, unless it could not */
    bool described = d->ntext_blocks == p.n && d->text_blocks;
    p.tb = described ? d->text_blocks : rs__alloc(a, p.n * sizeof *p.tb);
    p.quality = rs__alloc(a, p.n);
    p.flags = rs__alloc(a, p.n);
    rs_status st = p.tb && p.quality && p.flags ? RS_OK : RS_ERR_NOMEM;
    for (size_t i = 0; st == RS_OK && !described && i < p.n; i++)
        st = rs__text_describe(d, i, &p.tb[i]);
    if (st == RS_OK) {
        memset(p.flags, 0, p.n);
        st = survey(&p);
    }
    if (st == RS_OK) {
        mark_link_lists(&p);
        bool any_bad = grade_and_find_story(&p);
        st = assign(&p, !any_bad);
    }
    if (!described)
        rs__free(a, p.tb, p.n * sizeof *p.tb);
    rs__free(a, p.quality, p.n);
    rs__free(a, p.flags, p.n);
    return st;
}
