#include "daemon/spool/in_hand.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "daemon/spool/errno_status.h"
#include "daemon/state_dir.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

Status Errno(const std::string& what) { return ErrnoStatus(what, errno); }

Status SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open " + dir.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("fsync " + dir.string());
}

}  // namespace

Status InHandLog::Load(const fs::path& spool) {
  files_.clear();
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::Ok();
  std::ostringstream text;
  text << in.rdbuf();
  const nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("files") || !doc["files"].is_object()) {
    return Status::Corrupt(path_.string() + ": not the in-hand log this daemon writes; its counts are lost");
  }
  for (const auto& [name, attempts] : doc["files"].items()) {
    struct stat st {};
    if (!attempts.is_number_integer() || ::lstat((spool / name).c_str(), &st) != 0) continue;
    files_[name] = attempts.get<int>();
  }
  return Status::Ok();
}

int InHandLog::Attempts(const std::string& name) const {
  auto it = files_.find(name);
  return it == files_.end() ? 0 : it->second;
}

Status InHandLog::Begin(const std::string& name) {
  ++files_[name];
  return Write(/*sync=*/true);
}

Status InHandLog::Finish(const std::string& name) {
  if (files_.erase(name) == 0) return Status::Ok();
  if (files_.empty()) {
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT) return Errno("remove " + path_.string());
    return Status::Ok();
  }
  return Write(/*sync=*/false);
}

Status InHandLog::Write(bool sync) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& [name, attempts] : files_) files[name] = attempts;
  const std::string text =
      nlohmann::json{{"files", files}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const fs::path tmp = path_.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) return Errno("create " + tmp.string());
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = Errno("write " + tmp.string());
      ::close(fd);
      return s;
    }
    written += static_cast<std::size_t>(n);
  }
  if (sync && ::fsync(fd) != 0) {
    Status s = Errno("fsync " + tmp.string());
    ::close(fd);
    return s;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path_.c_str()) != 0) return Errno("rename to " + path_.string());
  return sync ? SyncDirectory(path_.parent_path()) : Status::Ok();
}

}  // namespace vigil::spool
