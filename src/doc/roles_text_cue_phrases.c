/*
 * The cue phrases that roles_text_cues.c looks for, and the index that
 * finds them all in one pass.  The index depends on the phrases alone, so
 * the build makes it (tools/gen_cue_index.c) and the library keeps it as
 * constant data: an analysis of a short article no longer spends more on
 * building it than on its text.  The builder stays here, next to the
 * phrases, for the generator and for the test that checks its copy.
 */
#include <stddef.h>
#include <string.h>

#include "doc/roles_text.h"

#define ENDING(s) {s, sizeof s - 1}

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

const rs__cue_ending rs__cue_teaser_endings[RS__CUE_TEASERS] = {
    ENDING("read more"), ENDING("more\xe2\x80\xa6"), ENDING("more..."), ENDING("mehr\xe2\x80\xa6"),
    ENDING("mehr..."), ENDING("weiterlesen"), ENDING("lire la suite"), ENDING("leer m\xc3\xa1s"),
    ENDING("seguir leyendo"), ENDING("leia mais"), ENDING("continue reading"),
    ENDING("[\xe2\x80\xa6]"), ENDING("[...]"),
};
_Static_assert(sizeof rs__cue_teaser_endings / sizeof rs__cue_teaser_endings[0] <= 16,
               "teasers_ending_in holds a bit per teaser ending");

static const char *const copyright_sign_phrases[] = {"\xc2\xa9", NULL};
static const char *const copyright_c_phrases[] = {"(c) ", NULL};
static const char *const ago_phrases[] = {" ago", NULL};

static const struct {
    const char *const *phrases;
    unsigned set;
} phrase_sets[] = {
    {nav_phrases, RS__CUE_SET_NAV}, {notice_phrases, RS__CUE_SET_NOTICE},
    {site_words, RS__CUE_SET_SITE}, {footer_phrases, RS__CUE_SET_FOOTER},
    {comment_phrases, RS__CUE_SET_COMMENTS}, {ad_phrases, RS__CUE_SET_AD},
    {credit_phrases, RS__CUE_SET_CREDIT},
    {copyright_sign_phrases, RS__CUE_SET_COPYRIGHT_SIGN},
    {copyright_c_phrases, RS__CUE_SET_COPYRIGHT_C},
    {ago_phrases, RS__CUE_SET_AGO},
};

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

/* Marks a folded gram that phrase id may start `before` bytes ahead of
   (before < RS__CUE_BEFORE_MAX). */
static void add_gram(rs__cue_phrases *x, uint16_t count[], uint32_t gram, size_t id, size_t before,
                     bool place)
{
    unsigned h = rs__cue_gram_hash(gram);
    x->grams[h] |= (uint8_t)rs__cue_groups(x->set[id]);
    unsigned c = rs__cue_gram_check(gram);
    x->check[c >> 3] |= (uint8_t)(1u << (c & 7));
    if (place) {
        unsigned k = count[h % RS__CUE_BUCKETS]++;
        x->order[k] = (uint16_t)(id * RS__CUE_BEFORE_MAX + before);
        x->order_gram[k] = gram;
    } else {
        count[h % RS__CUE_BUCKETS + 1]++;
    }
}

/* Generated from data/wordlists/lexicon.tsv (roles_text_lexicon.c). */
int rs__lexicon_lookup(const char *key, size_t len);

/* The function words' bits in the lexicon: one per language. */
enum { FUNCTION_WORD_BITS = (1u << RS__TEXT_LANGS) - 1 };

/* How many of the five bytes from phrase + at are in a function word of the
   phrase ("this", "our", "you" in "this site", "our site", "you agree"),
   and then how many are blanks, times eight. */
static unsigned commonness(const char *phrase, size_t n, size_t at)
{
    unsigned common = 0, blanks = 0;
    for (size_t start = 0; start < n;) {
        size_t end = start;
        while (end < n && phrase[end] != ' ')
            end++;
        int mask = end > start ? rs__lexicon_lookup(phrase + start, end - start) : -1;
        if (mask > 0 && ((unsigned)mask & FUNCTION_WORD_BITS))
            for (size_t k = start; k < end; k++)
                common += k >= at && k < at + RS__CUE_GRAM_LEN + 1;
        start = end + 1;
    }
    for (size_t k = at; k < at + RS__CUE_GRAM_LEN + 1; k++)
        blanks += phrase[k] == ' ';
    return common * 8 + blanks;
}

/*
 * Where a phrase of five bytes or more is marked: at two grams one byte
 * apart, one of which the scan reads whatever the parity of the phrase's
 * place.  Real prose holds the grams of its function words and blanks far
 * more often than the others ("this", "his " for "this site"): the two are
 * taken where the phrase has fewest of them, the first such place.
 */
static size_t marked_at(const char *phrase, size_t n)
{
    size_t best = 0;
    unsigned best_commonness = commonness(phrase, n, 0);
    for (size_t at = 1; at + RS__CUE_GRAM_LEN + 1 <= n && at < RS__CUE_BEFORE_MAX; at++) {
        unsigned c = commonness(phrase, n, at);
        if (c < best_commonness) {
            best_commonness = c;
            best = at;
        }
    }
    return best;
}

/* Both grams of each phrase of four bytes or more (see roles_text.h). */
static void add_grams(rs__cue_phrases *x, uint16_t count[], size_t n, bool place)
{
    for (size_t id = 0; id < n; id++) {
        const char *p = x->text[id];
        if (x->len[id] < RS__CUE_GRAM_LEN)
            continue;
        if (x->len[id] > RS__CUE_GRAM_LEN) {
            size_t at = marked_at(p, x->len[id]);
            add_gram(x, count, rs__cue_folded_gram(p + at), id, at, place);
            add_gram(x, count, rs__cue_folded_gram(p + at + 1), id, at + 1, place);
            continue;
        }
        add_gram(x, count, rs__cue_folded_gram(p), id, 0, place);
        /* every byte after the last three, as the scan folds it */
        for (unsigned next = 0x20; next < 0x100; next = (next + 1) | 0x20) {
            char gram[RS__CUE_GRAM_LEN] = {p[1], p[2], p[3], (char)next};
            add_gram(x, count, rs__cue_folded_gram(gram), id, 1, place);
        }
    }
}

static bool edge_byte(char c)
{
    return c != '\0' && strchr(RS__CUE_EDGE_BYTES, c) != NULL;
}

static bool ascii_lower_letter(char c)
{
    return c >= 'a' && c <= 'z';
}

/* Does the core stand in the phrase (n bytes) inside a run of letters,
   with the edges it asks for around it there? */
static bool core_covers(const rs__cue_core *core, const char *phrase, size_t n)
{
    for (size_t at = 0; at + core->len <= n; at++) {
        if (memcmp(phrase + at, core->text, core->len) != 0)
            continue;
        bool letters = true;
        for (size_t k = 0; k < core->len; k++)
            letters = letters && ascii_lower_letter(phrase[at + k]);
        if (letters && (!(core->edges & RS__CUE_CORE_STARTS) || (at > 0 && edge_byte(phrase[at - 1])))
            && (!(core->edges & RS__CUE_CORE_ENDS)
                || (at + core->len < n && edge_byte(phrase[at + core->len]))))
            return true;
    }
    return false;
}

/* The phrases of RS__CUE_SETS_BY_WORDS that no core covers, to be looked
   for as they are (those under four bytes are, by find_short()). */
static void list_coreless(rs__cue_phrases *x, size_t nphrases)
{
    /* rs__cue_word() finds the cores by their first two letters, and a
       number with fewer letters than the shortest is taken to hold none */
    bool fits = true;
    for (size_t letter = 0; letter < 26; letter++) {
        uint32_t seconds = 0;
        for (size_t k = 0; k < rs__cue_cores[letter].n; k++) {
            const rs__cue_core *core = &rs__cue_cores[letter].cores[k];
            fits = fits && core->len >= RS__CUE_CORE_MIN && core->len == strlen(core->text)
                   && core->text[0] == (char)('a' + letter);
            for (size_t i = 0; i < core->len; i++)
                fits = fits && ascii_lower_letter(core->text[i]);
            if (fits)
                seconds |= 1u << (core->text[1] - 'a');
        }
        fits = fits && seconds == rs__cue_cores[letter].seconds;
    }
    for (size_t id = 0; id < nphrases; id++) {
        if (!(x->set[id] & RS__CUE_SETS_BY_WORDS) || x->len[id] < RS__CUE_GRAM_LEN)
            continue;
        bool covered = false;
        for (size_t letter = 0; letter < 26; letter++)
            for (size_t k = 0; k < rs__cue_cores[letter].n && !covered; k++)
                covered = core_covers(&rs__cue_cores[letter].cores[k], x->text[id], x->len[id]);
        if (covered)
            continue;
        if (x->ncoreless == RS__CUE_CORELESS) {
            fits = false;
            continue;
        }
        x->coreless_anchor[x->ncoreless] = (uint8_t)anchor_of(x->text[id], x->len[id]);
        x->coreless_ids[x->ncoreless++] = (uint8_t)id;
    }
    x->by_words = fits;
    x->coreless_on_paren = true;
    for (size_t k = 0; k < x->ncoreless; k++)
        x->coreless_on_paren =
            x->coreless_on_paren && x->text[x->coreless_ids[k]][x->coreless_anchor[k]] == '(';
}

void rs__cue_phrases_build(rs__cue_phrases *x)
{
    memset(x, 0, sizeof *x);
    size_t n = 0;
    for (size_t s = 0; s < sizeof phrase_sets / sizeof phrase_sets[0]; s++)
        for (const char *const *p = phrase_sets[s].phrases; *p && n < RS__CUE_PHRASES; p++) {
            size_t len = strlen(*p);
            if ((len < RS__CUE_GRAM_LEN && x->nshort == RS__CUE_SHORT)
                || (len == RS__CUE_GRAM_LEN && x->nfour == RS__CUE_FOUR))
                continue;
            x->text[n] = *p;
            x->len[n] = (uint8_t)len;
            for (size_t k = 0; k < len && k < 8; k++)
                x->head[8 * n + k] = (uint8_t)((*p)[k] | 0x20);
            x->set[n] = (uint16_t)phrase_sets[s].set;
            if (len == RS__CUE_GRAM_LEN)
                x->nfour++;
            if (len < RS__CUE_GRAM_LEN) {
                x->short_anchor[x->nshort] = (uint8_t)anchor_of(*p, len);
                x->short_ids[x->nshort++] = (uint8_t)n;
                x->short_sets |= x->set[n];
                if ((unsigned char)(*p)[x->short_anchor[x->nshort - 1]] != 0xC2)
                    x->short_sets_not_c2 |= x->set[n];
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
    list_coreless(x, n);
    for (size_t i = 0; i < RS__CUE_TEASERS; i++) {
        const rs__cue_ending *e = &rs__cue_teaser_endings[i];
        x->teasers_ending_in[(unsigned char)e->text[e->len - 1]] |= (uint16_t)(1u << i);
        for (unsigned c = 0; c < 256; c++)
            if (e->len < 2 || (unsigned char)e->text[e->len - 2] == c)
                x->teasers_before_last[c] |= (uint16_t)(1u << i);
    }
}

