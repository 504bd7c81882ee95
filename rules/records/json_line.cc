#include "rules/records/json_line.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace vigil {
namespace {

using Json = nlohmann::json;

std::string Upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A number token of the line, as written.
struct NumberToken {
  std::string_view text;
  bool finite = true;  // false: a valid number no double holds (1e400)
};

// The grammar of a JSON number (RFC 8259): -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
bool IsJsonNumber(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Whether a JSON number is beyond a double: nlohmann's parser fails the
// whole line on one, and grading's readers need a finite value. Underflow
// (1e-400) reads as zero and passes, as it does there.
bool IsBeyondDouble(std::string_view token) {
  const std::string text(token);
  return IsJsonNumber(token) && !std::isfinite(std::strtod(text.c_str(), nullptr));
}

// The number tokens of a JSON text, in order: whatever starts with '-' or a
// digit outside a string. In valid JSON these are exactly its numbers, in
// the order the parser reports them; on invalid JSON the parse fails anyway.
std::vector<NumberToken> NumberTokens(std::string_view text) {
  std::vector<NumberToken> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
    } else if (c == '-' || IsDigit(c)) {
      const std::size_t start = i;
      while (i < text.size() &&
             (IsDigit(text[i]) || std::string_view("+-.eE").find(text[i]) != std::string_view::npos)) {
        ++i;
      }
      const std::string_view token = text.substr(start, i - start);
      tokens.push_back({token, !IsBeyondDouble(token)});
    } else {
      ++i;
    }
  }
  return tokens;
}

// The SAX events of one line, kept as member name -> text or problem.
// Numbers take their text from `numbers`, the line's tokens in order.
class MemberReader : public nlohmann::json_sax<Json> {
 public:
  struct Member {
    std::string text;
    std::string problem;  // when not "", the member is not a field
  };

  explicit MemberReader(const std::vector<NumberToken>& numbers) : numbers_(numbers) {}

  bool is_object() const { return is_object_; }
  const std::map<std::string, Member>& members() const { return members_; }
  // How many times each member name (upper-cased) was given.
  const std::map<std::string, int>& given() const { return given_; }

  bool null() override { return Scalar(""); }
  bool boolean(bool value) override { return Scalar(value ? "Y" : "N"); }
  bool number_integer(number_integer_t value) override { return Number(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return Number(std::to_string(value)); }
  bool number_float(number_float_t, const string_t& text) override { return Number(text); }
  bool string(string_t& value) override { return Scalar(std::move(value)); }
  bool binary(binary_t&) override { return Scalar(""); }  // not produced by JSON text

  bool start_object(std::size_t) override { return Open("object"); }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      ++given_[Upper(name)];
      key_ = std::move(name);
    }
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open("array"); }
  bool end_array() override { return Close(); }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // `parsed` is nlohmann's reading, used only if the token count disagrees
  // with the events (it cannot on valid JSON).
  bool Number(std::string parsed) {
    const std::size_t index = next_number_++;
    if (index >= numbers_.size()) return Scalar(std::move(parsed));
    const NumberToken& token = numbers_[index];
    if (depth_ == 1 && !token.finite) {
      members_[key_] = {"", "'" + std::string(token.text) + "' is out of range (not a finite number)"};
      return true;
    }
    return Scalar(std::string(token.text));
  }

  bool Scalar(std::string text) {
    if (depth_ == 1) members_[key_] = {std::move(text), ""};
    return true;  // nested values belong to a member already reported
  }

  bool Open(const char* type) {
    ++depth_;
    if (depth_ == 1) {
      is_object_ = std::string_view(type) == "object";
    } else if (depth_ == 2) {
      members_[key_] = {"", std::string("must be a string or a number, not ") + type};
    }
    return true;
  }

  bool Close() {
    --depth_;
    return true;
  }

  const std::vector<NumberToken>& numbers_;
  std::size_t next_number_ = 0;
  int depth_ = 0;
  bool is_object_ = false;
  std::string key_;
  std::map<std::string, Member> members_;
  std::map<std::string, int> given_;
};

}  // namespace

JsonLine ReadJsonLine(std::string_view line) {
  const std::vector<NumberToken> numbers = NumberTokens(line);
  // nlohmann rejects the whole line at a number beyond a double; each such
  // token is parsed as 0 and reported as its member's problem instead.
  std::string text;
  text.reserve(line.size());
  std::size_t copied = 0;
  for (const NumberToken& n : numbers) {
    if (n.finite) continue;
    const std::size_t at = static_cast<std::size_t>(n.text.data() - line.data());
    text.append(line.substr(copied, at - copied)).append("0");
    copied = at + n.text.size();
  }
  text.append(line.substr(copied));

  MemberReader reader(numbers);
  JsonLine out;
  if (!Json::sax_parse(text, &reader) || !reader.is_object()) return out;
  out.is_object = true;
  for (const auto& [name, member] : reader.members()) {
    const std::string field = Upper(name);
    if (reader.given().at(field) > 1) continue;  // reported below, no value taken
    if (member.problem.empty()) {
      out.fields.push_back({field, member.text});
    } else {
      out.problems.push_back({field, member.problem});
    }
  }
  // A member given twice has no one value (RFC 8259 §4: names SHOULD be
  // unique; parsers differ on which one wins): the record is rejected.
  for (const auto& [field, times] : reader.given()) {
    if (times > 1) {
      out.problems.push_back({field, "the object gives member " + field + " " + std::to_string(times) +
                                         " times (names compared without case)"});
    }
  }
  return out;
}

}  // namespace vigil
