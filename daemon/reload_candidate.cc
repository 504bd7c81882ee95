#include "daemon/reload_candidate.h"

#include <boost/asio/ssl/context.hpp>

#include "config/load.h"
#include "daemon/http/server.h"
#include "daemon/mllp/mllp_listener.h"

namespace vigil {
namespace {

// The TLS files as the server's start reads them (http::Server::Start): a
// certificate or key that cannot be used would stop the next start, so a
// reload that names one is refused now rather than then.
Status CheckTlsFiles(const http::ServerOptions& o) {
  if (o.certificate_file.empty() && o.key_file.empty()) return Status::Ok();
  try {
    boost::asio::ssl::context tls(boost::asio::ssl::context::tls_server);
    tls.use_certificate_chain_file(o.certificate_file);
    tls.use_private_key_file(o.key_file, boost::asio::ssl::context::pem);
  } catch (const boost::system::system_error& e) {
    return Status::Invalid("http.tls: cannot use certificate " + o.certificate_file + " and key " + o.key_file + ": " +
                           e.what());
  }
  return Status::Ok();
}

}  // namespace

std::string EffectiveMllpListen(const config::Config& config, const ConfigSource& source) {
  return source.mllp_listen.empty() ? config.feeds.mllp.listen : source.mllp_listen;
}

Result<ReloadCandidate> ReadReloadCandidate(const ConfigSource& source) {
  const std::string name = source.path.empty() ? "(bundled example trial)" : source.path;
  auto text = source.path.empty() ? Result<std::string>(std::string(config::ExampleConfigText()))
                                  : config::ReadConfigText(source.path);
  if (!text.ok()) return text.status();
  auto parsed = config::ParseConfigText(*text, name);
  if (!parsed.ok()) return parsed.status();
  config::Config cfg = std::move(*parsed);
  if (!source.http_listen.empty()) cfg.http.listen = source.http_listen;

  // What the start checks after the file, in its order; each error names
  // the file, as the configuration's own do.
  std::string errors;
  auto fail = [&](const Status& s) { errors += (errors.empty() ? "" : "\n") + name + ": " + s.message(); };
  auto grader = ctcae::Grader::Load(cfg.trial.ctcae_version);
  if (!grader.ok()) fail(Status::Invalid("trial.ctcae_version: " + grader.status().message()));
  auto categories = cfg.TrialCategories();
  if (!categories.ok()) fail(Status::Invalid("categories: " + categories.status().message()));
  if (!cfg.http.listen.empty()) {
    auto server = http::ServerOptions::From(cfg.http);
    if (!server.ok()) {
      fail(server.status());
    } else if (Status s = CheckTlsFiles(*server); !s.ok()) {
      fail(s);
    }
  }
  if (const std::string mllp = EffectiveMllpListen(cfg, source); !mllp.empty()) {
    auto address = mllp::ParseListenAddress(mllp);
    if (!address.ok()) fail(Status::Invalid("feeds.mllp.listen: " + address.status().message()));
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return ReloadCandidate{.text = std::move(*text),
                         .config = std::move(cfg),
                         .grader = std::move(*grader),
                         .categories = std::move(*categories)};
}

}  // namespace vigil
