// vigild: the safety-monitoring daemon. See `vigild --help`.
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>

#include "config/load.h"
#include "daemon/app.h"
#include "daemon/large_buffers.h"
#include "daemon/log_setup.h"
#include "daemon/state_dir.h"

int main(int argc, char** argv) {
  // Whatever the caller's umask, nothing this process creates is readable by
  // others (patient data); see daemon/state_dir.h.
  ::umask(vigil::kProcessUmask);
  vigil::KeepLargeBuffersInHeap();
  CLI::App cli{"vigild: clinical-trial safety monitoring daemon"};
  std::string config_path, state_dir, spool_dir, http, mllp;
  cli.add_option("--config", config_path, "trial configuration (JSON); default: the bundled example trial");
  cli.add_option("--state-dir", state_dir, "directory for the database and the spool (overrides the configuration)");
  cli.add_option("--spool-dir", spool_dir,
                 "directory producers deliver into (overrides feeds.spool.directory; default STATE_DIR/spool)");
  cli.add_option("--http", http, "ADDR:PORT for the HTTP API and intake");
  cli.add_option("--mllp", mllp, "ADDR:PORT for HL7 v2 over MLLP (overrides feeds.mllp.listen; port 0: any free port)");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = cli.exit(e);
    return rc == 0 ? 0 : 2;
  }

  vigil::SetUpLogging();

  auto text = config_path.empty() ? vigil::Result<std::string>(std::string(vigil::config::ExampleConfigText()))
                                  : vigil::config::ReadConfigText(config_path);
  if (!text.ok()) {
    spdlog::critical("{}", text.status().message());
    return 1;
  }
  auto config = vigil::config::ParseConfigText(*text, config_path.empty() ? "(bundled example trial)" : config_path);
  if (!config.ok()) {
    spdlog::critical("configuration rejected:\n{}", config.status().message());
    return 1;
  }
  if (!http.empty()) {
    if (!vigil::config::ParseListenAddress(http)) {
      spdlog::critical("--http {}: not ADDR:PORT (an IPv4 address, or an IPv6 address in brackets, and a port)", http);
      return 2;
    }
    config->http.listen = http;
  }

  vigil::AppOptions options{
      .config = std::move(*config),
      .config_text = std::move(*text),
      .config_path = config_path,
      .http_listen = http,
      .state_dir = {},
      .mllp_listen = mllp,
      .spool_dir = {},
  };
  options.state_dir = state_dir.empty() ? options.config.state_dir : state_dir;
  options.spool_dir = !spool_dir.empty() ? std::filesystem::path(spool_dir)
                                         : std::filesystem::path(options.config.feeds.spool.directory);
  vigil::SystemClock clock;
  vigil::App app(std::move(options), clock);
  return app.Run();
}
