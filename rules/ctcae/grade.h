// What goes into and comes out of CTCAE grading: one measurement, the caller's
// options, and the graded result.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::ctcae {

// A number as it arrived. Text is kept as written, so that grading compares
// the decimal the lab reported ("1.65"), never a binary approximation of it.
// A double is read as the shortest decimal that converts back to it (1.65
// stays "1.65"). Default-constructed or empty text means "not given".
class Number {
 public:
  Number() = default;
  Number(std::string_view text) : text_(text) {}             // NOLINT: implicit by design
  Number(const char* text) : text_(text ? text : "") {}      // NOLINT
  Number(std::string text) : text_(std::move(text)) {}       // NOLINT
  Number(double value);                                      // NOLINT
  Number(int value) : text_(std::to_string(value)) {}        // NOLINT
  Number(long long value) : text_(std::to_string(value)) {}  // NOLINT

  // True when nothing was given (empty or only spaces).
  bool absent() const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// One measurement of one subject, with the lab's reference range.
struct Measurement {
  Number value{};
  std::string unit{};  // the label the lab reported: "U/L", "10^3/uL", "mEq/L", ...
  Number uln{};        // upper limit of normal, same unit
  Number lln{};        // lower limit of normal, same unit
  // The subject's baseline of the same test in the same unit. Used only by the
  // terms whose criteria mention it (ALT, AST, ALP, GGT, bilirubin, creatinine,
  // INR, fibrinogen, QTc) and ignored everywhere else.
  Number baseline{};
};

// CTCAE v5.0 creatinine: ">1.5 - 3.0 x baseline" is grade 2 and ">3.0 x
// baseline" grade 3, beside the x ULN criteria.
enum class CreatinineBaselineRule {
  kLiteral,       // read literally (as admiral does): applies even below ULN
  kAboveUlnOnly,  // the sponsor's reading: applies only when the value is > ULN
  kOff,           // x ULN criteria only
};

// Caller's choices that CTCAE leaves open. Default: the literal reading.
struct Options {
  CreatinineBaselineRule creatinine_baseline = CreatinineBaselineRule::kLiteral;
};

// The grade of one measurement for one term.
struct GradeResult {
  // 0-4, or empty for NA (cannot be graded). Never 5: death is not lab-derived,
  // and no number alone gives the "life-threatening" grades CTCAE defines
  // clinically (Anemia, aPTT, INR, ... stop at 3).
  std::optional<int> grade;
  // Empty when graded; otherwise why not, in words for a data manager: value
  // missing or not a number, a reference range the criterion needs is missing,
  // unknown term, unsupported unit, impossible value (negative value, ULN <= 0).
  std::string reason;
  // The grade rests on the worst-case reading of a clinical qualifier CTCAE
  // adds to the number ("symptomatic", "on anticoagulation", "with physiologic
  // consequences"): read it as a ceiling from the lab value, to be confirmed
  // clinically; clinical facts can only lower it. Also set on an NA that comes
  // from such an assumption (INR without baseline).
  bool worst_case_assumed = false;
  std::string assumption;        // what was assumed, when worst_case_assumed
  std::string term;              // the label graded, e.g. "Hypertension (systolic)"
  std::string ctcae_term;        // the CTCAE term, e.g. "Hypertension"
  std::string criteria_version;  // e.g. "5.0"

  bool is_na() const { return !grade.has_value(); }
  // "0".."4", or "NA".
  std::string GradeText() const { return grade ? std::to_string(*grade) : "NA"; }
};

}  // namespace vigil::ctcae
