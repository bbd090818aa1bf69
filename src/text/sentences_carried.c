/*
 * The sentence splitter once more, for a part of a block cut in two
 * (rs__split_sentences_carried): built apart, so that the state a part
 * starts from costs the splitting of a whole block nothing (sentences.c).
 */
#define RS_SPLIT_CARRIED 1
#include "sentences.c"
