#include "daemon/spool/spool_source.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "daemon/sha256.h"
#include "daemon/spool/quarantine_report.h"
#include "daemon/spool/spool_file.h"
#include "notifiers/log_text.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

constexpr auto kRetryDelay = std::chrono::seconds(5);
constexpr int kMaxStallDelayS = 60;

// The whole file, every read checked: a short read, an I/O error or memory
// running out is an error, never a silently truncated delivery. A file over
// `max_bytes` is Invalid (its content is at fault: quarantined, unread).
Result<std::string> ReadWholeFile(const fs::path& p, std::uintmax_t max_bytes) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(p.string() + ": cannot be opened");
    if (errno == ENOMEM || errno == EMFILE || errno == ENFILE || errno == EIO) {
      return Status::Unavailable(p.string() + ": cannot be opened: " + std::strerror(errno));
    }
    return Status::Io(p.string() + ": cannot be opened: " + std::strerror(errno));
  }
  struct stat st {};
  std::string bytes;
  Status status = Status::Ok();
  try {
    if (::fstat(fd, &st) != 0) {
      status = Status::Io(p.string() + ": fstat: " + std::strerror(errno));
    } else if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
      status =
          Status::Invalid("the file is " + std::to_string(st.st_size) + " bytes, over the maximum delivery size of " +
                          std::to_string(max_bytes) + " bytes (feeds.spool.max_file_mib)");
    } else {
      bytes.reserve(static_cast<std::size_t>(st.st_size));
      char buf[1 << 16];
      for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          status = (errno == EIO ? Status::Unavailable : Status::Io)(p.string() + ": read: " + std::strerror(errno));
          break;
        }
        if (n == 0) break;
        if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
          status = Status::Invalid("the file grew over the maximum delivery size of " + std::to_string(max_bytes) +
                                   " bytes (feeds.spool.max_file_mib)");
          break;
        }
        bytes.append(buf, static_cast<std::size_t>(n));
      }
    }
  } catch (const std::bad_alloc&) {
    status = Status::Unavailable(p.string() + ": out of memory reading " + std::to_string(st.st_size) + " bytes");
  }
  ::close(fd);
  if (!status.ok()) return status;
  return bytes;
}

// What identifies the bytes of a file on disk: size and modification time.
struct FileVersion {
  std::uintmax_t size = 0;
  fs::file_time_type modified;
  bool operator==(const FileVersion&) const = default;
};

std::optional<FileVersion> VersionOf(const fs::path& p) {
  std::error_code ec;
  FileVersion v{fs::file_size(p, ec), {}};
  if (ec) return std::nullopt;
  v.modified = fs::last_write_time(p, ec);
  if (ec) return std::nullopt;
  return v;
}

}  // namespace

SpoolSource::SpoolSource(boost::asio::io_context& io, const fs::path& spool_dir, Pipeline& pipeline, const Clock& clock,
                         std::uintmax_t max_file_bytes)
    : io_(io),
      dirs_(spool_dir),
      pipeline_(pipeline),
      clock_(clock),
      inotify_(io),
      retry_timer_(io),
      stall_timer_(io),
      max_file_bytes_(max_file_bytes) {}

fs::path StallReportPath(const fs::path& state_dir) {
  return state_dir / "ingest-stalled.json";
}

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
  stall_timer_.cancel();
}

void SpoolSource::Scan() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dirs_.spool, ec)) {
    if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
  }
  if (ec) spdlog::error("spool: cannot list {}: {}", dirs_.spool.string(), LogText(ec.message(), kLogMessageMax));
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) Enqueue(n);
}

void SpoolSource::ReadEvents() {
  inotify_.async_read_some(boost::asio::buffer(event_buffer_), [this](boost::system::error_code ec, std::size_t n) {
    if (ec) {
      if (ec != boost::asio::error::operation_aborted && !stopped_) {
        spdlog::error("spool: inotify read failed: {}; rescanning in {}s", LogText(ec.message(), kLogMessageMax),
                      kRetryDelay.count());
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
  QueueOf(name).push_back(name);
  if (!processing_) {
    processing_ = true;
    boost::asio::post(io_, [this] { ProcessNext(); });
  }
}

void SpoolSource::ProcessNext() {
  if (stopped_ || stalled_ || (urgent_.empty() && routine_.empty())) {
    processing_ = false;
    return;
  }
  std::deque<std::string>& from = urgent_.empty() ? routine_ : urgent_;
  std::string name = std::move(from.front());
  from.pop_front();
  queued_.erase(name);
  Ingest(name);
  boost::asio::post(io_, [this] { ProcessNext(); });
}

std::deque<std::string>& SpoolSource::QueueOf(const std::string& name) {
  auto kind = ClassifyName(name);
  return kind.ok() && (kind->domain == Domain::kAe || kind->domain == Domain::kDm) ? urgent_ : routine_;
}

void SpoolSource::Stall(const std::string& name, const std::string& reason) {
  if (stall_.attempts == 0) stall_.since = FormatTimestamp(clock_.Now());
  ++stall_.attempts;
  stall_.file = name;
  stall_.reason = reason;
  const int delay_s = std::min(kMaxStallDelayS, 1 << std::min(stall_.attempts - 1, 6));
  spdlog::warn("spool: ingestion stalled at {} (attempt {}): {}; the file stays in the spool, tried again in {} s",
               LogText(name), stall_.attempts, LogText(reason, kLogMessageMax), delay_s);
  // Best effort: on a full disk even this small file may not be written;
  // the log line above is then the only report.
  const nlohmann::json report = {{"since", stall_.since},
                                 {"file", name},
                                 {"reason", reason},
                                 {"attempts", stall_.attempts},
                                 {"next_attempt_in_s", delay_s}};
  const fs::path report_path = StallReportPath(dirs_.spool.parent_path());
  const fs::path tmp = report_path.string() + ".tmp";
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << report.dump() << "\n";
    out.close();
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  if (!ec) fs::rename(tmp, report_path, ec);
  if (ec)
    spdlog::warn("spool: cannot write the stall report {}: {}", report_path.string(),
                 LogText(ec.message(), kLogMessageMax));
  // The file goes back to the front of the queue; nothing else is tried
  // until the fault has had time to clear.
  if (!queued_.contains(name)) {
    queued_.insert(name);
    QueueOf(name).push_front(name);
  }
  stalled_ = true;
  stall_timer_.expires_after(std::chrono::seconds(delay_s));
  stall_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec && !stopped_) Resume();
  });
}

void SpoolSource::Resume() {
  stalled_ = false;
  if (!processing_) {
    processing_ = true;
    boost::asio::post(io_, [this] { ProcessNext(); });
  }
}

void SpoolSource::Unstall() {
  if (stall_.attempts == 0) return;
  spdlog::info("spool: ingestion resumed after {} attempts (stalled since {})", stall_.attempts, stall_.since);
  stall_ = {};
  std::error_code ec;
  fs::remove(StallReportPath(dirs_.spool.parent_path()), ec);
}

void SpoolSource::RetryLater() {
  retry_timer_.expires_after(kRetryDelay);
  retry_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec && !stopped_) Scan();
  });
}

void SpoolSource::Reject(const fs::path& path, const std::string& name, const store::BatchInfo& info,
                         const std::string& reason) {
  spdlog::warn("spool: {} rejected whole: {}", LogText(name), LogText(reason, kLogMessageMax));
  if (Status s = pipeline_.RecordUnreadable(info, reason); !s.ok()) {
    spdlog::error("spool: {} not moved, store failed: {}; retrying", LogText(name),
                  LogText(s.message(), kLogMessageMax));
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
      spdlog::error("spool: {}: {}", LogText(name), LogText(s.message(), kLogMessageMax));
    }
  }
  if (Status s = MoveInto(path, dirs_.quarantine, name, tag); !s.ok())
    spdlog::error("spool: {}", LogText(s.message(), kLogMessageMax));
}

void SpoolSource::Ingest(const std::string& name) {
  const fs::path path = dirs_.spool / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return;  // gone, or not a file: nothing to ingest
  const std::optional<FileVersion> read_version = VersionOf(path);
  auto bytes = ReadWholeFile(path, max_file_bytes_);
  if (!bytes.ok()) {
    switch (bytes.status().code()) {
      case Status::Code::kNotFound: return;  // gone: nothing to ingest
      case Status::Code::kInvalid: {
        // Unread, so identified by name and size: recorded like any
        // rejected delivery, visible in `vigilctl quarantine`.
        std::error_code size_ec;
        const store::BatchInfo oversize{.source = "spool",
                                        .name = name,
                                        .sha256 = "size-" + std::to_string(fs::file_size(path, size_ec)),
                                        .received_at = FormatTimestamp(clock_.Now())};
        return Reject(path, name, oversize, bytes.status().message());
      }
      case Status::Code::kUnavailable: return Stall(name, bytes.status().message());
      default:
        spdlog::error("spool: {}", LogText(bytes.status().message(), kLogMessageMax));
        RetryLater();
        return;
    }
  }
  store::BatchInfo info{
      .source = "spool", .name = name, .sha256 = Sha256Hex(*bytes), .received_at = FormatTimestamp(clock_.Now())};
  const std::string tag = info.sha256.substr(0, 12);

  auto committed = pipeline_.AlreadyCommitted(info);
  if (!committed.ok()) {
    if (committed.status().code() == Status::Code::kUnavailable) return Stall(name, committed.status().message());
    spdlog::error("spool: {}: {}; retrying", LogText(name), LogText(committed.status().message(), kLogMessageMax));
    RetryLater();
    return;
  }
  if (*committed) {
    // Committed before a crash or stop, not yet moved: finish the move only.
    spdlog::info("spool: {} was already committed; finishing its move", LogText(name));
    if (**committed == store::BatchState::kIngested) {
      if (Status s = MoveInto(path, dirs_.done, name, tag); !s.ok())
        spdlog::error("spool: {}", LogText(s.message(), kLogMessageMax));
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
    // The record is not at fault when the environment is: never quarantine
    // a valid file for a full disk or a busy database.
    if (outcome.status().code() == Status::Code::kUnavailable) return Stall(name, outcome.status().message());
    Reject(path, name, info, "could not be stored: " + outcome.status().message());
    return;
  }
  Unstall();
  spdlog::info("spool: {} committed: {} records, {} new or follow-up, {} unchanged, {} quarantined{}", LogText(name),
               outcome->counts.records, outcome->counts.accepted, outcome->counts.unchanged,
               outcome->counts.quarantined,
               outcome->released ? fmt::format(", {} held records released", outcome->released) : "");
  // What was committed is the bytes read. A producer that appended after
  // the rename left more: the file is ingested again, not moved.
  const std::optional<FileVersion> now_version = VersionOf(path);
  if (!read_version || !now_version || *read_version != *now_version || read_version->size != bytes->size()) {
    spdlog::warn("spool: {} changed while it was ingested ({} bytes read, {} now); ingesting it again", LogText(name),
                 bytes->size(), now_version ? now_version->size : 0);
    Enqueue(name);
    return;
  }
  if (Status s = MoveInto(path, dirs_.done, name, tag); !s.ok())
    spdlog::error("spool: {}", LogText(s.message(), kLogMessageMax));
}

}  // namespace vigil::spool
