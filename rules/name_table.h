// The names of a closed set. Inside Vigil a closed set (an alert's kind and
// severity, a domain, a clock kind, a notification event, a role, ...) is
// an enum; it becomes a name only at an edge: the store's columns, JSON,
// the command line, a configuration file. Each set keeps its names in one
// table, read both ways:
//
//   constexpr auto kKinds = NameTable<AlertKind>({{AlertKind::kSae, "sae"}, ...});
//   kKinds.Name(AlertKind::kSae)  -> "sae"
//   kKinds.Parse("sae")           -> AlertKind::kSae (exact spelling; nullopt otherwise)
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace vigil {

template <typename E, std::size_t N>
class Names {
 public:
  using Entry = std::pair<E, std::string_view>;

  constexpr explicit Names(const Entry (&entries)[N]) {
    for (std::size_t i = 0; i < N; ++i) entries_[i] = entries[i];
  }

  // `missing` for a value the table does not name (a value cast from an
  // integer, never one of the enumerators listed).
  constexpr std::string_view Name(E value, std::string_view missing = "invalid") const {
    for (const auto& [v, name] : entries_) {
      if (v == value) return name;
    }
    return missing;
  }
  constexpr std::optional<E> Parse(std::string_view name) const {
    for (const auto& [v, n] : entries_) {
      if (n == name) return v;
    }
    return std::nullopt;
  }
  // In table order: what a message listing the known names shows.
  constexpr const std::array<Entry, N>& entries() const { return entries_; }
  // Every name in table order, separated: "sae, aesi, lab_critical".
  std::string Joined(std::string_view separator = ", ") const {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
      if (i > 0) out += separator;
      out += entries_[i].second;
    }
    return out;
  }
  static constexpr std::size_t size() { return N; }

 private:
  std::array<Entry, N> entries_{};
};

// The table of `E`, its size taken from the list.
template <typename E, std::size_t N>
constexpr Names<E, N> NameTable(const std::pair<E, std::string_view> (&entries)[N]) {
  return Names<E, N>(entries);
}

}  // namespace vigil
