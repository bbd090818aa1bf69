/* charclass.h: what a code point is, for the tokenizer and the splitter. */
#ifndef RS_TEXT_CHARCLASS_H
#define RS_TEXT_CHARCLASS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum rs__cc {
    RS_CC_OTHER = 0, /* symbols, emoji, private use, unassigned */
    RS_CC_SPACE,     /* any white space but line breaks, and ZWSP */
    RS_CC_NEWLINE,   /* LF, CR, NEL, LS, PS */
    RS_CC_LETTER,
    RS_CC_MARK,      /* combining marks: part of the word before them */
    RS_CC_DIGIT,
    RS_CC_CJK,       /* ideographs, kana, Hangul syllables: one word each */
    RS_CC_APOSTROPHE,/* ' and U+2019: inside a word, or a quote */
    RS_CC_HYPHEN,    /* -, U+2010, U+2011: inside a compound */
    RS_CC_FORMAT,    /* ZWJ, ZWNJ, soft hyphen, bidi controls: transparent */
    RS_CC_CONTROL,   /* other C0/C1 controls */
    RS_CC_PUNCT
} rs__cc;

rs__cc rs__charclass(int32_t cp);

/* The class of every ASCII code point: most text is ASCII, and a table read
   is all the tokenizer's inner loops can afford per byte. */
extern const uint8_t rs__ascii_class[128];

static inline rs__cc rs__charclass_fast(int32_t cp)
{
    return (uint32_t)cp < 0x80 ? (rs__cc)rs__ascii_class[cp] : rs__charclass(cp);
}

/* Case of a letter: upper (Lu, Lt), lower (Ll), or neither. */
bool rs__is_upper(int32_t cp);
bool rs__is_lower(int32_t cp);

static inline bool rs__is_upper_fast(int32_t cp)
{
    return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : rs__is_upper(cp);
}

static inline bool rs__is_lower_fast(int32_t cp)
{
    return cp < 0x80 ? (cp >= 'a' && cp <= 'z') : rs__is_lower(cp);
}

/* The tests below beyond ASCII; callers use the inline forms. */
bool rs__is_terminal_wide(int32_t cp);
bool rs__is_closer_wide(int32_t cp);
bool rs__is_opener_wide(int32_t cp);
bool rs__is_bullet_wide(int32_t cp);

/* Marks that can end a sentence. */
static inline bool rs__is_terminal(int32_t cp)
{
    return cp < 0x80 ? cp == '.' || cp == '!' || cp == '?' : rs__is_terminal_wide(cp);
}

/* Terminals after which no look at the next word is needed (CJK). */
static inline bool rs__is_hard_terminal(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

/* Quotes and brackets that close a sentence's last words. */
static inline bool rs__is_closer(int32_t cp)
{
    return cp < 0x80 ? cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}'
                     : rs__is_closer_wide(cp);
}

/* Quotes and brackets that may open the next sentence. */
static inline bool rs__is_opener(int32_t cp)
{
    return cp < 0x80 ? cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{'
                     : rs__is_opener_wide(cp);
}

/* List bullets (the ASCII '-' and '*' are handled by the line parser). */
static inline bool rs__is_bullet(int32_t cp)
{
    return cp >= 0x2022 && rs__is_bullet_wide(cp);
}

#endif
