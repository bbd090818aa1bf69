/*
 * Cue phrases: what a block's own wording says about it.  Page chrome is
 * worded the same way on every site ("Skip to content", "All rights
 * reserved", "We use cookies", "Photo: ..."), so a handful of phrases, in
 * English and the other languages whose function words the classifier
 * knows, catch much of it.  A phrase only counts in a block short enough to
 * be that widget: a story may well mention cookies or a newsletter.
 * Phrases are matched without regard to ASCII case.
 */
#include <stddef.h>
#include <string.h>

#include "doc/roles_text.h"

/* Longest words for a block to be read as each kind of widget. */
enum {
    NAV_MAX_WORDS = 12,
    NOTICE_MIN_WORDS = 3, /* "Subscribe" alone is a link (see nav_phrases) */
    NOTICE_MAX_WORDS = 60,
    SITE_WORDS_MAX_WORDS = 90,
    FOOTER_MAX_WORDS = 30,
    COMMENTS_MAX_WORDS = 8,
    AD_MAX_WORDS = 4,
    CREDIT_MAX_WORDS = 70,
    BY_MAX_WORDS = 16,
    VIEWS_MAX_WORDS = 6,
    DATE_MAX_WORDS = 14,
    COUNTER_MAX_WORDS = 8,
    SOURCE_MAX_WORDS = 6, /* the credit after a caption's " / " */
    PAREN_CREDIT_MAX_WORDS = 20
};

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* Where phrase first occurs in text (ASCII case aside), or len if nowhere. */
static size_t find(const char *text, size_t len, const char *phrase)
{
    size_t n = strlen(phrase);
    if (n == 0 || n > len)
        return len;
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && lower(text[i + k]) == phrase[k])
            k++;
        if (k == n)
            return i;
    }
    return len;
}

/* Does phrase (lower case, n bytes) stand at text (ASCII case aside)? */
static bool phrase_at(const char *text, const char *phrase, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (lower(text[k]) != phrase[k])
            return false;
    return true;
}

/* Trailing blanks and the marks that close a teaser line: "Read more »". */
static size_t trim_end(const char *text, size_t len)
{
    while (len) {
        char c = text[len - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>')
            len--;
        else if (len >= 2 && (unsigned char)c == 0xBB && (unsigned char)text[len - 2] == 0xC2)
            len -= 2; /* » */
        else if (len >= 3 && (unsigned char)text[len - 3] == 0xE2
                 && (unsigned char)text[len - 2] == 0x80 && (unsigned char)c == 0xBA)
            len -= 3; /* › */
        else
            break;
    }
    return len;
}

/* A phrase and its length, for the lists only ever matched at a block's end. */
typedef struct ending {
    const char *text;
    size_t len;
} ending;
#define ENDING(s) {s, sizeof s - 1}

/*
 * Does text end with one of the phrases (ASCII case aside), past
 * trim_end()?  `candidates` has bit i for each phrase i that ends with
 * text's last byte, or is NULL to try them all.
 */
static bool ends_with_any(const char *text, size_t len, const ending *phrases, size_t count,
                          const uint16_t *candidates)
{
    len = trim_end(text, len);
    if (len == 0)
        return false;
    char last = lower(text[len - 1]);
    unsigned some = candidates ? candidates[(unsigned char)last] : ~0u;
    for (size_t i = 0; i < count && some >> i; i++) {
        size_t n = phrases[i].len;
        if (((some >> i) & 1) && n <= len && phrases[i].text[n - 1] == last
            && phrase_at(text + len - n, phrases[i].text, n - 1))
            return true;
    }
    return false;
}

static const char *const nav_phrases[] = {
    "skip to", "jump to", "skip navigation", "main content", "back to top", "sign in",
    "sign up", "log in", "log out", "login", "logout", "my account", "register", "search",
    "subscribe", "newsletter",
    "menu", "navigation", "toggle", "home page", "homepage", "go to ", "see all", "view all",
    "show more", "load more", "more stories", "related", "popular", "trending", "most read",
    "latest", "recommended", "you may also like", "you might also like", "more from",
    "don't miss", "editor's picks", "einloggen", "registrieren", "anmelden", "suche",
    "meistgelesen", "se connecter", "s'inscrire", "rechercher", "les plus", "buscar",
    "iniciar sesi", "mais lidas", "entrar", "ir para", NULL,
};

/* A notice speaks to the reader about the site itself. */
static const char *const notice_phrases[] = {
    "we use cookies", "use of cookies", "uses cookies", "cookie policy", "cookie settings",
    "accept cookies", "accept all", "you agree", "by continuing", "our site", "this site",
    "this website", "our website", "subscribe now", "subscribe to", "sign up", "free article",
    "unlimited access", "already a subscriber", "already subscribed", "enable javascript",
    "javascript is disabled", "ad blocker", "adblock", "turn off your", "disable your",
    "abonnez-vous", "jetzt abonnieren", "assine", "suscr\xc3\xad" "bete", "inscreva-se",
    "inscrivez-vous", NULL,
};

/* The site's machinery, which a story may also discuss. */
static const char *const site_words[] = {
    "cookie", "gdpr", "privacy settings", "newsletter", "subscription", "subscriber",
    "privacy policy", "terms of use", "terms of service", "terms and conditions",
    "terms & conditions", "impressum", "datenschutz", "mentions l", "aviso legal",
    "contact us", "about us", "copyright", NULL,
};

/* What only a footer says; "copyright" alone may be a story's subject. */
static const char *const footer_phrases[] = {
    "all rights reserved", "derechos reservados", "tous droits", "alle rechte",
    "direitos reservados", NULL,
};

static const char *const comment_phrases[] = {
    "comment", "kommentar", "commentaire", "comentario", "comentário", "leave a reply",
    "responses", "reactions", "\xe8\xaf\x84\xe8\xae\xba" /* 评论 */, NULL,
};

static const char *const ad_phrases[] = {
    "advertis", "sponsored", "promoted", "anzeige", "werbung", "publicit", "publicidad",
    "pubblicit", "adchoices", "taboola", "outbrain", "paid content", "partner content", NULL,
};

static const char *const credit_phrases[] = {
    "photo:", "photos:", "photo by", "photograph:", "photograph by", "picture:", "image:",
    "images:", "credit:", "credits:", "illustration:", "(ap photo", "(photo", "photo/",
    "getty images", "shutterstock", "istock", "(bild", "bild:", "foto:", "(foto", "fotos:",
    "provided by", "(reuters", "reuters/", "afp photo", "afp/", "epa/", "(image", "courtesy of",
    NULL,
};

static const ending teaser_endings[] = {
    ENDING("read more"), ENDING("more\xe2\x80\xa6"), ENDING("more..."), ENDING("mehr\xe2\x80\xa6"),
    ENDING("mehr..."), ENDING("weiterlesen"), ENDING("lire la suite"), ENDING("leer m\xc3\xa1s"),
    ENDING("seguir leyendo"), ENDING("leia mais"), ENDING("continue reading"),
    ENDING("[\xe2\x80\xa6]"), ENDING("[...]"),
};
enum { TEASER_ENDINGS = sizeof teaser_endings / sizeof teaser_endings[0] };
_Static_assert(TEASER_ENDINGS <= 16, "teasers_ending_in holds a bit per teaser ending");

static const ending views_ending[] = {ENDING(" views")};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 6:00, 2018-04-05, 05.04.2018, 4/5/18: a time or a numeric date. */
static bool has_numeric_date(const char *text, size_t len)
{
    for (size_t i = 0; i + 3 < len; i++) {
        if (!is_digit(text[i]))
            continue;
        size_t j = i;
        while (j < len && is_digit(text[j]))
            j++;
        if (j + 2 < len && (text[j] == ':' || text[j] == '-' || text[j] == '.' || text[j] == '/')
            && is_digit(text[j + 1]) && is_digit(text[j + 2]) && j - i <= 4)
            return true;
        i = j;
    }
    return false;
}

/* "14:44 Headline": a feed entry opens with its time (past any bullet). */
static bool starts_with_time(const char *text, size_t len)
{
    size_t p = 0;
    while (p < len && !is_digit(text[p]) && p < 8)
        p++; /* a bullet, a dash, blanks */
    size_t d = p;
    while (d < len && is_digit(text[d]))
        d++;
    return d > p && d - p <= 2 && d + 2 < len && (text[d] == ':' || text[d] == 'h')
           && is_digit(text[d + 1]) && is_digit(text[d + 2]);
}

/* A year: four digits from 1900 to 2099, standing alone. */
static bool has_year(const char *text, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (i > 0 && is_digit(text[i - 1]))
            continue;
        if (!(text[i] == '1' && text[i + 1] == '9') && !(text[i] == '2' && text[i + 1] == '0'))
            continue;
        if (is_digit(text[i + 2]) && is_digit(text[i + 3]) && (i + 4 == len || !is_digit(text[i + 4])))
            return true;
    }
    return false;
}

/*
 * "... in Kazan, Russia. / Xin Jing Bao": a caption's source after a slash,
 * a few capitalised words with no sentence after them.
 */
static bool ends_with_source(const char *text, size_t len)
{
    /* the last " /": memchr skips the prose between slashes */
    size_t slash = len;
    for (const char *p = text + 1, *end = text + len; p < end; p++) {
        p = memchr(p, '/', (size_t)(end - p));
        if (!p)
            break;
        if (p[-1] == ' ')
            slash = (size_t)(p - text);
    }
    if (slash >= len || slash < 20)
        return false;
    size_t p = slash + 1;
    while (p < len && text[p] == ' ')
        p++;
    if (p >= len || !((text[p] >= 'A' && text[p] <= 'Z') || (unsigned char)text[p] >= 0x80))
        return false;
    size_t words = 0;
    bool in_word = false;
    for (size_t i = p; i < len; i++) {
        char c = text[i];
        if (c == '.' && i + 1 < len && text[i + 1] == ' ')
            return false; /* a sentence goes on after the slash */
        bool word_char = c != ' ' && c != '\t' && c != '\n';
        if (word_char && !in_word)
            words++;
        in_word = word_char;
    }
    return words >= 1 && words <= SOURCE_MAX_WORDS;
}

/* "Glass cloche terrariums (Lucy Akins)": a caption ends with its credit. */
static bool ends_with_named_credit(const char *text, size_t len, const rs__text_block *b)
{
    len = trim_end(text, len);
    if (len < 4 || text[len - 1] != ')' || b->words > PAREN_CREDIT_MAX_WORDS)
        return false;
    size_t open = len - 1;
    while (open > 0 && text[open] != '(')
        open--;
    if (text[open] != '(' || open == 0)
        return false;
    size_t words = 0;
    bool start = true;
    for (size_t i = open + 1; i < len - 1; i++) {
        char c = text[i];
        if (is_digit(c) || c == '.' || c == ',' || c == ':' || c == '(')
            return false;
        if (c == ' ') {
            start = true;
            continue;
        }
        if (start) {
            if (c >= 'a' && c <= 'z')
                return false; /* "(optional)", "(bsc)": not a name */
            words++;
        }
        start = false;
    }
    return words >= 1 && words <= SOURCE_MAX_WORDS / 2 + 1;
}

/* "Daniel Kim Views": two to four capitalised words and a view counter. */
static bool is_views_line(const char *text, size_t len, const rs__text_block *b)
{
    len = trim_end(text, len);
    return b->alpha >= 3 && b->words <= VIEWS_MAX_WORDS && b->capitalised == b->alpha
           && ends_with_any(text, len, views_ending, 1, NULL);
}

/* " | " and " > " between a menu's entries, on one line. */
/* " | " and " > " between a menu's entries, on one line. */
static size_t spaced_bars(const char *text, size_t len)
{
    size_t bars = 0;
    static const char marks[] = {'|', '>'};
    for (size_t m = 0; m < sizeof marks; m++)
        for (const char *p = text + 1, *end = text + len - 1; len > 2 && p < end; p++) {
            p = memchr(p, marks[m], (size_t)(end - p));
            if (!p)
                break;
            bars += p[-1] == ' ' && p[1] == ' ';
        }
    return bars;
}

/* ------------------------------------------------------------------ */
/* Finding every phrase in one pass                                     */

/* The phrase sets a block is searched for, one bit each. */
enum {
    SET_NAV = 1u << 0, SET_NOTICE = 1u << 1, SET_SITE = 1u << 2, SET_FOOTER = 1u << 3,
    SET_COMMENTS = 1u << 4, SET_AD = 1u << 5, SET_CREDIT = 1u << 6,
    SET_COPYRIGHT_SIGN = 1u << 7, /* "©" */
    SET_COPYRIGHT_C = 1u << 8,    /* "(c) " */
    SET_AGO = 1u << 9             /* " ago" */
};

static const char *const copyright_sign_phrases[] = {"\xc2\xa9", NULL};
static const char *const copyright_c_phrases[] = {"(c) ", NULL};
static const char *const ago_phrases[] = {" ago", NULL};

static const struct {
    const char *const *phrases;
    unsigned set;
} phrase_sets[] = {
    {nav_phrases, SET_NAV}, {notice_phrases, SET_NOTICE}, {site_words, SET_SITE},
    {footer_phrases, SET_FOOTER}, {comment_phrases, SET_COMMENTS}, {ad_phrases, SET_AD},
    {credit_phrases, SET_CREDIT},
    {copyright_sign_phrases, SET_COPYRIGHT_SIGN},
    {copyright_c_phrases, SET_COPYRIGHT_C},
    {ago_phrases, SET_AGO},
};

/* The opening four bytes of a phrase or of the text at some position, each
   byte's 0x20 bit set: A-Z fall on a-z (and a few other bytes on others,
   which the comparison after a hit tells apart). */
static uint32_t folded_gram(const char *s)
{
    uint32_t g;
    memcpy(&g, s, sizeof g);
    return g | 0x20202020u;
}

static unsigned gram_hash(uint32_t gram)
{
    return (unsigned)((gram * 0x9E3779B1u) >> (32 - RS__CUE_GRAM_BITS));
}

enum { GRAM_LEN = 4 };

/*
 * The byte of a short phrase that memchr looks for: one that is not a
 * letter nor a space if it has one ("\xc2\xa9"), else its letter least
 * common in the languages of the lists.
 */
static size_t anchor_of(const char *phrase, size_t n)
{
    static const char by_frequency[] = "etaoinsrhldcumfpgwybvkjxqz";
    size_t best = 0;
    int best_rank = -2;
    for (size_t k = 0; k < n; k++) {
        char c = phrase[k];
        const char *letter = c >= 'a' && c <= 'z' ? strchr(by_frequency, c) : NULL;
        int rank = letter ? (int)(letter - by_frequency) : c == ' ' ? -1 : 100;
        if (rank > best_rank) {
            best_rank = rank;
            best = k;
        }
    }
    return best;
}

/* Marks a folded gram that phrase id may start `before` bytes ahead of. */
static void add_gram(rs__cue_index *x, uint16_t count[], uint32_t gram, size_t id, size_t before,
                     bool place)
{
    unsigned h = gram_hash(gram);
    x->grams[h] = 1;
    if (place)
        x->order[count[h % RS__CUE_BUCKETS]++] = (uint16_t)(id * 2 + before);
    else
        count[h % RS__CUE_BUCKETS + 1]++;
}

/* Both grams of each phrase of four bytes or more (see roles_text.h). */
static void add_grams(rs__cue_index *x, uint16_t count[], size_t n, bool place)
{
    for (size_t id = 0; id < n; id++) {
        const char *p = x->text[id];
        if (x->len[id] < GRAM_LEN)
            continue;
        add_gram(x, count, folded_gram(p), id, 0, place);
        if (x->len[id] > GRAM_LEN) {
            add_gram(x, count, folded_gram(p + 1), id, 1, place);
            continue;
        }
        /* every byte after the last three, as the scan folds it */
        for (unsigned next = 0x20; next < 0x100; next = (next + 1) | 0x20) {
            char gram[GRAM_LEN] = {p[1], p[2], p[3], (char)next};
            add_gram(x, count, folded_gram(gram), id, 1, place);
        }
    }
}

void rs__cue_index_build(rs__cue_index *x)
{
    /* the memo is cleared as it grows, not here */
    memset(x, 0, offsetof(rs__cue_index, memo_storage));
    size_t n = 0;
    for (size_t s = 0; s < sizeof phrase_sets / sizeof phrase_sets[0]; s++)
        for (const char *const *p = phrase_sets[s].phrases; *p && n < RS__CUE_PHRASES; p++) {
            size_t len = strlen(*p);
            if ((len < GRAM_LEN && x->nshort == RS__CUE_SHORT)
                || (len == GRAM_LEN && x->nfour == RS__CUE_FOUR))
                continue;
            x->text[n] = *p;
            x->len[n] = (uint8_t)len;
            x->set[n] = (uint16_t)phrase_sets[s].set;
            if (len == GRAM_LEN)
                x->nfour++;
            if (len < GRAM_LEN) {
                x->short_anchor[x->nshort] = (uint8_t)anchor_of(*p, len);
                x->short_ids[x->nshort++] = (uint8_t)n;
                x->short_sets |= x->set[n];
            }
            n++;
        }
    /* counting sort of the grams by bucket */
    uint16_t count[RS__CUE_BUCKETS + 1] = {0};
    add_grams(x, count, n, false);
    for (size_t b = 0; b < RS__CUE_BUCKETS; b++)
        count[b + 1] += count[b];
    memcpy(x->start, count, sizeof x->start);
    add_grams(x, count, n, true);
    for (size_t i = 0; i < TEASER_ENDINGS; i++) {
        const ending *e = &teaser_endings[i];
        x->teasers_ending_in[(unsigned char)e->text[e->len - 1]] |= (uint16_t)(1u << i);
    }
    x->memo = &x->memo_storage;
    x->memo->set_bits = RS__MEMO_MIN_BITS;
    x->memo->misses = 0;
    memset(x->memo->entry, 0, sizeof x->memo->entry[0] * (RS__MEMO_WAYS << RS__MEMO_MIN_BITS));
}

/* Does the phrase (n bytes, its byte `anchor` of them found by memchr) occur in text? */
static bool contains(const char *text, size_t len, const char *phrase, size_t n, size_t anchor)
{
    if (n == 0 || n > len)
        return false;
    char c = phrase[anchor];
    char cases[2] = {c, (char)(c >= 'a' && c <= 'z' ? c - 32 : c)};
    /* the anchor stands between text + anchor and the last place the phrase fits */
    const char *from = text + anchor, *to = text + (len - n) + anchor + 1;
    for (size_t k = 0; k < (cases[1] != c ? 2u : 1u); k++)
        for (const char *p = from; p < to; p++) {
            p = memchr(p, cases[k], (size_t)(to - p));
            if (!p)
                break;
            if (phrase_at(p - anchor, phrase, n))
                return true;
        }
    return false;
}

/* The sets among `wanted` left to find that have a phrase at i or i - 1. */
static unsigned sets_near(const rs__cue_index *x, const char *text, size_t len, size_t i,
                          unsigned wanted)
{
    unsigned found = 0;
    unsigned b = gram_hash(folded_gram(text + i)) % RS__CUE_BUCKETS;
    for (unsigned k = x->start[b]; k < x->start[b + 1]; k++) {
        unsigned id = x->order[k] / 2, before = x->order[k] % 2;
        if (before > i)
            continue;
        size_t at = i - before;
        if ((x->set[id] & wanted & ~found) && x->len[id] <= len - at
            && phrase_at(text + at, x->text[id], x->len[id]))
            found |= x->set[id];
    }
    return found;
}

/* The sets among `wanted` that have a phrase in text (ASCII case aside). */
static unsigned find_sets(const rs__cue_index *x, const char *text, size_t len, unsigned wanted)
{
    unsigned found = 0;
    for (unsigned k = 0; k < x->nshort && (wanted & x->short_sets & ~found); k++) {
        unsigned id = x->short_ids[k];
        if ((x->set[id] & wanted & ~found)
            && contains(text, len, x->text[id], x->len[id], x->short_anchor[k]))
            found |= x->set[id];
    }
    if (len < GRAM_LEN)
        return found;
    /*
     * A phrase that starts at an even i has a marked gram at i, one that
     * starts at an odd i has one at i + 1, inside the text unless a phrase
     * of four bytes ends the text there: that place is looked at last.
     */
    const uint8_t *grams = x->grams;
    size_t last = len - GRAM_LEN;
#define GRAM_MARK(i) grams[gram_hash(folded_gram(text + (i)))]
    for (size_t i = 0; i <= last && found != wanted; i += 2) {
        /* most positions open no phrase: test four at a time */
        if (i + 6 <= last && !(GRAM_MARK(i) | GRAM_MARK(i + 2) | GRAM_MARK(i + 4) | GRAM_MARK(i + 6))) {
            i += 6;
            continue;
        }
        if (GRAM_MARK(i))
            found |= sets_near(x, text, len, i, wanted & ~found);
    }
    if (last % 2 == 1 && found != wanted && GRAM_MARK(last))
        found |= sets_near(x, text, len, last, wanted & ~found);
#undef GRAM_MARK
    return found;
}

/* Longest block whose phrases are looked for; every cue limit is far below. */
enum { CUE_TEXT_MAX = 4096 };

void rs__text_cues(const rs__cue_index *index, const char *text, size_t len,
                   rs__text_block *b)
{
    uint32_t w = b->words;
    if (w == 0)
        return;
    if (len > CUE_TEXT_MAX) {
        /* far past every word limit below: only a teaser's ending can tell */
        if (ends_with_any(text, len, teaser_endings, TEASER_ENDINGS, index->teasers_ending_in))
            b->cues |= RS__CUE_TEASER;
        return;
    }
    /* Look for every phrase set the block is short enough for in one pass:
       blocks of up to 90 words meet a hundred phrases, longer ones none. */
    unsigned wanted = 0;
    if (w <= NAV_MAX_WORDS && !b->terminal)
        wanted |= SET_NAV;
    if (w >= NOTICE_MIN_WORDS && w <= NOTICE_MAX_WORDS)
        wanted |= SET_NOTICE;
    if (w <= SITE_WORDS_MAX_WORDS)
        wanted |= SET_SITE;
    if (w <= FOOTER_MAX_WORDS)
        wanted |= SET_FOOTER;
    if (w <= COMMENTS_MAX_WORDS)
        wanted |= SET_COMMENTS;
    if (w <= AD_MAX_WORDS)
        wanted |= SET_AD;
    if (w <= CREDIT_MAX_WORDS)
        wanted |= SET_CREDIT | SET_COPYRIGHT_SIGN | SET_COPYRIGHT_C; /* footers are shorter */
    if (w <= DATE_MAX_WORDS && b->numbers > 0)
        wanted |= SET_AGO;
    unsigned found = wanted ? find_sets(index, text, len, wanted) : 0;
    if (w <= COUNTER_MAX_WORDS && b->widget == w)
        b->cues |= RS__CUE_COUNTER;
    if (found & SET_NAV)
        b->cues |= RS__CUE_NAV;
    /* a menu or breadcrumb written on one line: "News | Sport | Weather" */
    if (!b->terminal && w <= 40 && spaced_bars(text, len) >= 2)
        b->cues |= RS__CUE_NAV;
    if (found & SET_NOTICE)
        b->cues |= RS__CUE_NOTICE;
    if (found & SET_SITE)
        b->cues |= RS__CUE_SITE_WORDS;
    bool copyright_sign = (found & (SET_COPYRIGHT_SIGN | SET_COPYRIGHT_C)) != 0;
    if (w <= FOOTER_MAX_WORDS
        && ((found & SET_FOOTER) || (copyright_sign && has_year(text, len))))
        b->cues |= RS__CUE_FOOTER;
    if (found & SET_COMMENTS)
        b->cues |= RS__CUE_COMMENTS;
    if (w <= AD_MAX_WORDS) {
        size_t visible = trim_end(text, len);
        if ((found & SET_AD) || (visible == 2 && find(text, 2, "ad") == 0)
            || (visible == 3 && find(text, 3, "ads") == 0))
            b->cues |= RS__CUE_AD;
    }
    if (w <= CREDIT_MAX_WORDS
        && (ends_with_source(text, len) || ends_with_named_credit(text, len, b)
            || (found & SET_CREDIT)
            || (copyright_sign && !(b->cues & RS__CUE_FOOTER))))
        b->cues |= RS__CUE_CREDIT;
    if (w <= BY_MAX_WORDS && b->by_name)
        b->cues |= RS__CUE_BY;
    if (is_views_line(text, len, b))
        b->cues |= RS__CUE_VIEWS;
    if (w <= DATE_MAX_WORDS && b->numbers > 0
        && (b->month || has_numeric_date(text, len) || (found & SET_AGO)))
        b->cues |= RS__CUE_DATE;
    if (b->numbers > 0 && starts_with_time(text, len))
        b->cues |= RS__CUE_DATE;
    if (ends_with_any(text, len, teaser_endings, TEASER_ENDINGS, index->teasers_ending_in))
        b->cues |= RS__CUE_TEASER;
}

size_t rs__text_byline_name(const char *text, size_t len, size_t *start)
{
    size_t p = 0;
    while (p < len && (text[p] == ' ' || text[p] == '\t'))
        p++;
    /* "By ", "Par ", "Posted by ": up to the author word and its space */
    for (size_t i = p; i < len && i < p + 16; i++) {
        if (text[i] != ' ')
            continue;
        size_t word = i;
        while (word > p && text[word - 1] != ' ')
            word--;
        char fold[8];
        size_t n = i - word;
        if (n == 0 || n >= sizeof fold)
            continue;
        for (size_t k = 0; k < n; k++)
            fold[k] = lower(text[word + k]);
        if (rs__text_byline_word(fold, n)) {
            p = i + 1;
            break;
        }
    }
    size_t end = p;
    /* the name ends at a separator, a comma, a line break or a date's digits */
    while (end < len && text[end] != '\n' && text[end] != '|' && text[end] != ',' && !is_digit(text[end])
           && !(end + 1 < len && (unsigned char)text[end] == 0xC2 && (unsigned char)text[end + 1] == 0xB7)
           && !(end + 2 < len && (unsigned char)text[end] == 0xE2 && (unsigned char)text[end + 1] == 0x80
                && (unsigned char)text[end + 2] == 0xA2))
        end++;
    while (end > p && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    size_t views = strlen(" views");
    if (end - p > views && find(text + end - views, views, " views") == 0)
        end -= views;
    while (end > p && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    *start = p;
    return end - p;
}
