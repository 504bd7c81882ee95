// Metrics as Prometheus scrapes them: families of counters, gauges and
// histograms, each series named by its label values, rendered in the text
// exposition format 0.0.4 (HELP and TYPE lines, then one line per series).
// Thread-safe: the loop counts batches while the server's threads count
// requests and a scrape renders.
//
//   metrics::Registry registry;
//   auto& requests = registry.AddCounter("vigil_http_requests_total", "HTTP requests", {"route", "status"});
//   requests.Add({"GET /api/v1/summary", "200"});
//   std::string text = registry.Render();
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vigil::metrics {

// Label values, in the order of the family's label names.
using LabelValues = std::vector<std::string>;

enum class Kind { kCounter, kGauge, kHistogram };

// One metric family; use it through its kind's methods.
class Family {
 public:
  Family(Kind kind, std::string name, std::string help, std::vector<std::string> label_names,
         std::vector<double> bounds = {});

  // Counter: adds `amount` (>= 0; a negative amount is ignored: a counter
  // never goes down).
  void Add(const LabelValues& labels, double amount = 1);
  // Gauge: the value now.
  void Set(const LabelValues& labels, double value);
  // Histogram: one observation.
  void Observe(const LabelValues& labels, double value);

  // The series' value (counter, gauge) or count (histogram); 0 when absent.
  double Value(const LabelValues& labels) const;

  void Render(std::string& out) const;

 private:
  struct Series {
    double value = 0;                    // counter, gauge; the sum for a histogram
    std::vector<std::uint64_t> buckets;  // histogram: observations <= bounds_[i] (not cumulative)
    std::uint64_t count = 0;             // histogram
  };
  Series& At(const LabelValues& labels);  // mu_ held
  std::string LabelText(const LabelValues& values, const std::string& le = "") const;

  const Kind kind_;
  const std::string name_, help_;
  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;  // histogram: upper bounds, ascending
  mutable std::mutex mu_;
  std::map<LabelValues, Series> series_;
};

class Registry {
 public:
  Family& AddCounter(std::string name, std::string help, std::vector<std::string> label_names = {});
  Family& AddGauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  Family& AddHistogram(std::string name, std::string help, std::vector<std::string> label_names,
                       std::vector<double> bounds);

  // Every family in the order it was added, each series by label values.
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::deque<std::unique_ptr<Family>> families_;
};

// A sample value as the exposition format writes it: integers without a
// fraction, others in the shortest form that reads back exactly, +Inf,
// -Inf, NaN.
std::string FormatValue(double v);

}  // namespace vigil::metrics
