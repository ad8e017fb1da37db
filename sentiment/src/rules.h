// The VADER-style rules: from tokens to per-word contributions, a raw sum and urgency flags.
//
// For every sentiment-bearing unit (a word, an idiom, an emoji, an emoticon, a hashtag):
//   valence  lexicon (direct, then spelling variants, elongation "sooo", Snowball stem when
//            the ending is an inflection: see StemKeepsTone); English "like" only as a verb
//   + ALL CAPS emphasis (C_INCR 0.733) when the text mixes cases; + elongation emphasis
//   + boosters/dampeners in the `negation_window` tokens before it (x1, x0.95, x0.9 by distance)
//     and post-boosters right after it ("a dir poco")
//   x negation factor (once, even for "non ... mai"), or x1.25 for "never/mai ... so/così";
//     emoji, emoticons and negative swear words are never negated (they show the writer's mood);
//     a negator after "or" offers an alternative and negates nothing ("may or may not")
//   x 0 for positive words in a post where every sentence is a question ("any good?")
//   x 0 for a capitalised word (not opening its sentence) next to another capitalised word in a
//     post written in sentence case ("watching The Walking Dead", "Miss USA"): part of a name
//   x 0.5 before / x 1.5 after a contrastive conjunction in the same or the next sentence
// English "so bad" / "badly" after want or need is a degree ("I want it so bad"), not a word.
// CamelCase hashtags the lexicon does not know are scored by their words (#NonMiPiace), and
// written-out laughter ("ahahahah", "hehe") is mildly positive.
// Then "!" (up to 4, +0.292 each) and "??" emphasis push the sum away from zero.
// Scopes stop at clause punctuation, sentence ends and contrastive conjunctions.
#pragma once

#include <string_view>

#include "heed/sentiment/scorer.h"
#include "lexicon.h"
#include "tokenizer.h"

namespace heed::sentiment {

// VADER's constants (Hutto & Gilbert, 2014).
inline constexpr double kCapsIncrement = 0.733;
inline constexpr double kElongationIncrement = 0.293;
inline constexpr double kDefaultNegation = -0.74;
inline constexpr double kNeverSoFactor = 1.25;
inline constexpr double kBeforeContrast = 0.5;
inline constexpr double kAfterContrast = 1.5;
inline constexpr double kExclamationIncrement = 0.292;
inline constexpr int kMaxExclamations = 4;
inline constexpr double kQuestionIncrement = 0.18;
inline constexpr double kMaxQuestionEmphasis = 0.96;
// Positive words in a post that only asks questions ("any good?"): x this (neutral).
inline constexpr double kQuestionDamping = 0.0;
// Written-out laughter ("ahahah", "hahaha") not listed in the lexicon.
inline constexpr float kLaughterValence = 1.5f;

// Scores `text` with `lex`; `tokenizer` (may be null) splits CamelCase hashtags. Every word's and
// number's key in `text` is followed by kKeyPadding readable bytes (string_map.h). Appends to
// score->contributions (in text order) and sets score->urgency. Returns the sum of the
// contributions, which the caller normalises. Thread-safe; reuses per-thread scratch space.
double ApplyRules(const TokenizedText& text, const LanguageLexicon& lex,
                  const StringMap<float>& emoji, const Tokenizer* tokenizer, Score* score);

}  // namespace heed::sentiment
