// The stored form of a subject timeline (timeline.h): compact JSON arrays,
// one row per subject. A summary reads every row, so the reader fills the
// timeline straight from the parser's events (nlohmann's SAX interface)
// instead of building a JSON document first.
#include <bitset>
#include <vector>

#include "rules/categories/ae_input.h"
#include "rules/name_table.h"
#include "rules/summary/timeline.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

enum Flag : int { kSerious = 1, kFatal = 2, kRelated = 4, kDiscontinued = 8, kCausalityNotAssessed = 16 };

// A causality or AEIRAE as stored: true (related, Y), false (not related,
// N), null (not assessed, not given).
json Stored(std::optional<Causality> c) { return c ? json(*c == Causality::kRelated) : json(); }
json Stored(categories::IraeFlag f) {
  return f == categories::IraeFlag::kNotGiven ? json() : json(f == categories::IraeFlag::kYes);
}

// [AEDECOD, AETOXGR (null when not 1-5), {TRT: AEREL_<TRT>}, AEREL, AEIRAE];
// the term, SOC and onset are the event's own.
json StoredInput(const categories::AdverseEvent& in) {
  json causality = json::object();
  for (const auto& [treatment, c] : in.causality) causality[treatment] = Stored(c);
  return {in.decod, in.grade ? json(*in.grade) : json(), std::move(causality), Stored(in.overall_causality),
          Stored(in.irae)};
}

// One scalar of the stored form as the parser reports it.
struct Scalar {
  enum class Kind { kNull, kBool, kNumber, kString } kind;
  bool boolean = false;
  double number = 0;
  std::string* text = nullptr;  // kString: the parser's value, which may be moved from
};

// The top-level members the reader knows. A version-1 row lacks `format`
// and `consent`, rows before format 3 `exposures` (kTimelineFormat).
enum class Member {
  kFormat,
  kUsubjid,
  kCohort,
  kConsent,
  kFirstDose,
  kLastDose,
  kLatestExposureStart,
  kDmDeath,
  kDmDeathDate,
  kDmFirstDose,
  kDmLastDose,
  kAdverseEvents,
  kExposures,
  kOther,  // a member this version does not read: passed over
};
constexpr std::size_t kMembers = static_cast<std::size_t>(Member::kOther);

constexpr auto kMemberNames = NameTable<Member>({
    {Member::kFormat, "format"},
    {Member::kUsubjid, "usubjid"},
    {Member::kCohort, "cohort"},
    {Member::kConsent, "consent"},
    {Member::kFirstDose, "first_dose"},
    {Member::kLastDose, "last_dose"},
    {Member::kLatestExposureStart, "latest_exposure_start"},
    {Member::kDmDeath, "dm_death"},
    {Member::kDmDeathDate, "dm_death_date"},
    {Member::kDmFirstDose, "dm_first_dose"},
    {Member::kDmLastDose, "dm_last_dose"},
    {Member::kAdverseEvents, "adverse_events"},
    {Member::kExposures, "exposures"},
});

// The members every stored form has.
constexpr Member kRequired[] = {
    Member::kUsubjid, Member::kCohort,      Member::kFirstDose,    Member::kLastDose, Member::kLatestExposureStart,
    Member::kDmDeath, Member::kDmDeathDate, Member::kAdverseEvents};

// Where the parser is: the containers open around the next value.
enum class Place {
  kTop,         // the timeline object
  kEvents,      // adverse_events
  kEvent,       // one of them: [pt, soc, grade, flags, categories, ...]
  kCategories,  // its categories
  kActions,     // its {TRT: AEACN_<TRT>}
  kInput,       // its classifier input
  kCausality,   // the input's {TRT: AEREL_<TRT>}
  kExposures,   // exposures
  kExposure,    // one of them
  kSkipped,     // inside a value this version does not read
};

// The fewest elements of an event, an exposure row and a classifier input.
constexpr int kEventElements = 8;
constexpr int kExposureElements = 5;
constexpr int kInputElements = 5;

class Reader {
 public:
  // nlohmann::json::sax_parse's handler.
  bool null() { return Value({.kind = Scalar::Kind::kNull}); }
  bool boolean(bool b) { return Value({.kind = Scalar::Kind::kBool, .boolean = b}); }
  bool number_integer(json::number_integer_t n) {
    return Value({.kind = Scalar::Kind::kNumber, .number = static_cast<double>(n)});
  }
  bool number_unsigned(json::number_unsigned_t n) {
    return Value({.kind = Scalar::Kind::kNumber, .number = static_cast<double>(n)});
  }
  bool number_float(json::number_float_t n, const json::string_t&) {
    return Value({.kind = Scalar::Kind::kNumber, .number = n});
  }
  bool string(json::string_t& s) { return Value({.kind = Scalar::Kind::kString, .text = &s}); }
  bool binary(json::binary_t&) { return Fail("a binary value"); }
  bool start_object(std::size_t) { return Open(/*object=*/true); }
  bool start_array(std::size_t) { return Open(/*object=*/false); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(json::string_t& k) {
    if (places_.size() == 1) {
      member_ = kMemberNames.Parse(k).value_or(Member::kOther);
    } else {
      key_ = std::move(k);
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    error_ = e.what();
    return false;
  }

  Result<SubjectTimeline> Finish(bool parsed) {
    if (!parsed || !error_.empty()) return Corrupt(error_.empty() ? "not a timeline" : error_);
    for (Member m : kRequired) {
      if (!seen_[static_cast<std::size_t>(m)])
        return Corrupt("member '" + std::string(kMemberNames.Name(m)) + "' missing");
    }
    return std::move(t_);
  }

 private:
  static Status Corrupt(const std::string& why) {
    return Status::Corrupt("stored subject timeline is not readable: " + why);
  }

  bool Fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return false;
  }

  Place Here() const { return places_.empty() ? Place::kTop : places_.back(); }

  // The next value in the innermost container has been read.
  void Next() {
    if (!index_.empty()) ++index_.back();
  }

  bool Open(bool object) {
    if (places_.empty()) {
      if (!object) return Fail("not an object");
      places_.push_back(Place::kTop);
      index_.push_back(0);
      return true;
    }
    const Place place = Here();
    const int i = index_.back();
    Place inner = Place::kSkipped;
    if (place == Place::kSkipped) {
      inner = Place::kSkipped;
    } else if (place == Place::kTop && member_ == Member::kAdverseEvents && !object) {
      inner = Place::kEvents;
    } else if (place == Place::kTop && member_ == Member::kExposures && !object) {
      inner = Place::kExposures;
    } else if (place == Place::kTop && member_ == Member::kOther) {
      inner = Place::kSkipped;
    } else if (place == Place::kEvents && !object) {
      t_.adverse_events.emplace_back();
      inner = Place::kEvent;
    } else if (place == Place::kExposures && !object) {
      t_.exposures.emplace_back();
      inner = Place::kExposure;
    } else if (place == Place::kEvent && i == 4 && !object) {
      inner = Place::kCategories;
    } else if (place == Place::kEvent && i == 10 && object) {
      inner = Place::kActions;
    } else if (place == Place::kEvent && i == 11 && !object) {
      inner = Place::kInput;
    } else if (place == Place::kEvent && i > 11) {
      inner = Place::kSkipped;  // a later version's element
    } else if (place == Place::kInput && i == 2 && object) {
      inner = Place::kCausality;
    } else {
      return Fail("unexpected container");
    }
    places_.push_back(inner);
    index_.push_back(0);
    return true;
  }

  bool Close() {
    const Place place = Here();
    const int n = index_.back();
    // A format-2 event ends after AEENDTC; a later one has AETERM, AEACN and
    // the actions too.
    if (place == Place::kEvent && (n < kEventElements || (n > kEventElements && n < kEventElements + 3))) {
      return Fail("an adverse event with too few elements");
    }
    if (place == Place::kExposure && n < kExposureElements) return Fail("an exposure with too few elements");
    if (place == Place::kInput && n < kInputElements) return Fail("a classifier input with too few elements");
    if (place == Place::kEvent) {
      TimelineEvent& e = t_.adverse_events.back();
      if (n > 11) {
        e.input.term = e.fact.term;
        e.input.bodsys = e.fact.soc;
        e.input.onset = categories::ReadDate(e.onset);
      }
    }
    places_.pop_back();
    index_.pop_back();
    if (places_.size() == 1 && member_ != Member::kOther) seen_.set(static_cast<std::size_t>(member_));
    Next();
    return true;
  }

  static bool Text(const Scalar& v, std::string& out) {
    if (v.kind != Scalar::Kind::kString) return false;
    out = std::move(*v.text);
    return true;
  }
  static bool Int(const Scalar& v, int& out) {
    if (v.kind != Scalar::Kind::kNumber) return false;
    out = static_cast<int>(v.number);
    return true;
  }
  static bool OptionalDouble(const Scalar& v, std::optional<double>& out) {
    if (v.kind == Scalar::Kind::kNull) return true;
    if (v.kind != Scalar::Kind::kNumber) return false;
    out = v.number;
    return true;
  }
  static bool Bool(const Scalar& v, bool& out) {
    if (v.kind != Scalar::Kind::kBool) return false;
    out = v.boolean;
    return true;
  }

  bool Value(const Scalar& v) {
    if (places_.empty()) return Fail("not an object");
    const int i = index_.back();
    bool ok = false;
    switch (Here()) {
      case Place::kTop: ok = TopValue(v); break;
      case Place::kEvent: ok = EventValue(t_.adverse_events.back(), i, v); break;
      case Place::kCategories: ok = Text(v, t_.adverse_events.back().fact.categories.emplace_back()); break;
      case Place::kActions: {
        std::string action;
        ok = Text(v, action);
        t_.adverse_events.back().fact.action_by_treatment.emplace(std::move(key_), std::move(action));
        break;
      }
      case Place::kInput: ok = InputValue(t_.adverse_events.back().input, i, v); break;
      case Place::kCausality: {
        bool related = false;
        ok = Bool(v, related);
        t_.adverse_events.back().input.causality.emplace(std::move(key_),
                                                         related ? Causality::kRelated : Causality::kNotRelated);
        break;
      }
      case Place::kExposure: ok = ExposureValue(t_.exposures.back(), i, v); break;
      case Place::kSkipped: ok = true; break;
      case Place::kEvents:
      case Place::kExposures: ok = false; break;
    }
    if (!ok) return Fail("a value of the wrong type");
    Next();
    return true;
  }

  bool TopValue(const Scalar& v) {
    if (member_ != Member::kOther) seen_.set(static_cast<std::size_t>(member_));
    switch (member_) {
      case Member::kFormat: return Int(v, t_.format);
      case Member::kUsubjid: return Text(v, t_.usubjid);
      case Member::kCohort: return Text(v, t_.cohort);
      case Member::kConsent: return Text(v, t_.consent);
      case Member::kFirstDose: return Text(v, t_.first_dose);
      case Member::kLastDose: return Text(v, t_.last_dose);
      case Member::kLatestExposureStart: return Text(v, t_.latest_exposure_start);
      case Member::kDmDeath: return Bool(v, t_.dm_death);
      case Member::kDmDeathDate: return Text(v, t_.dm_death_date);
      case Member::kDmFirstDose: return Text(v, t_.dm_first_dose);
      case Member::kDmLastDose: return Text(v, t_.dm_last_dose);
      case Member::kAdverseEvents:
      case Member::kExposures: return false;  // arrays only
      case Member::kOther: return true;
    }
    return false;
  }

  static bool EventValue(TimelineEvent& e, int i, const Scalar& v) {
    AdverseEventFact& a = e.fact;
    switch (i) {
      case 0: return Text(v, a.pt);
      case 1: return Text(v, a.soc);
      case 2: return Int(v, a.grade);
      case 3: {
        int flags = 0;
        if (!Int(v, flags)) return false;
        a.serious = flags & kSerious;
        a.fatal = flags & kFatal;
        a.related = flags & kRelated;
        a.led_to_discontinuation = flags & kDiscontinued;
        a.causality_not_assessed = flags & kCausalityNotAssessed;
        return true;
      }
      case 5: return OptionalDouble(v, a.onset_day);
      case 6: return Text(v, e.onset);
      case 7: return Text(v, e.end);
      case 8: return Text(v, a.term);
      case 9: return Text(v, a.action);
      default: return i > 11;  // 4, 10 and 11 are containers; later elements are a later version's
    }
  }

  static bool InputValue(categories::AdverseEvent& in, int i, const Scalar& v) {
    std::optional<double> number;
    bool flag = false;
    switch (i) {
      case 0: return Text(v, in.decod);
      case 1:
        if (!OptionalDouble(v, number)) return false;
        if (number) in.grade = static_cast<int>(*number);
        return true;
      case 3:
        if (v.kind == Scalar::Kind::kNull) return true;
        if (!Bool(v, flag)) return false;
        in.overall_causality = flag ? Causality::kRelated : Causality::kNotRelated;
        return true;
      case 4:
        if (v.kind == Scalar::Kind::kNull) return true;
        if (!Bool(v, flag)) return false;
        in.irae = flag ? categories::IraeFlag::kYes : categories::IraeFlag::kNo;
        return true;
      default: return i > 4;
    }
  }

  static bool ExposureValue(ExposureFact& x, int i, const Scalar& v) {
    switch (i) {
      case 0: return Text(v, x.treatment);
      case 1: return Text(v, x.start);
      case 2: return Text(v, x.end);
      case 3: return OptionalDouble(v, x.dose);
      case 4: return Text(v, x.dose_unit);
      default: return true;
    }
  }

  SubjectTimeline t_{.usubjid = {}, .cohort = {}, .format = 1};
  std::vector<Place> places_;
  std::vector<int> index_;  // per open container, the values read in it
  Member member_ = Member::kOther;
  std::string key_;  // the member name inside an actions or causality object
  std::bitset<kMembers> seen_;
  std::string error_;
};

}  // namespace

json TimelineToJson(const SubjectTimeline& t) {
  json events = json::array();
  for (const TimelineEvent& e : t.adverse_events) {
    const AdverseEventFact& a = e.fact;
    const int flags = (a.serious ? kSerious : 0) | (a.fatal ? kFatal : 0) | (a.related ? kRelated : 0) |
                      (a.led_to_discontinuation ? kDiscontinued : 0) |
                      (a.causality_not_assessed ? kCausalityNotAssessed : 0);
    events.push_back({a.pt, a.soc, a.grade, flags, a.categories, a.onset_day ? json(*a.onset_day) : json(), e.onset,
                      e.end, a.term, a.action, a.action_by_treatment, StoredInput(e.input)});
  }
  json exposures = json::array();
  for (const ExposureFact& x : t.exposures) {
    exposures.push_back({x.treatment, x.start, x.end, x.dose ? json(*x.dose) : json(), x.dose_unit});
  }
  return {{"format", kTimelineFormat},
          {"usubjid", t.usubjid},
          {"cohort", t.cohort},
          {"consent", t.consent},
          {"first_dose", t.first_dose},
          {"last_dose", t.last_dose},
          {"latest_exposure_start", t.latest_exposure_start},
          {"dm_death", t.dm_death},
          {"dm_death_date", t.dm_death_date},
          {"dm_first_dose", t.dm_first_dose},
          {"dm_last_dose", t.dm_last_dose},
          // [pt, soc, grade, flags (1 serious, 2 fatal, 4 related, 8 led to
          // discontinuation, 16 causality not assessed), categories, onset
          // day, AESTDTC, AEENDTC, AETERM, AEACN, {TRT: AEACN_<TRT>},
          // classifier input (StoredInput)]
          {"adverse_events", std::move(events)},
          // [EXTRT, EXSTDTC, EXENDTC, EXDOSE (null when not a number), EXDOSU]
          {"exposures", std::move(exposures)}};
}

Result<SubjectTimeline> TimelineFromJson(std::string_view text) {
  Reader reader;
  const bool parsed = json::sax_parse(text, &reader);
  return reader.Finish(parsed);
}

}  // namespace vigil::summary
