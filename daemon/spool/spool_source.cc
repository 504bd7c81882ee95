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
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "daemon/large_buffers.h"
#include "daemon/sha256.h"
#include "daemon/spool/quarantine_report.h"
#include "daemon/spool/spool_entry.h"
#include "daemon/spool/spool_file.h"
#include "notifiers/log_text.h"
#include "rules/text/utf8.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

constexpr auto kRetryDelay = std::chrono::seconds(5);
constexpr int kMaxStallDelayS = 60;

// A name as text that is safe to store and show: itself when it is UTF-8,
// else escaped (notifiers/log_text.h), never cut.
std::string NameAsText(const std::string& name) {
  return text::IsUtf8(name) ? name : LogText(name, 8 * name.size() + 64);
}

// Whether what was read is what is there now: the same file (device and
// inode), size and modification time.
bool SameVersion(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

// A file's reader that keeps why a part could not be read, to refuse the
// file with that reason.
class UnreadableParts final : public RecordReader {
 public:
  explicit UnreadableParts(RecordReader& reader) : reader_(reader) {}

  Result<bool> Next(std::vector<InboundRecord>& part, std::size_t limit) override {
    auto more = reader_.Next(part, limit);
    if (!more.ok()) unreadable_ = more.status();
    return more;
  }
  const std::optional<Status>& unreadable() const { return unreadable_; }

 private:
  RecordReader& reader_;
  std::optional<Status> unreadable_;
};

}  // namespace

SpoolSource::SpoolSource(boost::asio::io_context& io, const fs::path& spool_dir, const fs::path& state_dir,
                         Pipeline& pipeline, const Clock& clock, std::uintmax_t max_file_bytes)
    : io_(io),
      dirs_(spool_dir),
      state_dir_(state_dir),
      pipeline_(pipeline),
      clock_(clock),
      inotify_(io),
      retry_timer_(io),
      stall_timer_(io),
      max_file_bytes_(max_file_bytes),
      in_hand_(spool_dir / ".in-hand") {}

fs::path StallReportPath(const fs::path& state_dir) { return state_dir / "ingest-stalled.json"; }

SpoolSource::~SpoolSource() = default;

Status SpoolSource::Start() {
  if (Status s = dirs_.Create(); !s.ok()) return s;
  if (Status s = in_hand_.Load(dirs_.spool); !s.ok()) {
    spdlog::warn("spool: {}", LogText(s.message(), kLogMessageMax));
  }
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::Io(std::string("inotify_init1: ") + std::strerror(errno));
  inotify_.assign(fd);
  // IN_CREATE for what is complete when created (a link, a FIFO, a
  // directory); a regular file created in place is taken when closed.
  if (inotify_add_watch(fd, dirs_.spool.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE) < 0) {
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
    std::string name = entry.path().filename().string();
    std::error_code kind_ec;
    if (entry.symlink_status(kind_ec).type() == fs::file_type::directory) {
      NoteDirectory(name);
    } else {
      // Every other kind is queued: Ingest takes a regular file and
      // quarantines the rest with its reason.
      names.push_back(std::move(name));
    }
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
      } else if (ev->len > 0 && (ev->mask & IN_ISDIR)) {
        NoteDirectory(ev->name);
      } else if (ev->len > 0 && (ev->mask & IN_CREATE)) {
        // A regular file just created is still being written: it is taken
        // when closed or renamed in. Anything else (a link, a FIFO, a
        // second name of a file) is complete now.
        struct stat st {};
        const fs::path p = dirs_.spool / ev->name;
        if (::lstat(p.c_str(), &st) == 0 && !(S_ISREG(st.st_mode) && st.st_nlink == 1)) Enqueue(ev->name);
      } else if (ev->len > 0) {
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

void SpoolSource::NoteDirectory(const std::string& name) {
  if (IsInProgressName(name) || name == dirs_.done.filename() || name == dirs_.quarantine.filename()) return;
  if (!noted_directories_.insert(name).second) return;
  spdlog::warn("spool: {} is a directory; the spool takes files only and leaves it alone", LogText(name));
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
  const fs::path report_path = StallReportPath(state_dir_);
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
  fs::remove(StallReportPath(state_dir_), ec);
}

void SpoolSource::RetryLater() {
  retry_timer_.expires_after(kRetryDelay);
  retry_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec && !stopped_) Scan();
  });
}

bool SpoolSource::Reject(const fs::path& path, const std::string& name, const store::BatchInfo& info,
                         const std::string& tag, const std::string& reason_given) {
  // Stored as text and dumped as JSON by the store: never bytes that are
  // not UTF-8 (a reason may quote a library's message).
  const std::string reason = text::IsUtf8(reason_given) ? reason_given : LogText(reason_given, 4 * kLogMessageMax);
  spdlog::warn("spool: {} rejected whole: {}", LogText(name), LogText(reason, kLogMessageMax));
  if (Status s = pipeline_.RecordUnreadable(info, reason); !s.ok()) {
    if (s.code() == Status::Code::kUnavailable) {
      Stall(name, s.message());
      return false;
    }
    spdlog::error("spool: {} not moved, store failed: {}; retrying", LogText(name),
                  LogText(s.message(), kLogMessageMax));
    RetryLater();
    return false;
  }
  MoveToQuarantine(path, name, tag, reason);
  return true;
}

bool SpoolSource::QuarantineUnread(const fs::path& path, const std::string& name, const struct stat& st,
                                   const std::string& reason) {
  // Unread, so identified by name and size: recorded like any rejected
  // delivery, visible in `vigilctl quarantine`.
  const store::BatchInfo info{.source = "spool",
                              .name = NameAsText(name),
                              .sha256 = "size-" + std::to_string(st.st_size),
                              .received_at = FormatTimestamp(clock_.Now())};
  return Reject(path, name, info, "unread", reason);
}

void SpoolSource::MoveToQuarantine(const fs::path& path, const std::string& name, const std::string& tag,
                                   const std::string& reason) {
  // Each quarantined delivery has its own name and its own reason beside
  // it: a second file of one name never takes the first's place.
  const std::string base = QuarantineName(dirs_.quarantine, name, tag);
  if (Status s = WriteFileAtomically(dirs_.quarantine, base + ".reason", reason + "\n", tag); !s.ok()) {
    spdlog::error("spool: {}: {}", LogText(name), LogText(s.message(), kLogMessageMax));
  }
  if (Status s = MoveEntryInto(path, dirs_.quarantine / base); !s.ok()) {
    spdlog::error("spool: {}", LogText(s.message(), kLogMessageMax));
  } else if (base != name) {
    spdlog::info("spool: {} quarantined as {}", LogText(name), LogText(base));
  }
}

void SpoolSource::Ingest(const std::string& name) {
  const fs::path path = dirs_.spool / name;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;  // gone: nothing to ingest
    spdlog::error("spool: {}: {}; retrying", LogText(name), std::strerror(errno));
    RetryLater();
    return;
  }
  if (S_ISDIR(st.st_mode)) return NoteDirectory(name);
  // What cannot be a delivery is quarantined as it is, unread (see
  // spool_entry.h): a name that is not UTF-8 cannot be stored, shown or
  // matched; links, FIFOs, sockets, devices and files with two names are not
  // files the producer delivered.
  if (const std::size_t bad = text::FirstInvalidUtf8(name); bad != std::string::npos) {
    QuarantineUnread(path, name, st,
                     "the file name '" + LogText(name, kLogMessageMax) + "' is not UTF-8 (invalid byte at offset " +
                         std::to_string(bad) + "); rename the file and deliver it again. It was moved here unread.");
    return;
  }
  if (auto why = NotADelivery(path, st)) {
    QuarantineUnread(path, name, st, *why);
    return;
  }
  // A file in hand when the daemon stopped kMaxIngestAttempts times is not
  // read again: it would stop the daemon again, and every file behind it
  // would wait.
  if (const int attempts = in_hand_.Attempts(name); attempts >= kMaxIngestAttempts) {
    QuarantineUnread(path, name, st,
                     "the daemon stopped " + std::to_string(attempts) +
                         " times while ingesting this file (it may exhaust memory); it was moved here unread. "
                         "Deliver its records in smaller files.");
    if (::lstat(path.c_str(), &st) != 0) (void)in_hand_.Finish(name);
    return;
  }
  if (static_cast<std::uintmax_t>(st.st_size) >= kInHandMinBytes) {
    if (Status s = in_hand_.Begin(name); !s.ok()) {
      spdlog::warn("spool: cannot record {} as in hand ({}); ingesting it anyway", LogText(name),
                   LogText(s.message(), kLogMessageMax));
    }
  }
  // Memory short while parsing or grading (the store and the reader report
  // it themselves) is a fault of the environment, not of the file: the file
  // stays and is tried again after the backoff, the daemon keeps running.
  try {
    IngestFile(path, name, st);
  } catch (const std::bad_alloc&) {
    Stall(name, "out of memory while ingesting the file");
  }
  if (Status s = in_hand_.Finish(name); !s.ok()) spdlog::warn("spool: {}", LogText(s.message(), kLogMessageMax));
}

void SpoolSource::IngestFile(const fs::path& path, const std::string& name, const struct stat& listed) {
  auto read = ReadSpoolFile(path, max_file_bytes_);
  if (!read.ok()) {
    switch (read.status().code()) {
      case Status::Code::kNotFound: return;  // gone: nothing to ingest
      case Status::Code::kInvalid: QuarantineUnread(path, name, listed, read.status().message()); return;
      case Status::Code::kCorrupt: Enqueue(name); return;  // replaced since listed: looked at again
      case Status::Code::kUnavailable: return Stall(name, read.status().message());
      default:
        spdlog::error("spool: {}", LogText(read.status().message(), kLogMessageMax));
        RetryLater();
        return;
    }
  }
  const std::string& bytes = read->bytes;
  store::BatchInfo info{
      .source = "spool", .name = name, .sha256 = Sha256Hex(bytes), .received_at = FormatTimestamp(clock_.Now())};
  const std::string tag = info.sha256.substr(0, 12);

  auto committed = pipeline_.AlreadyCommitted(info);
  if (!committed.ok()) {
    if (committed.status().code() == Status::Code::kUnavailable) return Stall(name, committed.status().message());
    spdlog::error("spool: {}: {}; retrying", LogText(name), LogText(committed.status().message(), kLogMessageMax));
    RetryLater();
    return;
  }
  if (*committed) {
    // Committed before a crash or stop, not yet moved, or delivered again
    // byte for byte: finish the move only.
    spdlog::info("spool: {} was already committed; finishing its move", LogText(name));
    if (**committed == store::BatchState::kIngested) {
      if (Status s = MoveInto(path, dirs_.done, name, tag); !s.ok())
        spdlog::error("spool: {}", LogText(s.message(), kLogMessageMax));
    } else {
      MoveToQuarantine(path, name, tag,
                       "these bytes under this name were recorded as unreadable before (a restart, or the same file "
                       "delivered again); see vigilctl quarantine");
    }
    return;
  }

  auto kind = ClassifyName(name);
  if (!kind.ok()) {
    Reject(path, name, info, tag, kind.status().message());
    return;
  }
  auto opened = OpenFile(*kind, bytes, pipeline_.config().trial.study_id);
  if (!opened.ok()) {
    Reject(path, name, info, tag, opened.status().message());
    return;
  }
  // A part of the file that cannot be read as its format refuses the file
  // whole, the parts before it rolled back.
  UnreadableParts reader(**opened);
  auto outcome = pipeline_.Process(info, reader, RecordsPerPart(kind->domain), [&](const BatchOutcome& out) -> Status {
    if (out.counts.quarantined == 0) return Status::Ok();
    const std::string base = QuarantineName(dirs_.quarantine, name, tag, &bytes);
    if (Status s = WriteFileAtomically(dirs_.quarantine, base, bytes, tag); !s.ok()) return s;
    return WriteFileAtomically(dirs_.quarantine, base + ".rejected.csv", QuarantineReport(out), tag);
  });
  if (!outcome.ok() && reader.unreadable()) {
    Reject(path, name, info, tag, reader.unreadable()->message());
    return;
  }
  if (!outcome.ok()) {
    // The record is not at fault when the environment is: never quarantine
    // a valid file for a full disk or a busy database.
    if (outcome.status().code() == Status::Code::kUnavailable) return Stall(name, outcome.status().message());
    Reject(path, name, info, tag, "could not be stored: " + outcome.status().message());
    return;
  }
  Unstall();
  ReturnFreedMemory();
  spdlog::info("spool: {} committed: {} records, {} new or follow-up, {} unchanged, {} quarantined{}", LogText(name),
               outcome->counts.records, outcome->counts.accepted, outcome->counts.unchanged,
               outcome->counts.quarantined,
               outcome->released ? fmt::format(", {} held records released", outcome->released) : "");
  // What was committed is the bytes read. A producer that appended after
  // the rename left more: the file is ingested again, not moved.
  struct stat now {};
  const bool same = ::lstat(path.c_str(), &now) == 0 && SameVersion(read->st, now) &&
                    static_cast<std::uintmax_t>(read->st.st_size) == bytes.size();
  if (!same) {
    spdlog::warn("spool: {} changed while it was ingested ({} bytes read, {} now); ingesting it again", LogText(name),
                 bytes.size(), static_cast<std::uintmax_t>(now.st_size));
    Enqueue(name);
    return;
  }
  if (Status s = MoveInto(path, dirs_.done, name, tag); !s.ok())
    spdlog::error("spool: {}", LogText(s.message(), kLogMessageMax));
}

}  // namespace vigil::spool
