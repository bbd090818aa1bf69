#include "text/charclass.h"

#include <utf8proc.h>

static bool is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF)     /* Hiragana, Katakana */
        || (cp >= 0x31F0 && cp <= 0x31FF)     /* Katakana phonetic extensions */
        || (cp >= 0x3400 && cp <= 0x4DBF)     /* CJK Extension A */
        || (cp >= 0x4E00 && cp <= 0x9FFF)     /* CJK Unified Ideographs */
        || (cp >= 0xAC00 && cp <= 0xD7A3)     /* Hangul syllables */
        || (cp >= 0xF900 && cp <= 0xFAFF)     /* CJK compatibility ideographs */
        || (cp >= 0xFF66 && cp <= 0xFF9D)     /* half-width Katakana */
        || (cp >= 0x20000 && cp <= 0x3134F);  /* Extensions B..G */
}

/*
 * ASCII: letters, digits, blanks (space, tab, VT, FF), line breaks (LF, CR),
 * the apostrophe and the hyphen-minus have their own classes; the other C0
 * controls and DEL are controls; $ + < = > ^ ` | ~ are symbols (OTHER), the
 * rest punctuation.
 */
enum {
    L = RS_CC_LETTER, D = RS_CC_DIGIT, S = RS_CC_SPACE, N = RS_CC_NEWLINE,
    A = RS_CC_APOSTROPHE, H = RS_CC_HYPHEN, C = RS_CC_CONTROL, O = RS_CC_OTHER, P = RS_CC_PUNCT
};

const uint8_t rs__ascii_class[128] = {
    C, C, C, C, C, C, C, C, C, S, N, S, S, N, C, C,
    C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    S, P, P, P, O, P, P, A, P, P, P, O, P, H, P, P,
    D, D, D, D, D, D, D, D, D, D, P, P, O, O, O, P,
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, O, P,
    O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    L, L, L, L, L, L, L, L, L, L, L, P, O, P, O, C,
};

rs__cc rs__charclass(int32_t cp)
{
    if (cp < 0x80)
        return cp < 0 ? RS_CC_CONTROL : (rs__cc)rs__ascii_class[cp];
    switch (cp) {
    case 0x0085: case 0x2028: case 0x2029:
        return RS_CC_NEWLINE;
    case 0x200B: case 0xFEFF: /* zero-width space, BOM used as ZWNBSP */
        return RS_CC_SPACE;
    case 0x2019:
        return RS_CC_APOSTROPHE;
    case 0x2010: case 0x2011:
        return RS_CC_HYPHEN;
    default:
        break;
    }
    if (is_cjk(cp))
        return RS_CC_CJK;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return RS_CC_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return RS_CC_MARK;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
        return RS_CC_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
        return RS_CC_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return RS_CC_NEWLINE;
    case UTF8PROC_CATEGORY_CF:
        return RS_CC_FORMAT;
    case UTF8PROC_CATEGORY_CC:
        return RS_CC_CONTROL;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return RS_CC_PUNCT;
    default:
        return RS_CC_OTHER;
    }
}

bool rs__is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool rs__is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool rs__is_terminal_wide(int32_t cp)
{
    switch (cp) {
    case 0x2026: /* … */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: /* ‼ ⁇ ⁈ ⁉ */
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0xFF61: /* 。！？．｡ */
        return true;
    default:
        return false;
    }
}

bool rs__is_closer_wide(int32_t cp)
{
    switch (cp) {
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A: /* ’ ” » › */
    case 0x300D: case 0x300F: case 0xFF09: case 0x3011: case 0x3009: case 0x300B:
        return true;
    default:
        return false;
    }
}

bool rs__is_opener_wide(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x201C: case 0x00AB: case 0x2039: /* ‘ “ « ‹ */
    case 0x300C: case 0x300E: case 0xFF08: case 0x3010: case 0x3008: case 0x300A:
    case 0x00BF: case 0x00A1: /* ¿ ¡ */
        return true;
    default:
        return false;
    }
}

bool rs__is_bullet_wide(int32_t cp)
{
    switch (cp) {
    case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x25AA: case 0x25CF:
    case 0x25A0: case 0x25B8: case 0x25BA: case 0x2219:
        return true;
    default:
        return false;
    }
}
