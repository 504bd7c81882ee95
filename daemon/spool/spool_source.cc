#include "daemon/spool/spool_source.h"

#include <sys/inotify.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "daemon/sha256.h"
#include "daemon/spool/quarantine_report.h"
#include "daemon/spool/spool_file.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

constexpr auto kRetryDelay = std::chrono::seconds(5);

Result<std::string> ReadWholeFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound(p.string() + ": cannot be opened");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Status::Io(p.string() + ": read failed");
  return s.str();
}

}  // namespace

SpoolSource::SpoolSource(boost::asio::io_context& io, const fs::path& spool_dir, Pipeline& pipeline,
                         const Clock& clock)
    : io_(io), dirs_(spool_dir), pipeline_(pipeline), clock_(clock), inotify_(io), retry_timer_(io) {}

SpoolSource::~SpoolSource() = default;

Status SpoolSource::Start() {
  if (Status s = dirs_.Create(); !s.ok()) return s;
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::Io(std::string("inotify_init1: ") + std::strerror(errno));
  inotify_.assign(fd);
  if (inotify_add_watch(fd, dirs_.spool.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
    return Status::Io("inotify_add_watch " + dirs_.spool.string() + ": " + std::strerror(errno));
  }
  ReadEvents();
  // Scan after the watch is in place: a file renamed in between is seen by
  // both, and the queue keeps one entry per name.
  Scan();
  spdlog::info("spool: watching {}", dirs_.spool.string());
  return Status::Ok();
}

void SpoolSource::Stop() {
  stopped_ = true;
  boost::system::error_code ec;
  inotify_.close(ec);
  retry_timer_.cancel();
}

void SpoolSource::Scan() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dirs_.spool, ec)) {
    if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
  }
  if (ec) spdlog::error("spool: cannot list {}: {}", dirs_.spool.string(), ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) Enqueue(n);
}

void SpoolSource::ReadEvents() {
  inotify_.async_read_some(boost::asio::buffer(event_buffer_), [this](boost::system::error_code ec, std::size_t n) {
    if (ec) {
      if (ec != boost::asio::error::operation_aborted && !stopped_) {
        spdlog::error("spool: inotify read failed: {}; rescanning in {}s", ec.message(), kRetryDelay.count());
        RetryLater();
      }
      return;
    }
    for (std::size_t off = 0; off + sizeof(inotify_event) <= n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(event_buffer_ + off);
      if (ev->mask & IN_Q_OVERFLOW) {
        spdlog::warn("spool: inotify queue overflowed; rescanning");
        Scan();
      } else if (ev->len > 0 && !(ev->mask & IN_ISDIR)) {
        Enqueue(ev->name);
      }
      off += sizeof(inotify_event) + ev->len;
    }
    if (!stopped_) ReadEvents();
  });
}

void SpoolSource::Enqueue(const std::string& name) {
  if (stopped_ || IsInProgressName(name) || queued_.contains(name)) return;
  queued_.insert(name);
  queue_.push_back(name);
  if (!processing_) {
    processing_ = true;
    boost::asio::post(io_, [this] { ProcessNext(); });
  }
}

void SpoolSource::ProcessNext() {
  if (stopped_ || queue_.empty()) {
    processing_ = false;
    return;
  }
  auto next = std::find_if(queue_.begin(), queue_.end(), [](const std::string& n) {
    auto kind = ClassifyName(n);
    return kind.ok() && (kind->domain == Domain::kAe || kind->domain == Domain::kDm);
  });
  if (next == queue_.end()) next = queue_.begin();
  std::string name = std::move(*next);
  queue_.erase(next);
  queued_.erase(name);
  Ingest(name);
  boost::asio::post(io_, [this] { ProcessNext(); });
}

void SpoolSource::RetryLater() {
  retry_timer_.expires_after(kRetryDelay);
  retry_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec && !stopped_) Scan();
  });
}

void SpoolSource::Reject(const fs::path& path, const std::string& name, const store::BatchInfo& info,
                         const std::string& reason) {
  spdlog::warn("spool: {} rejected whole: {}", name, reason);
  if (Status s = pipeline_.RecordUnreadable(info, reason); !s.ok()) {
    spdlog::error("spool: {} not moved, store failed: {}; retrying", name, s.message());
    RetryLater();
    return;
  }
  MoveToQuarantine(path, name, info.sha256.substr(0, 12), reason);
}

void SpoolSource::MoveToQuarantine(const fs::path& path, const std::string& name, const std::string& tag,
                                   const std::string& reason) {
  std::error_code ec;
  if (!fs::exists(dirs_.quarantine / (name + ".reason"), ec)) {
    if (Status s = WriteFileAtomically(dirs_.quarantine, name + ".reason", reason + "\n", tag); !s.ok()) {
      spdlog::error("spool: {}: {}", name, s.message());
    }
  }
  if (Status s = MoveInto(path, dirs_.quarantine, name, tag); !s.ok()) spdlog::error("spool: {}", s.message());
}

void SpoolSource::Ingest(const std::string& name) {
  const fs::path path = dirs_.spool / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return;  // gone, or not a file: nothing to ingest
  auto bytes = ReadWholeFile(path);
  if (!bytes.ok()) {
    spdlog::error("spool: {}", bytes.status().message());
    RetryLater();
    return;
  }
  store::BatchInfo info{.source = "spool",
                        .name = name,
                        .sha256 = Sha256Hex(*bytes),
                        .received_at = FormatTimestamp(clock_.Now())};
  const std::string tag = info.sha256.substr(0, 12);

  auto committed = pipeline_.AlreadyCommitted(info);
  if (!committed.ok()) {
    spdlog::error("spool: {}: {}; retrying", name, committed.status().message());
    RetryLater();
    return;
  }
  if (*committed) {
    // Committed before a crash or stop, not yet moved: finish the move only.
    spdlog::info("spool: {} was already committed; finishing its move", name);
    if (**committed == store::BatchState::kIngested) {
      if (Status s = MoveInto(path, dirs_.done, name, tag); !s.ok()) spdlog::error("spool: {}", s.message());
    } else {
      MoveToQuarantine(path, name, tag, "recorded as unreadable before a restart; see vigilctl quarantine");
    }
    return;
  }

  auto kind = ClassifyName(name);
  if (!kind.ok()) return Reject(path, name, info, kind.status().message());
  auto records = ParseFile(*kind, *bytes);
  if (!records.ok()) return Reject(path, name, info, records.status().message());

  Batch batch{.info = info, .records = std::move(*records)};
  auto outcome = pipeline_.Process(batch, [&](const BatchOutcome& out) -> Status {
    if (out.counts.quarantined == 0) return Status::Ok();
    if (Status s = WriteFileAtomically(dirs_.quarantine, name, *bytes, tag); !s.ok()) return s;
    return WriteFileAtomically(dirs_.quarantine, name + ".rejected.csv", QuarantineReport(batch, out), tag);
  });
  if (!outcome.ok()) {
    Reject(path, name, info, "could not be stored: " + outcome.status().message());
    return;
  }
  spdlog::info("spool: {} committed: {} records, {} new or follow-up, {} unchanged, {} quarantined{}", name,
               outcome->counts.records, outcome->counts.accepted, outcome->counts.unchanged,
               outcome->counts.quarantined,
               outcome->released ? fmt::format(", {} held records released", outcome->released) : "");
  if (Status s = MoveInto(path, dirs_.done, name, tag); !s.ok()) spdlog::error("spool: {}", s.message());
}

}  // namespace vigil::spool
