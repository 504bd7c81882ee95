#include "daemon/metrics/registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace vigil::metrics {
namespace {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kCounter: return "counter";
    case Kind::kGauge: return "gauge";
    case Kind::kHistogram: return "histogram";
  }
  return "untyped";
}

// Label values escape backslash, double quote and line feed; HELP text
// escapes backslash and line feed (exposition format 0.0.4).
std::string Escape(std::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

Family::Family(Kind kind, std::string name, std::string help, std::vector<std::string> label_names,
               std::vector<double> bounds)
    : kind_(kind), name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), bounds_([&] {
        std::sort(bounds.begin(), bounds.end());
        return std::move(bounds);
      }()) {}

Family::Series& Family::At(const LabelValues& labels) {
  auto [it, inserted] = series_.try_emplace(labels);
  if (inserted && kind_ == Kind::kHistogram) it->second.buckets.assign(bounds_.size(), 0);
  return it->second;
}

void Family::Add(const LabelValues& labels, double amount) {
  if (kind_ != Kind::kCounter || !(amount >= 0)) return;
  std::lock_guard lock(mu_);
  At(labels).value += amount;
}

void Family::Set(const LabelValues& labels, double value) {
  if (kind_ != Kind::kGauge) return;
  std::lock_guard lock(mu_);
  At(labels).value = value;
}

void Family::Observe(const LabelValues& labels, double value) {
  if (kind_ != Kind::kHistogram) return;
  std::lock_guard lock(mu_);
  Series& s = At(labels);
  const auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value);
  if (bucket != bounds_.end()) ++s.buckets[static_cast<std::size_t>(bucket - bounds_.begin())];
  s.value += value;
  ++s.count;
}

double Family::Value(const LabelValues& labels) const {
  std::lock_guard lock(mu_);
  auto it = series_.find(labels);
  if (it == series_.end()) return 0;
  return kind_ == Kind::kHistogram ? static_cast<double>(it->second.count) : it->second.value;
}

std::string Family::LabelText(const LabelValues& values, const std::string& le) const {
  std::string out;
  for (std::size_t i = 0; i < label_names_.size(); ++i) {
    out += out.empty() ? "{" : ",";
    out += label_names_[i] + "=\"" + Escape(i < values.size() ? values[i] : "", true) + "\"";
  }
  if (!le.empty()) out += (out.empty() ? "{" : ",") + std::string("le=\"") + le + "\"";
  if (!out.empty()) out += "}";
  return out;
}

void Family::Render(std::string& out) const {
  out += "# HELP " + name_ + " " + Escape(help_, false) + "\n";
  out += "# TYPE " + name_ + " " + std::string(KindName(kind_)) + "\n";
  std::lock_guard lock(mu_);
  for (const auto& [labels, s] : series_) {
    if (kind_ != Kind::kHistogram) {
      out += name_ + LabelText(labels) + " " + FormatValue(s.value) + "\n";
      continue;
    }
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
      cumulative += s.buckets[i];
      out += name_ + "_bucket" + LabelText(labels, FormatValue(bounds_[i])) + " " + std::to_string(cumulative) + "\n";
    }
    out += name_ + "_bucket" + LabelText(labels, "+Inf") + " " + std::to_string(s.count) + "\n";
    out += name_ + "_sum" + LabelText(labels) + " " + FormatValue(s.value) + "\n";
    out += name_ + "_count" + LabelText(labels) + " " + std::to_string(s.count) + "\n";
  }
}

Family& Registry::AddCounter(std::string name, std::string help, std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  return *families_.emplace_back(
      std::make_unique<Family>(Kind::kCounter, std::move(name), std::move(help), std::move(label_names)));
}

Family& Registry::AddGauge(std::string name, std::string help, std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  return *families_.emplace_back(
      std::make_unique<Family>(Kind::kGauge, std::move(name), std::move(help), std::move(label_names)));
}

Family& Registry::AddHistogram(std::string name, std::string help, std::vector<std::string> label_names,
                               std::vector<double> bounds) {
  std::lock_guard lock(mu_);
  return *families_.emplace_back(std::make_unique<Family>(Kind::kHistogram, std::move(name), std::move(help),
                                                          std::move(label_names), std::move(bounds)));
}

std::string Registry::Render() const {
  std::string out;
  std::lock_guard lock(mu_);
  for (const auto& f : families_) f->Render(out);
  return out;
}

}  // namespace vigil::metrics
