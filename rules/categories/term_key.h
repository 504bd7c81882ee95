// How an AE term is matched against the term lists (clinical.md §1, general
// rules): ignoring case, spacing and punctuation, with British spellings read
// as the American ones CTCAE uses, and "<SOC> - Other, specify" entries read
// together with their free text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::categories {

// The key a term is matched by. Lower case; hyphens, dashes, commas and
// underscores become spaces; runs of spaces collapse; é/è/ë become e; and the
// British spellings MedDRA and sites use are rewritten (oesophag -> esophag,
// haem -> hem, -aemia -> -emia, oedema -> edema, -rrhoea -> -rrhea,
// -pnoea -> -pnea, aesthe -> esthe, leuco -> leuko, tumour -> tumor,
// colour -> color, -ising/-isation/-ised -> -iz-, corticotrophin ->
// corticotropin, ...). So "Oesophageal haemorrhage" and "Esophageal
// hemorrhage" share the key "esophageal hemorrhage". The same function keys
// the data and the input, so a rewrite can never make two data terms differ.
std::string TermKey(std::string_view text);

// A CTCAE "<SOC> - Other, specify" entry as sites send it, split from a key:
// "endocrine disorders other specify: thyroiditis" gives soc
// "endocrine disorders other specify" and free text "thyroiditis". A bare
// "other specify: x" has soc "other specify". Free text may follow a colon,
// a dash or be in parentheses; it is empty when there is none. nullopt when
// the key has no "other specify".
struct OtherSpecify {
  std::string soc_key;
  std::string free_text_key;
};
std::optional<OtherSpecify> SplitOtherSpecify(std::string_view key);

}  // namespace vigil::categories
