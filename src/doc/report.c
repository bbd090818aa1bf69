/* Read-only access to a finished report, and its metadata store. */
#include "doc/report.h"

#include <string.h>

#include "core/alloc.h"

void rs_report_free(rs_report *r)
{
    if (!r)
        return;
    rs_allocator a = r->alloc;
    if (!r->text_lent)
        rs__free(&a, r->text, r->text_cap);
    rs__free(&a, r->arena, r->arena_cap);
    rs__free(&a, r->blocks, r->blocks_cap * sizeof *r->blocks);
    rs__free(&a, r->block_text, r->block_text_cap * sizeof *r->block_text);
    rs__free(&a, r->sections, r->sections_cap * sizeof *r->sections);
    rs__free(&a, r->sentences, r->sentences_cap * sizeof *r->sentences);
    rs__free(&a, r->sentence_text, r->sentence_text_cap * sizeof *r->sentence_text);
    rs__free(&a, r->words, r->words_cap * sizeof *r->words);
    rs__free(&a, r->word_text, r->word_text_cap * sizeof *r->word_text);
    rs__free(&a, r->meta, r->meta_cap * sizeof *r->meta);
    rs__free(&a, r->meta_bytes, r->meta_bytes_cap);
    rs__free(&a, r->section_heading, r->section_heading_cap * sizeof *r->section_heading);
    rs__free(&a, r->headings, r->headings_cap);
    rs__free(&a, r, sizeof *r);
}

static rs_status append_cstring(rs_report *r, const char *s, size_t len, size_t *offset)
{
    if (len > SIZE_MAX - r->meta_bytes_len - 1)
        return RS_ERR_LIMIT;
    rs_status st = rs__grow(&r->alloc, (void **)&r->meta_bytes, &r->meta_bytes_cap,
                            r->meta_bytes_len + len + 1, 1);
    if (st != RS_OK)
        return st;
    *offset = r->meta_bytes_len;
    memcpy(r->meta_bytes + r->meta_bytes_len, s, len);
    r->meta_bytes[r->meta_bytes_len + len] = '\0';
    r->meta_bytes_len += len + 1;
    return RS_OK;
}

rs_status rs__report_add_meta(rs_report *r, const char *key, const char *value, size_t value_len)
{
    if (rs_report_meta(r, key))
        return RS_OK;
    rs_status st = rs__grow(&r->alloc, (void **)&r->meta, &r->meta_cap, r->nmeta + 1,
                            sizeof *r->meta);
    rs__meta_entry e;
    if (st == RS_OK)
        st = append_cstring(r, key, strlen(key), &e.key);
    if (st == RS_OK)
        st = append_cstring(r, value, value_len, &e.value);
    if (st == RS_OK)
        r->meta[r->nmeta++] = e;
    return st;
}

size_t rs_report_meta_count(const rs_report *r)
{
    return r ? r->nmeta : 0;
}

bool rs_report_meta_at(const rs_report *r, size_t i, const char **key, const char **value)
{
    if (!r || i >= r->nmeta)
        return false;
    if (key)
        *key = r->meta_bytes + r->meta[i].key;
    if (value)
        *value = r->meta_bytes + r->meta[i].value;
    return true;
}

const char *rs_report_meta(const rs_report *r, const char *key)
{
    if (!r || !key)
        return NULL;
    for (size_t i = 0; i < r->nmeta; i++)
        if (strcmp(r->meta_bytes + r->meta[i].key, key) == 0)
            return r->meta_bytes + r->meta[i].value;
    return NULL;
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

rs_format rs_report_format(const rs_report *r)
{
    return r ? r->format : RS_FORMAT_TEXT;
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

const rs_counts *rs_report_page_counts(const rs_report *r)
{
    return r ? &r->page_counts : NULL;
}

const rs_readability *rs_report_page_readability(const rs_report *r)
{
    return r ? &r->page_readability : NULL;
}

const rs_reading_time *rs_report_page_reading_time(const rs_report *r)
{
    return r ? &r->page_reading_time : NULL;
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

bool rs_report_block_is_main(const rs_report *r, size_t i, bool all)
{
    if (!r || i >= r->nblocks)
        return false;
    return rs__role_is_main(r->blocks[i].role, all);
}

static const char *text_of(const rs_report *r, const rs__text_ref *refs, size_t n, size_t i,
                           size_t *len)
{
    if (!r || i >= n) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = refs[i].len;
    return rs__text_at(r, refs[i]);
}

/* Stream mode: a kept section's heading, by its block number. */
static const char *heading_text(const rs_report *r, size_t block, size_t *len)
{
    for (size_t s = 0; s < r->nsections; s++) {
        if (r->sections[s].heading_block != block)
            continue;
        if (len)
            *len = r->section_heading[s].len;
        return r->headings ? r->headings + r->section_heading[s].offset : "";
    }
    if (len)
        *len = 0;
    return NULL;
}

const char *rs_report_block_text(const rs_report *r, size_t i, size_t *len)
{
    if (r && r->stream && i != RS_NONE)
        return heading_text(r, i, len);
    return text_of(r, r ? r->block_text : NULL, r ? r->nblocks : 0, i, len);
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

const char *rs_report_sentence_text(const rs_report *r, size_t i, size_t *len)
{
    return text_of(r, r ? r->sentence_text : NULL, r ? r->nsentences : 0, i, len);
}

size_t rs_report_word_count(const rs_report *r)
{
    return r ? r->nwords : 0;
}

const rs_word *rs_report_word(const rs_report *r, size_t i)
{
    return r && i < r->nwords ? &r->words[i] : NULL;
}

const char *rs_report_word_text(const rs_report *r, size_t i, size_t *len)
{
    return text_of(r, r ? r->word_text : NULL, r ? r->nwords : 0, i, len);
}
