#define _GNU_SOURCE /* memmem */
/*
 * Cue phrases: what a block's own wording says about it.  Page chrome is
 * worded the same way on every site ("Skip to content", "All rights
 * reserved", "We use cookies", "Photo: ..."), so a handful of phrases, in
 * English and the other languages whose function words the classifier
 * knows, catch much of it.  A phrase only counts in a block short enough to
 * be that widget: a story may well mention cookies or a newsletter.
 * Phrases are matched without regard to ASCII case.
 */
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

static bool ends_with_any(const char *text, size_t len, const char *const *phrases)
{
    len = trim_end(text, len);
    for (size_t i = 0; phrases[i]; i++) {
        size_t n = strlen(phrases[i]);
        if (n <= len && find(text + len - n, n, phrases[i]) == 0)
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

static const char *const teaser_endings[] = {
    "read more", "more\xe2\x80\xa6", "more...", "mehr\xe2\x80\xa6", "mehr...", "weiterlesen",
    "lire la suite", "leer m\xc3\xa1s", "seguir leyendo", "leia mais", "continue reading",
    "[\xe2\x80\xa6]", "[...]", NULL,
};

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
    size_t slash = len;
    for (size_t i = len; i-- > 1;)
        if (text[i] == '/' && text[i - 1] == ' ') {
            slash = i;
            break;
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
           && ends_with_any(text, len, (const char *const[]){" views", NULL});
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

/* Every phrase has two bytes or more; its first two pick its bucket. */
static unsigned pair_bucket(unsigned char a, unsigned char b)
{
    return ((unsigned)a * 31u + b) & (RS__CUE_BUCKETS - 1);
}

void rs__cue_index_build(rs__cue_index *x)
{
    memset(x, 0, sizeof *x);
    size_t n = 0;
    for (size_t s = 0; s < sizeof phrase_sets / sizeof phrase_sets[0]; s++)
        for (const char *const *p = phrase_sets[s].phrases; *p && n < RS__CUE_PHRASES; p++) {
            x->text[n] = *p;
            x->len[n] = (uint8_t)strlen(*p);
            x->set[n] = (uint16_t)phrase_sets[s].set;
            n++;
        }
    /* counting sort of the phrases by bucket */
    uint16_t count[RS__CUE_BUCKETS + 1] = {0};
    for (size_t i = 0; i < n; i++)
        count[pair_bucket((unsigned char)x->text[i][0], (unsigned char)x->text[i][1]) + 1]++;
    for (size_t b = 0; b < RS__CUE_BUCKETS; b++)
        count[b + 1] += count[b];
    memcpy(x->start, count, sizeof x->start);
    for (size_t i = 0; i < n; i++) {
        unsigned b = pair_bucket((unsigned char)x->text[i][0], (unsigned char)x->text[i][1]);
        x->order[count[b]++] = (uint8_t)i;
    }
}

/* The sets among `wanted` that have a phrase in text (folded to lower case). */
static unsigned find_sets(const rs__cue_index *x, const char *text, size_t len, unsigned wanted)
{
    unsigned found = 0;
    for (size_t i = 0; i + 1 < len && found != wanted; i++) {
        unsigned b = pair_bucket((unsigned char)text[i], (unsigned char)text[i + 1]);
        for (unsigned k = x->start[b]; k < x->start[b + 1]; k++) {
            unsigned id = x->order[k];
            if ((x->set[id] & wanted & ~found) && x->len[id] <= len - i
                && memcmp(text + i, x->text[id], x->len[id]) == 0)
                found |= x->set[id];
        }
    }
    return found;
}

/* Longest block whose phrases are looked for; every cue limit is far below. */
enum { CUE_TEXT_MAX = 4096 };

void rs__text_cues(const rs__cue_index *index, const char *original, size_t len,
                   rs__text_block *b)
{
    uint32_t w = b->words;
    if (w == 0)
        return;
    if (len > CUE_TEXT_MAX) {
        /* far past every word limit below: only a teaser's ending can tell */
        if (ends_with_any(original, len, teaser_endings))
            b->cues |= RS__CUE_TEASER;
        return;
    }
    /* Fold once, then look for every phrase set the block is short enough
       for in one pass: blocks of up to 90 words meet a hundred phrases. */
    char text[CUE_TEXT_MAX];
    for (size_t i = 0; i < len; i++)
        text[i] = lower(original[i]);
    unsigned wanted = SET_COPYRIGHT_SIGN | SET_COPYRIGHT_C;
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
        wanted |= SET_CREDIT;
    if (w <= DATE_MAX_WORDS && b->numbers > 0)
        wanted |= SET_AGO;
    unsigned found = find_sets(index, text, len, wanted);
    if (w <= COUNTER_MAX_WORDS && b->widget == w)
        b->cues |= RS__CUE_COUNTER;
    if (found & SET_NAV)
        b->cues |= RS__CUE_NAV;
    /* a menu or breadcrumb written on one line: "News | Sport | Weather" */
    size_t bars = 0;
    for (size_t i = 0; i + 2 < len; i++)
        bars += text[i] == ' ' && (text[i + 1] == '|' || text[i + 1] == '>') && text[i + 2] == ' ';
    if (bars >= 2 && !b->terminal && w <= 40)
        b->cues |= RS__CUE_NAV;
    if (found & SET_NOTICE)
        b->cues |= RS__CUE_NOTICE;
    if (found & SET_SITE)
        b->cues |= RS__CUE_SITE_WORDS;
    bool copyright_sign = (found & (SET_COPYRIGHT_SIGN | SET_COPYRIGHT_C)) != 0;
    if (w <= FOOTER_MAX_WORDS
        && ((found & SET_FOOTER) || (copyright_sign && has_year(original, len))))
        b->cues |= RS__CUE_FOOTER;
    if (found & SET_COMMENTS)
        b->cues |= RS__CUE_COMMENTS;
    size_t visible = trim_end(original, len);
    if (w <= AD_MAX_WORDS
        && ((found & SET_AD)
            || (visible == 2 && find(original, 2, "ad") == 0)
            || (visible == 3 && find(original, 3, "ads") == 0)))
        b->cues |= RS__CUE_AD;
    if (w <= CREDIT_MAX_WORDS
        && (ends_with_source(original, len) || ends_with_named_credit(original, len, b)
            || (found & SET_CREDIT)
            || (copyright_sign && !(b->cues & RS__CUE_FOOTER))))
        b->cues |= RS__CUE_CREDIT;
    if (w <= BY_MAX_WORDS && b->by_name)
        b->cues |= RS__CUE_BY;
    if (is_views_line(original, len, b))
        b->cues |= RS__CUE_VIEWS;
    if (w <= DATE_MAX_WORDS && b->numbers > 0
        && (b->month || has_numeric_date(original, len) || (found & SET_AGO)))
        b->cues |= RS__CUE_DATE;
    if (b->numbers > 0 && starts_with_time(original, len))
        b->cues |= RS__CUE_DATE;
    if (ends_with_any(original, len, teaser_endings))
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
