/* Read-only access to a finished report. */
#include "doc/report.h"

#include "core/alloc.h"

void rs_report_free(rs_report *r)
{
    if (!r)
        return;
    rs_allocator a = r->alloc;
    rs__free(&a, r->text, r->text_cap);
    rs__free(&a, r->blocks, r->blocks_cap * sizeof *r->blocks);
    rs__free(&a, r->sections, r->sections_cap * sizeof *r->sections);
    rs__free(&a, r->sentences, r->sentences_cap * sizeof *r->sentences);
    rs__free(&a, r->words, r->words_cap * sizeof *r->words);
    rs__free(&a, r, sizeof *r);
}

const char *rs_report_text(const rs_report *r, size_t *len)
{
    if (len)
        *len = r ? r->text_len : 0;
    return r && r->text ? r->text : "";
}

const char *rs_report_language(const rs_report *r)
{
    return r ? r->opts.lang : NULL;
}

const rs_options *rs_report_options(const rs_report *r)
{
    return r ? &r->opts : NULL;
}

const rs_counts *rs_report_counts(const rs_report *r)
{
    return r ? &r->counts : NULL;
}

const rs_readability *rs_report_readability(const rs_report *r)
{
    return r ? &r->readability : NULL;
}

const rs_reading_time *rs_report_reading_time(const rs_report *r)
{
    return r ? &r->reading_time : NULL;
}

uint64_t rs_report_invalid_utf8(const rs_report *r)
{
    return r ? r->invalid_utf8 : 0;
}

size_t rs_report_block_count(const rs_report *r)
{
    return r ? r->nblocks : 0;
}

const rs_block *rs_report_block(const rs_report *r, size_t i)
{
    return r && i < r->nblocks ? &r->blocks[i] : NULL;
}

size_t rs_report_section_count(const rs_report *r)
{
    return r ? r->nsections : 0;
}

const rs_section *rs_report_section(const rs_report *r, size_t i)
{
    return r && i < r->nsections ? &r->sections[i] : NULL;
}

size_t rs_report_sentence_count(const rs_report *r)
{
    return r ? r->nsentences : 0;
}

const rs_sentence *rs_report_sentence(const rs_report *r, size_t i)
{
    return r && i < r->nsentences ? &r->sentences[i] : NULL;
}

size_t rs_report_word_count(const rs_report *r)
{
    return r ? r->nwords : 0;
}

const rs_word *rs_report_word(const rs_report *r, size_t i)
{
    return r && i < r->nwords ? &r->words[i] : NULL;
}
