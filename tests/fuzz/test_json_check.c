/* The validator the JSON fuzz target trusts must itself be right. */
#include <stdio.h>
#include <string.h>

#include "json_check.h"

static int failures;

static void expect(const char *text, size_t len, bool valid)
{
    json_check_result r = json_check(text, len, 16);
    if (r.ok != valid) {
        failures++;
        printf("FAIL: %s was %s (%s at %zu)\n", text, r.ok ? "accepted" : "rejected",
               r.message ? r.message : "-", r.offset);
    }
}

#define VALID(s) expect(s, sizeof(s) - 1, true)
#define INVALID(s) expect(s, sizeof(s) - 1, false)

int main(void)
{
    VALID("{}");
    VALID("[]");
    VALID(" \t\r\n{\"a\": [1, -0, 0.5, -1.25e+10, 2E-3, true, false, null, \"x\"]} \n");
    VALID("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"");
    VALID("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"");
    VALID("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 2}, {\"a\": 3}]}");
    VALID("0");
    VALID("-0.0e0");

    INVALID("");
    INVALID("   ");
    INVALID("{} {}");
    INVALID("{\"a\": 1,}");
    INVALID("[1, 2,]");
    INVALID("{a: 1}");
    INVALID("{'a': 1}");
    INVALID("{\"a\" 1}");
    INVALID("{\"a\": 1, \"a\": 2}");
    INVALID("NaN");
    INVALID("[nan]");
    INVALID("[Infinity]");
    INVALID("[-Infinity]");
    INVALID("[inf]");
    INVALID("[01]");
    INVALID("[+1]");
    INVALID("[1.]");
    INVALID("[.5]");
    INVALID("[1e]");
    INVALID("[1e+]");
    INVALID("[-]");
    INVALID("[0x10]");
    INVALID("[tru]");
    INVALID("[nul]");
    INVALID("[\"a\tb\"]");           /* raw tab */
    INVALID("[\"a\nb\"]");           /* raw line feed */
    INVALID("[\"\\x41\"]");          /* unknown escape */
    INVALID("[\"\\u12\"]");          /* short \u */
    INVALID("[\"\\uD800\"]");        /* lone high surrogate */
    INVALID("[\"\\uDC00\"]");        /* lone low surrogate */
    INVALID("[\"\\uD800\\u0041\"]"); /* high surrogate, no low one */
    INVALID("[\"\xC0\xAF\"]");       /* overlong '/' */
    INVALID("[\"\xE0\x80\xAF\"]");   /* overlong, three bytes */
    INVALID("[\"\xED\xA0\x80\"]");   /* UTF-8 surrogate */
    INVALID("[\"\xF4\x90\x80\x80\"]"); /* past U+10FFFF */
    INVALID("[\"\xF5\x80\x80\x80\"]");
    INVALID("[\"\x80\"]");           /* stray continuation */
    INVALID("[\"\xC3\"]");           /* truncated */
    INVALID("[\"\xE2\x82\"]");
    INVALID("[\"abc]");
    INVALID("[1 2]");
    INVALID("{\"a\": 1 \"b\": 2}");
    INVALID("[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]"); /* 17 deep */
    expect("[\"a\0b\"]", 7, false);  /* NUL inside a string */
    expect("{}\0", 3, false);

    printf("%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
