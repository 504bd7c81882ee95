#include "daemon/ctl/token_command.h"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "daemon/clock.h"
#include "daemon/http/http_types.h"
#include "daemon/http/tokens.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"

namespace vigil::ctl {
namespace {

Result<std::unique_ptr<store::Store>> OpenForWriting(const std::string& db_path) {
  // Never creates a database: a token for a daemon that has not run here
  // would be a token for the wrong directory.
  if (!std::filesystem::exists(db_path)) {
    return Status::NotFound("no database at " + db_path + " (has vigild run here?)");
  }
  return store::Store::Open(db_path);
}

std::string Now() { return FormatTimestamp(std::chrono::system_clock::now()); }

}  // namespace

TokenCommand::TokenCommand(CLI::App& parent) {
  token_ = parent.add_subcommand("token", "HTTP API tokens: create, list, revoke");
  token_->require_subcommand(1);
  create_ = token_->add_subcommand("create", "create a token; prints only the token, once (only its hash is kept)");
  create_->add_option("--role", role_, "dsmb, physician, feed or admin")
      ->required()
      ->check(CLI::IsMember({"dsmb", "physician", "feed", "admin"}));
  create_->add_option("--name", name_, "a unique name: what logs and acknowledgements record")->required();
  list_ = token_->add_subcommand("list", "every token: name, role, created, revoked, last used (never the token)");
  list_->add_option("--format", format_, "text (default) or json")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, Format>{{"text", Format::kText}, {"json", Format::kJson}}, CLI::ignore_case));
  revoke_ = token_->add_subcommand("revoke", "revoke a token by name; effective from the daemon's next request");
  revoke_->add_option("NAME", name_, "the token's name")->required();
}

int TokenCommand::Run(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  if (create_->parsed()) return Create(db_path, out, err);
  if (list_->parsed()) return List(db_path, out, err);
  if (revoke_->parsed()) return Revoke(db_path, out, err);
  return kUsage;
}

int TokenCommand::Create(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  if (std::string problem = http::TokenNameProblem(name_); !problem.empty()) {
    err << "vigilctl token create: --name: " << problem << "\n";
    return kUsage;
  }
  auto store = OpenForWriting(db_path);
  if (!store.ok()) {
    err << "vigilctl token create: " << store.status().message() << "\n";
    return kFailure;
  }
  auto token = http::NewToken();
  if (!token.ok()) {
    err << "vigilctl token create: " << token.status().message() << "\n";
    return kFailure;
  }
  const store::TokenRow row{.name = name_,
                            .role = role_,
                            .token_sha256 = http::TokenSha256(*token),
                            .created_at = Now(),
                            .revoked_at = "",
                            .last_used_on = ""};
  if (vigil::Status s = (*store)->CreateToken(row); !s.ok()) {
    err << "vigilctl token create: " << s.message() << "\n";
    return kFailure;
  }
  out << *token << "\n";
  return kOk;
}

int TokenCommand::List(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl token list: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto tokens = (*reader)->Tokens();
  if (!tokens.ok()) {
    err << "vigilctl token list: " << tokens.status().message() << "\n";
    return kFailure;
  }
  auto or_null = [](const std::string& v) { return v.empty() ? nlohmann::json() : nlohmann::json(v); };
  if (format_ == Format::kJson) {
    nlohmann::json list = nlohmann::json::array();
    for (const store::TokenRow& t : *tokens) {
      list.push_back({{"name", t.name},
                      {"role", t.role},
                      {"created_at", t.created_at},
                      {"revoked_at", or_null(t.revoked_at)},
                      {"last_used_on", or_null(t.last_used_on)}});
    }
    out << list.dump(2) << "\n";
    return kOk;
  }
  for (const store::TokenRow& t : *tokens) {
    out << t.name << "  " << t.role << "  created " << t.created_at << "  "
        << (t.revoked() ? "revoked " + t.revoked_at : "valid") << "  last used "
        << (t.last_used_on.empty() ? "never" : t.last_used_on) << "\n";
  }
  return kOk;
}

int TokenCommand::Revoke(const std::string& db_path, std::ostream& out, std::ostream& err) const {
  auto store = OpenForWriting(db_path);
  if (!store.ok()) {
    err << "vigilctl token revoke: " << store.status().message() << "\n";
    return kFailure;
  }
  const std::string at = Now();
  auto revoked = (*store)->RevokeToken(name_, at);
  if (!revoked.ok()) {
    err << "vigilctl token revoke: " << revoked.status().message() << "\n";
    return kFailure;
  }
  if (revoked->revoked()) {
    out << "token " << name_ << " was already revoked at " << revoked->revoked_at << "\n";
  } else {
    out << "revoked token " << name_ << " at " << at << "\n";
  }
  return kOk;
}

}  // namespace vigil::ctl
