// A real vigild serving HTTP on a free loopback port (--http 127.0.0.1:0)
// in a temporary state directory; the port is read from STATE/http.port,
// which vigild writes before it reports ready. `http` is the configuration's
// `http` section (limits, TLS), merged into the bundled example trial.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../daemon_process.h"
#include "../temp_dir.h"
#include "config/load.h"
#include "http_client.h"

namespace vigil::testing {

class HttpDaemon {
 public:
  explicit HttpDaemon(const std::filesystem::path& dir, nlohmann::json http = nlohmann::json::object())
      : state_(dir / "state") {
    auto config = nlohmann::json::parse(config::ExampleConfigText(), nullptr, true, /*ignore_comments=*/true);
    config["http"] = std::move(http);
    config_path_ = dir / "vigil.json";
    WriteFile(config_path_, config.dump(2));
    daemon_ = std::make_unique<DaemonProcess>(
        state_, std::vector<std::string>{"--config", config_path_.string(), "--http", "127.0.0.1:0"});
  }

  // Starts vigild and reads its port; false when either fails.
  bool Start() {
    if (!daemon_->Start()) return false;
    const std::string text = ReadFileText((state_ / "http.port").string());
    if (text.empty()) return false;
    port_ = std::stoi(text);
    return port_ > 0;
  }

  int port() const { return port_; }
  const std::filesystem::path& state() const { return state_; }
  DaemonProcess& process() { return *daemon_; }
  std::string Log() const { return ReadFileText(daemon_->log_path().string()); }

  // One request on a new connection.
  std::optional<HttpReply> Get(const std::string& path, const std::string& extra_headers = "") {
    HttpConnection c(port_);
    return c.Exchange(GetRequest(path, extra_headers + "Connection: close\r\n"));
  }

 private:
  std::filesystem::path state_;
  std::filesystem::path config_path_;
  std::unique_ptr<DaemonProcess> daemon_;
  int port_ = 0;
};

}  // namespace vigil::testing
