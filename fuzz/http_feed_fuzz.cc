// POST /api/v1/feeds/{domain} without sockets: the handler the route runs
// (daemon/http/feed_intake.h) on a body, against the real pipeline of the
// example trial and a real SQLite file in a directory made once per run
// (removed at exit). Input: one byte for the domain (and, with its high bit,
// an Idempotency-Key), then the body.
//
// Properties: the reply is 200 (a batch committed), 400 (not records: an
// unreadable delivery) or 422 (a key reused with another body), never a
// fault of the store; its body is a JSON object.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "daemon/clock.h"
#include "daemon/http/feed_intake.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/store/store.h"
#include "fuzz_support.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grader.h"

namespace {

using namespace vigil;

struct Intake {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  ctcae::Grader grader;
  categories::CategorySet categories;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8)};
  std::unique_ptr<Pipeline> pipeline;
  std::unique_ptr<http::IntakeContext> context;
};

template <class T>
T Must(Result<T> r, const char* what) {
  VIGIL_FUZZ_CHECK(r.ok(), std::string(what) + ": " + r.status().message());
  return std::move(*r);
}

Intake* MakeIntake() {
  spdlog::set_level(spdlog::level::off);  // a log line per rejected record would drown the fuzzer's output
  std::string pattern = (std::filesystem::temp_directory_path() / "vigil-http-fuzz-XXXXXX").string();
  VIGIL_FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr, "cannot make a temporary directory");
  const config::Config& config = fuzz::ExampleConfig();
  auto* intake = new Intake{.dir = pattern,
                            .store = Must(store::Store::Open(pattern + "/vigil.db"), "store"),
                            .grader = Must(ctcae::Grader::Load(config.trial.ctcae_version), "grader"),
                            .categories = Must(config.TrialCategories(), "categories"),
                            .pipeline = nullptr,
                            .context = nullptr};
  intake->pipeline =
      std::make_unique<Pipeline>(*intake->store, config, intake->grader, intake->categories, intake->clock);
  intake->context = std::make_unique<http::IntakeContext>(
      http::IntakeContext{*intake->pipeline, *intake->store, config, intake->clock});
  static const std::filesystem::path dir = intake->dir;
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  });
  return intake;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Intake* intake = MakeIntake();
  if (size == 0) return 0;
  http::Request request;
  request.method = "POST";
  request.params["domain"] = std::string(DomainName(kAllDomains[(data[0] & 0x7f) % kAllDomains.size()]));
  request.path = "/api/v1/feeds/" + request.params["domain"];
  request.body.assign(fuzz::AsText(data + 1, size - 1));
  request.caller = http::Caller{.token_name = "lab-feed", .role = http::Role::kFeed};
  if (data[0] & 0x80) request.headers["idempotency-key"] = "fuzz-" + std::to_string(data[0] & 0x7f);

  const http::Response reply = http::PostFeed(*intake->context, request);
  VIGIL_FUZZ_CHECK(reply.status == 200 || reply.status == 400 || reply.status == 422,
                   "status " + std::to_string(reply.status) + ": " + reply.body);
  const nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  VIGIL_FUZZ_CHECK(body.is_object(), "a reply that is not a JSON object: " + reply.body);
  return 0;
}
