// The Prometheus text exposition format 0.0.4 as the registry writes it.
#include "daemon/metrics/registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <thread>

namespace vigil::metrics {
namespace {

struct Case {
  const char* what;
  std::function<void(Registry&)> fill;
  const char* text;
};

// clang-format off
const Case kCases[] = {
  {"a counter without labels",
   [](Registry& r) { r.AddCounter("jobs_total", "Jobs done").Add({}, 3); },
   "# HELP jobs_total Jobs done\n"
   "# TYPE jobs_total counter\n"
   "jobs_total 3\n"},
  {"series by label values, sorted",
   [](Registry& r) {
     Family& f = r.AddCounter("records_total", "Records", {"domain", "outcome"});
     f.Add({"lb", "accepted"}, 2);
     f.Add({"ae", "quarantined"});
     f.Add({"lb", "accepted"});
   },
   "# HELP records_total Records\n"
   "# TYPE records_total counter\n"
   "records_total{domain=\"ae\",outcome=\"quarantined\"} 1\n"
   "records_total{domain=\"lb\",outcome=\"accepted\"} 3\n"},
  {"a counter never goes down",
   [](Registry& r) { Family& f = r.AddCounter("c_total", "C"); f.Add({}, 2); f.Add({}, -1); },
   "# HELP c_total C\n# TYPE c_total counter\nc_total 2\n"},
  {"label values and help escaped",
   [](Registry& r) { r.AddGauge("g", "line one\nback\\slash", {"route"}).Set({"say \"hi\"\n\\"}, 1.5); },
   "# HELP g line one\\nback\\\\slash\n"
   "# TYPE g gauge\n"
   "g{route=\"say \\\"hi\\\"\\n\\\\\"} 1.5\n"},
  {"a gauge takes the last value",
   [](Registry& r) { Family& f = r.AddGauge("depth", "Queue depth"); f.Set({}, 7); f.Set({}, 4); },
   "# HELP depth Queue depth\n# TYPE depth gauge\ndepth 4\n"},
  {"a histogram: cumulative buckets, +Inf, sum and count; a value on a bound is in that bucket",
   [](Registry& r) {
     Family& h = r.AddHistogram("latency_seconds", "Latency", {"source"}, {0.5, 0.1, 1});
     h.Observe({"spool"}, 0.0625);
     h.Observe({"spool"}, 0.5);
     h.Observe({"spool"}, 3);
   },
   "# HELP latency_seconds Latency\n"
   "# TYPE latency_seconds histogram\n"
   "latency_seconds_bucket{source=\"spool\",le=\"0.1\"} 1\n"
   "latency_seconds_bucket{source=\"spool\",le=\"0.5\"} 2\n"
   "latency_seconds_bucket{source=\"spool\",le=\"1\"} 2\n"
   "latency_seconds_bucket{source=\"spool\",le=\"+Inf\"} 3\n"
   "latency_seconds_sum{source=\"spool\"} 3.5625\n"
   "latency_seconds_count{source=\"spool\"} 3\n"},
  {"a histogram without labels",
   [](Registry& r) { r.AddHistogram("h", "H", {}, {1}).Observe({}, 0.25); },
   "# HELP h H\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 0.25\nh_count 1\n"},
  {"families in the order they were added; a family without series has only its header",
   [](Registry& r) { r.AddGauge("b", "B"); r.AddCounter("a_total", "A").Add({}); },
   "# HELP b B\n# TYPE b gauge\n# HELP a_total A\n# TYPE a_total counter\na_total 1\n"},
};
// clang-format on

TEST(MetricsRegistry, RendersEachCaseInTheTextFormat) {
  for (const Case& c : kCases) {
    Registry r;
    c.fill(r);
    EXPECT_EQ(r.Render(), c.text) << c.what;
  }
}

TEST(MetricsRegistry, FormatsValuesAsTheExpositionFormatReadsThem) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(12345678), "12345678");
  EXPECT_EQ(FormatValue(-2), "-2");
  EXPECT_EQ(FormatValue(0.1), "0.1");
  EXPECT_EQ(FormatValue(1e-7), "1e-07");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(MetricsRegistry, CountsFromManyThreadsWithoutLosingAny) {
  Registry r;
  Family& requests = r.AddCounter("requests_total", "Requests", {"status"});
  Family& latency = r.AddHistogram("latency_seconds", "Latency", {}, {0.01});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        requests.Add({"200"});
        latency.Observe({}, 0.001);
        if (i % 100 == 0) (void)r.Render();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(requests.Value({"200"}), 4000);
  EXPECT_EQ(latency.Value({}), 4000);
  EXPECT_NE(r.Render().find("latency_seconds_bucket{le=\"0.01\"} 4000\n"), std::string::npos);
}

}  // namespace
}  // namespace vigil::metrics
