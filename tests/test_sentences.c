/* The sentence splitter, one rule per test, with cases we wrote. */
#include <stdio.h>

#include "core/alloc.h"
#include "helpers.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

Test(sentences, plain_terminators)
{
    expect_sentences("The cat sat. The dog ran.", SENTENCES("The cat sat.", "The dog ran."));
    expect_sentences("Is it late? It is.", SENTENCES("Is it late?", "It is."));
    expect_sentences("Stop! Look both ways.", SENTENCES("Stop!", "Look both ways."));
    expect_sentences("One sentence without an end", SENTENCES("One sentence without an end"));
    expect_sentences("Really?! Yes.", SENTENCES("Really?!", "Yes."));
    expect_sentences("Wait... What happened?", SENTENCES("Wait...", "What happened?"));
    expect_sentences("He paused… Then he spoke.", SENTENCES("He paused…", "Then he spoke."));
}

Test(sentences, closing_quotes_and_brackets_belong_to_the_sentence)
{
    expect_sentences("She said it would rain today.” Then it did.",
                     SENTENCES("She said it would rain today.”", "Then it did."));
    expect_sentences("He left (as planned.) Nobody minded.",
                     SENTENCES("He left (as planned.)", "Nobody minded."));
    expect_sentences("\"Go home!\" The crowd cheered.", SENTENCES("\"Go home!\"", "The crowd cheered."));
    expect_sentences("“Go home!” she shouted.", SENTENCES("“Go home!” she shouted."));
    expect_sentences("It was 'fine.' Really it was.", SENTENCES("It was 'fine.'", "Really it was."));
}

Test(sentences, lower_case_continuation_is_not_a_boundary)
{
    expect_sentences("He works for Jeopardy! as a writer.",
                     SENTENCES("He works for Jeopardy! as a writer."));
    expect_sentences("\"Why?\" asked the child.", SENTENCES("\"Why?\" asked the child."));
}

Test(sentences, titles_before_names)
{
    expect_sentences("Mr. Brown met Dr. Patel at noon.", SENTENCES("Mr. Brown met Dr. Patel at noon."));
    expect_sentences("Mrs. Okafor and Ms. Lee spoke first.",
                     SENTENCES("Mrs. Okafor and Ms. Lee spoke first."));
    expect_sentences("Prof. Adams teaches at Gen. Grant High.",
                     SENTENCES("Prof. Adams teaches at Gen. Grant High."));
    expect_sentences("We thanked the Rev. He smiled.", SENTENCES("We thanked the Rev.", "He smiled."));
}

Test(sentences, abbreviations_in_mid_sentence)
{
    expect_sentences("Bring fruit, e.g. apples or pears.", SENTENCES("Bring fruit, e.g. apples or pears."));
    expect_sentences("Use a tool, i.e. a hammer.", SENTENCES("Use a tool, i.e. a hammer."));
    expect_sentences("Pens, paper, etc. are in the drawer.",
                     SENTENCES("Pens, paper, etc. are in the drawer."));
    expect_sentences("See Fig. 3 for details.", SENTENCES("See Fig. 3 for details."));
    expect_sentences("Smith vs. Jones went to trial.", SENTENCES("Smith vs. Jones went to trial."));
}

Test(sentences, abbreviations_that_end_a_sentence)
{
    expect_sentences("We bought pens, paper, etc. Then we left.",
                     SENTENCES("We bought pens, paper, etc.", "Then we left."));
    expect_sentences("The firm is Acme Inc. It makes anvils.",
                     SENTENCES("The firm is Acme Inc.", "It makes anvils."));
    expect_sentences("She moved to the U.S. She loves it.",
                     SENTENCES("She moved to the U.S.", "She loves it."));
    expect_sentences("The train leaves at 9 a.m. We must hurry.",
                     SENTENCES("The train leaves at 9 a.m.", "We must hurry."));
    expect_sentences("The shop opens at 8 A.M. Customers queue early.",
                     SENTENCES("The shop opens at 8 A.M.", "Customers queue early."));
}

Test(sentences, longest_list_entries)
{
    /* the widest abbreviation, title and opener in the word lists */
    expect_sentences("It cost approx. Yesterday we paid.",
                     SENTENCES("It cost approx.", "Yesterday we paid."));
    expect_sentences("Talk to Messrs. Smith and Jones.", SENTENCES("Talk to Messrs. Smith and Jones."));
    expect_sentences("We met at the Corp. Meanwhile they left.",
                     SENTENCES("We met at the Corp.", "Meanwhile they left."));
}

Test(sentences, dotted_abbreviations_mid_sentence)
{
    expect_sentences("The U.S. Senate voted today.", SENTENCES("The U.S. Senate voted today."));
    expect_sentences("He earned a Ph.D. in physics.", SENTENCES("He earned a Ph.D. in physics."));
    expect_sentences("We met at 7 p.m. on Friday.", SENTENCES("We met at 7 p.m. on Friday."));
    expect_sentences("The U.K. Parliament sat late.", SENTENCES("The U.K. Parliament sat late."));
}

Test(sentences, initials)
{
    expect_sentences("J. R. R. Tolkien wrote it.", SENTENCES("J. R. R. Tolkien wrote it."));
    expect_sentences("Ask George W. Bush about it.", SENTENCES("Ask George W. Bush about it."));
    expect_sentences("The winner was plan B. The rest failed.",
                     SENTENCES("The winner was plan B.", "The rest failed."));
}

Test(sentences, numbers_decimals_and_versions)
{
    expect_sentences("Pi is about 3.14 today.", SENTENCES("Pi is about 3.14 today."));
    expect_sentences("Install version 2.4.1 first.", SENTENCES("Install version 2.4.1 first."));
    expect_sentences("It costs $4.50. That is cheap.", SENTENCES("It costs $4.50.", "That is cheap."));
    expect_sentences("Turn to p. 12 now.", SENTENCES("Turn to p. 12 now."));
    expect_sentences("Growth was 3.5% in 2023. It slowed later.",
                     SENTENCES("Growth was 3.5% in 2023.", "It slowed later."));
    expect_sentences("He sold 1,000.Then he rested.", SENTENCES("He sold 1,000.", "Then he rested."));
}

Test(sentences, links_and_addresses)
{
    expect_sentences("Visit https://example.org/a.b/c.html. It has news.",
                     SENTENCES("Visit https://example.org/a.b/c.html.", "It has news."));
    expect_sentences("Write to ana.lopez@mail.example.com for help.",
                     SENTENCES("Write to ana.lopez@mail.example.com for help."));
    expect_sentences("Mail ana@example.com. She answers fast.",
                     SENTENCES("Mail ana@example.com.", "She answers fast."));
    expect_sentences("Go to www.example.com today.", SENTENCES("Go to www.example.com today."));
    expect_sentences("Buy it on Amazon.com. It ships fast.",
                     SENTENCES("Buy it on Amazon.com.", "It ships fast."));
}

Test(sentences, ellipses)
{
    expect_sentences("I think . . . maybe not.", SENTENCES("I think . . . maybe not."));
    expect_sentences("Well . . . I suppose so.", SENTENCES("Well . . . I suppose so."));
    expect_sentences("He said it was over. . . . Nobody believed him.",
                     SENTENCES("He said it was over. . . .", "Nobody believed him."));
    expect_sentences("The text [...] continues here.", SENTENCES("The text [...] continues here."));
    expect_sentences("And then… silence.", SENTENCES("And then… silence."));
}

Test(sentences, missing_space_after_period)
{
    expect_sentences("It rained.Then it snowed.", SENTENCES("It rained.", "Then it snowed."));
    expect_sentences("Open the file.txt now.", SENTENCES("Open the file.txt now."));
}

Test(sentences, inline_lists)
{
    expect_sentences("1) Mix the flour 2) Add the eggs 3) Bake it",
                     SENTENCES("1) Mix the flour", "2) Add the eggs", "3) Bake it"));
    expect_sentences("1. Preheat the oven. 2. Grease the pan.",
                     SENTENCES("1. Preheat the oven.", "2. Grease the pan."));
    expect_sentences("a. Red apples b. Green pears", SENTENCES("a. Red apples", "b. Green pears"));
    expect_sentences("i. Plan it ii. Build it iii. Ship it",
                     SENTENCES("i. Plan it", "ii. Build it", "iii. Ship it"));
    expect_sentences("• Cheap • Fast • Good", SENTENCES("• Cheap", "• Fast", "• Good"));
    expect_sentences("He scored 2. Then he left.", SENTENCES("He scored 2.", "Then he left."));
}

Test(sentences, line_breaks)
{
    expect_sentences("The storm hit the coast early on Monday, and by noon the\n"
                     "roads were closed.",
                     SENTENCES("The storm hit the coast early on Monday, and by noon the roads were closed."));
    expect_sentences("apples\npears and plums\n", SENTENCES("apples", "pears and plums"));
    expect_sentences("The river was \ncold.", SENTENCES("The river was cold."));
    expect_sentences("Line one ends.\r\nLine two ends.", SENTENCES("Line one ends.", "Line two ends."));
}

Test(sentences, block_boundaries_end_sentences)
{
    expect_sentences("First paragraph has no period\n\nSecond one does.",
                     SENTENCES("First paragraph has no period", "Second one does."));
    expect_sentences("Intro line\n- one item\n- another item",
                     SENTENCES("Intro line", "- one item", "- another item"));
}

Test(sentences, cjk)
{
    expect_sentences("今日は晴れです。明日は雨です。", SENTENCES("今日は晴れです。", "明日は雨です。"));
    expect_sentences("你好！你好吗？", SENTENCES("你好！", "你好吗？"));
    expect_sentences("他说：「好。」然后走了。", SENTENCES("他说：「好。」", "然后走了。"));
}

Test(sentences, punctuation_only_is_not_a_sentence)
{
    expect_sentences("...", (const char *const[]){NULL});
    expect_sentences("!!! ???", (const char *const[]){NULL});
    expect_sentences("Yes. — ", SENTENCES("Yes."));
}

Test(sentences, every_listed_abbreviation_and_title_is_found)
{
    /* Before a capitalised word that opens no sentence, a listed word keeps
       the sentence going where any other word would end it. */
    static const char *const listed[] = {
        "adm", "capt", "cmdr", "col", "cpl", "cpt", "dr", "fr", "ft", "gen", "gov", "hon", "lt",
        "maj", "messrs", "mlle", "mme", "mmes", "mr", "mrs", "ms", "mt", "pres", "prof", "rep",
        "rev", "sen", "sgt", "sr", "sra", "srta", "st", "supt",
        "al", "approx", "apr", "apt", "assn", "assoc", "aug", "ave", "blvd", "bros", "ca", "cf",
        "ch", "chap", "cit", "co", "corp", "dec", "dept", "ed", "eds", "esp", "est", "etc", "ext",
        "feb", "fig", "figs", "fri", "govt", "hwy", "ibid", "inc", "incl", "intl", "jan", "jr",
        "jul", "jun", "llc", "ltd", "mfg", "mgmt", "mgr", "mon", "natl", "no", "nos", "nov",
        "oct", "op", "plc", "pp", "rd", "ref", "sep", "sept", "tel", "thu", "thur", "thurs",
        "trans", "tue", "tues", "univ", "viz", "vol", "vols", "vs",
    };
    for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "We saw the %s. Smith came.", listed[i]);
        expect_sentences(text, SENTENCES(text));
    }
    expect_sentences("We saw the dog. Smith came.", SENTENCES("We saw the dog.", "Smith came."));
}

Test(sentences, short_lines_are_counted_exactly)
{
    /* three words on a line of their own end a sentence; four do not, nor
       does a line break after a long run of words */
    expect_sentences("one two three\nfour five six seven\neight",
                     SENTENCES("one two three", "four five six seven eight"));
    expect_sentences("a b c d e f g h\ni j", SENTENCES("a b c d e f g h i j"));
    expect_sentences("Some words here, then (more) words and more words 2) Next item",
                     SENTENCES("Some words here, then (more) words and more words 2) Next item"));
}

Test(sentences, a_title_ends_a_sentence_before_each_pronoun_only)
{
    static const char *const pronouns[] = {
        "He", "I", "It", "She", "That", "There", "They", "This", "We", "You",
    };
    for (size_t i = 0; i < sizeof pronouns / sizeof pronouns[0]; i++) {
        char text[64], rest[32];
        snprintf(text, sizeof text, "We thanked the Rev. %s left.", pronouns[i]);
        snprintf(rest, sizeof rest, "%s left.", pronouns[i]);
        expect_sentences(text, SENTENCES("We thanked the Rev.", rest));
    }
    /* an opener that is no pronoun keeps a title's sentence going */
    expect_sentences("We thanked the Rev. The choir sang.",
                     SENTENCES("We thanked the Rev. The choir sang."));
}

Test(sentences, the_word_before_a_period_is_read_whatever_its_case_and_place)
{
    /* upper case, mixed case, and a title too close to the block's end to
       be read eight bytes at once */
    expect_sentences("MR. BROWN met us.", SENTENCES("MR. BROWN met us."));
    expect_sentences("Ask mR. Brown.", SENTENCES("Ask mR. Brown."));
    expect_sentences("I met Dr. Li", SENTENCES("I met Dr. Li"));
    expect_sentences("I met the Dr. He", SENTENCES("I met the Dr.", "He"));
    /* longer than any listed word, or not ASCII: an ordinary word */
    expect_sentences("It rained on Tuesday. Smith came.", SENTENCES("It rained on Tuesday.", "Smith came."));
    expect_sentences("We met at the café. Smith came.", SENTENCES("We met at the café.", "Smith came."));
    /* two dots after a title read as its period */
    expect_sentences("Ask Mr.. Smith came.", SENTENCES("Ask Mr.. Smith came."));
}

Test(sentences, words_are_counted_from_a_sentence_that_opens_with_a_mark)
{
    /* the line rule counts the words of a sentence that starts with
       punctuation, and a sentence of marks alone is none */
    expect_sentences("(one) two\nthree four five six", SENTENCES("(one) two", "three four five six"));
    expect_sentences("— one two three four\nfive", SENTENCES("— one two three four five"));
    expect_sentences("“Yes.” — “No.”", SENTENCES("“Yes.”", "— “No.”"));
}

Test(sentences, markers_after_a_bullet_and_roman_numerals)
{
    expect_sentences("• 1. Mix it • 2. Bake it", SENTENCES("• 1. Mix it", "• 2. Bake it"));
    expect_sentences("iv. Plan it v. Build it", SENTENCES("iv. Plan it", "v. Build it"));
    expect_sentences("vi) Plan it vii) Build it", SENTENCES("vi) Plan it", "vii) Build it"));
    expect_sentences("xv. Plan it xvi. Ship it", SENTENCES("xv. Plan it", "xvi. Ship it"));
    /* a lower-case word of numeral letters that is no numeral is no marker */
    expect_sentences("vex. Then go", SENTENCES("vex.", "Then go"));
    expect_sentences("The plan is good. Ok. Now go.", SENTENCES("The plan is good.", "Ok.", "Now go."));
}

Test(sentences, markers_once_a_block_has_a_list)
{
    /* a list opened by a bullet after plain sentences: its markers count */
    expect_sentences("We start here. • 1) Mix it well 2) Bake it",
                     SENTENCES("We start here.", "• 1) Mix it well", "2) Bake it"));
    expect_sentences("We start here. • a) Mix it well b) Bake it",
                     SENTENCES("We start here.", "• a) Mix it well", "b) Bake it"));
    /* with no list before them, marker-shaped words only end sentences */
    expect_sentences("We had 1) one 2) two and iv. Then more.",
                     SENTENCES("We had 1) one 2) two and iv.", "Then more."));
    expect_sentences("Take part b. Then c. Then stop.",
                     SENTENCES("Take part b.", "Then c.", "Then stop."));
}

Test(sentences, closers_after_a_period_at_every_place)
{
    expect_sentences("She said “stop.”", SENTENCES("She said “stop.”"));
    expect_sentences("She said “stop.”\n\nThen she left.", SENTENCES("She said “stop.”", "Then she left."));
    expect_sentences("He met (the Dr.) Brown later.", SENTENCES("He met (the Dr.) Brown later."));
    expect_sentences("It was over.”) Then we left.", SENTENCES("It was over.”)", "Then we left."));
    expect_sentences("It was over.” “Then we left.”", SENTENCES("It was over.”", "“Then we left.”"));
    expect_sentences("It was over.”\nthen we left.", SENTENCES("It was over.” then we left."));
    expect_sentences("It was over.” . . . Then we left.",
                     SENTENCES("It was over.”", ". . . Then we left."));
}

/*
 * A block cut in two (RS_OPT_STREAM reads a long one in pieces): the part
 * after the cut, split from the state the first part's splitting ended in,
 * gives the sentences of the whole block.
 */
enum { MOST_RANGES = 16 };

typedef struct byte_range {
    size_t start, end;
} byte_range;

/* The sentences of text[from, to) as byte ranges. */
static size_t split_part(const char *text, size_t from, size_t to,
                         const rs__sentence_carry *at_start, rs__sentence_carry *at_end,
                         byte_range *ranges)
{
    rs_allocator a = rs__allocator_or_default(NULL);
    rs__token_vec toks = {0};
    rs__span_vec spans = {0};
    rs__text_stats stats = {0};
    cr_assert_eq(rs__tokenize(&a, text, from, to, &toks, &stats), RS_OK);
    cr_assert_eq(rs__split_sentences_carried(&a, text, toks.items, toks.count, &spans, at_start,
                                             at_end),
                 RS_OK);
    cr_assert_leq(spans.count, MOST_RANGES);
    for (size_t k = 0; k < spans.count; k++)
        ranges[k] = (byte_range){toks.items[spans.items[k].first].start,
                                 toks.items[spans.items[k].last].end};
    size_t n = spans.count;
    rs__free(&a, toks.items, toks.cap * sizeof *toks.items);
    rs__free(&a, spans.items, spans.cap * sizeof *spans.items);
    return n;
}

/*
 * `marked` is a block with a '|' where it is cut; `continues`, whether the
 * whole block has a sentence going through the cut (the caller of the
 * splitter decides it, as doc/stream_pieces.c does).
 */
static void expect_parts_split_as_whole(const char *marked, bool continues, size_t sentences)
{
    char text[256];
    const char *bar = strchr(marked, '|');
    cr_assert_not_null(bar);
    size_t cut = (size_t)(bar - marked), len = strlen(marked) - 1;
    cr_assert_lt(len, sizeof text);
    memcpy(text, marked, cut);
    memcpy(text + cut, bar + 1, len - cut + 1);

    byte_range whole[MOST_RANGES], parts[2 * MOST_RANGES];
    size_t nwhole = split_part(text, 0, len, NULL, NULL, whole);
    cr_expect_eq(nwhole, sentences, "\"%s\": %zu sentences whole", marked, nwhole);
    rs__sentence_carry carry;
    size_t nparts = split_part(text, 0, cut, NULL, &carry, parts);
    carry.continues = continues;
    if (!continues) {
        carry.words = 0;
        carry.on_line = carry.line_start;
    }
    byte_range *second = parts + nparts;
    size_t nsecond = split_part(text, cut, len, &carry, NULL, second);
    if (continues && carry.words > 0 && nparts > 0 && nsecond > 0) {
        parts[nparts - 1].end = second[0].end; /* one sentence through the cut */
        memmove(second, second + 1, (nsecond - 1) * sizeof *second);
        nsecond--;
    }
    nparts += nsecond;
    cr_expect_eq(nparts, nwhole, "\"%s\": %zu sentences in parts, %zu whole", marked, nparts,
                 nwhole);
    for (size_t k = 0; k < nparts && k < nwhole; k++)
        cr_expect(parts[k].start == whole[k].start && parts[k].end == whole[k].end,
                  "\"%s\": sentence %zu is [%zu, %zu) in parts, [%zu, %zu) whole", marked, k,
                  parts[k].start, parts[k].end, whole[k].start, whole[k].end);
}

Test(sentences, a_part_goes_on_with_the_sentence_cut_in_two)
{
    /* four words and more: no line break ends the sentence, before the cut
       or after it */
    expect_parts_split_as_whole("Error 42 at Node\nError 42 |at Node\nError 42 at Node\n", true,
                                1);
    expect_parts_split_as_whole("alpha beta gamma delta\n|epsilon\nzeta\n", true, 1);
    /* fewer: the line break after the cut ends it, as in the whole */
    expect_parts_split_as_whole("one two\nthree |four five\nsix\n", true, 3);
    /* begun in mid-line before the cut's line: a short line does not end it */
    expect_parts_split_as_whole("Stop. Go on\n|now\nthen\n", true, 2);
    /* the list markers before the cut count */
    expect_parts_split_as_whole("1. Alpha\n2. Gamma |delta epsilon zeta 3. Eta", true, 3);
}

Test(sentences, a_part_starts_a_sentence_where_its_line_says)
{
    /* the sentence after the cut began in mid-line: a short line does not
       end it */
    expect_parts_split_as_whole("Stop. |Go\nnow\n", false, 2);
    expect_parts_split_as_whole("Stop.\n|Go\nnow\n", false, 3);
}

Test(sentences, the_state_where_a_part_ends)
{
    rs__sentence_carry carry;
    byte_range ranges[MOST_RANGES];
    const char *text = "Error 42 at Node\nError 42 ";
    cr_expect_eq(split_part(text, 0, strlen(text), NULL, &carry, ranges), 1);
    cr_expect(carry.open, "the sentence is open at the end");
    cr_expect_eq(carry.words, 4, "words counted as far as the rules ask");
    cr_expect(!carry.on_line, "a line break came since it began");
    text = "one two\nthree ";
    cr_expect_eq(split_part(text, 0, strlen(text), NULL, &carry, ranges), 2);
    cr_expect(carry.open && carry.words == 1 && carry.on_line, "one word, on its line");
    text = "one two\n";
    cr_expect_eq(split_part(text, 0, strlen(text), NULL, &carry, ranges), 1);
    cr_expect(!carry.open && carry.ends_firmly && carry.line_start,
              "the line break ended it, whatever follows");
    text = "It ends. ";
    cr_expect_eq(split_part(text, 0, strlen(text), NULL, &carry, ranges), 1);
    cr_expect(!carry.open && !carry.ends_firmly, "the period looked past the end");
}
