/*
 * Plain-text link lists (doc/roles_text.c): a run of list items counts
 * the short lines between them as its own, both where the survey tells
 * whether any run is long enough to be searched and in the search itself.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "readstat.h"

static rs_report *analyze_text(const char *text)
{
    rs_options o;
    rs_options_init(&o);
    o.format = RS_FORMAT_TEXT;
    size_t len = strlen(text);
    return analyze_in_chunks(text, len, len + 1, &o);
}

/* The role of the block whose text, past a bullet, starts with prefix. */
static rs_role role_of(const rs_report *r, const char *prefix)
{
    static const char bullet[] = "\xe2\x80\xa2 ";
    size_t n = strlen(prefix);
    for (size_t i = 0; i < rs_report_block_count(r); i++) {
        size_t len;
        const char *t = rs_report_block_text(r, i, &len);
        if (len >= strlen(bullet) && strncmp(t, bullet, strlen(bullet)) == 0) {
            t += strlen(bullet);
            len -= strlen(bullet);
        }
        if (len >= n && strncmp(t, prefix, n) == 0)
            return rs_report_block(r, i)->role;
    }
    cr_assert_fail("no block starts with \"%s\"", prefix);
    return RS_ROLE_CONTENT;
}

#define expect_role(r, prefix, want)                                                          \
    cr_expect_eq(role_of(r, prefix), want, "\"%s\": %s, expected %s", prefix,                 \
                 rs_role_name(role_of(r, prefix)), rs_role_name(want))

static const char story[] =
    "The town of Millbrook opened a library on Monday where residents can borrow drills, "
    "ladders and garden tools instead of books, and the shelves were half empty by the "
    "afternoon.\n\n"
    "The idea came from a retired carpenter who noticed that most of his neighbours owned "
    "the same few tools and used them only a couple of times a year.\n\n";

/*
 * A menu's items with section labels between them ("Lifestyle", "Sports")
 * are still one list: three short title-case items make it a link list,
 * the page is no document of its own, and the menu after the story is
 * chrome.
 */
Test(link_lists, labels_between_items_keep_a_menu_one_list)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", story,
             "\xe2\x80\xa2 Garden Tools\n\nLifestyle\n\n\xe2\x80\xa2 Kitchen Goods\n\nSports\n\n"
             "\xe2\x80\xa2 Power Drills\n");
    rs_report *r = analyze_text(text);
    expect_role(r, "Garden Tools", RS_ROLE_BOILERPLATE);
    expect_role(r, "Lifestyle", RS_ROLE_BOILERPLATE);
    expect_role(r, "Power Drills", RS_ROLE_BOILERPLATE);
    expect_role(r, "The idea came from", RS_ROLE_CONTENT);
    rs_report_free(r);
}

/* Split by a line of prose, no run of items is long enough: the page is all content. */
Test(link_lists, prose_between_items_splits_the_list)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", story,
             "\xe2\x80\xa2 Garden Tools\n\nLifestyle\n\n\xe2\x80\xa2 Kitchen Goods\n\n"
             "The volunteers who run the library on weekends say they would welcome more help "
             "with the repairs.\n\n\xe2\x80\xa2 Power Drills\n");
    rs_report *r = analyze_text(text);
    expect_role(r, "Garden Tools", RS_ROLE_CONTENT);
    expect_role(r, "Power Drills", RS_ROLE_CONTENT);
    rs_report_free(r);
}
