// The spool directory source: watches the directory with inotify (through
// Asio), scans it at start so files that arrived while the daemon was down
// are ingested, and hands each file to the pipeline as one batch. A file
// leaves the spool only after its batch is committed: to done/, or — when it
// cannot be read at all — to quarantine/ with a reason file of its own (a
// second quarantined file of one name is kept as NAME.<tag> with its own
// NAME.<tag>.reason; nothing in quarantine/ is overwritten).
//
// Runs on the io_context thread that owns the pipeline; one file per handler,
// so a stop request is honoured between files: SIGTERM finishes the file in
// hand and leaves the rest of the queue in the spool for the next start.
//
// What is a delivery (spool_entry.h): a regular file with one name and a
// UTF-8 name, opened without following a link or blocking on a FIFO and
// checked on the open descriptor. A link (dangling or not), FIFO, socket,
// device or hard-linked file, and a name that is not UTF-8, is quarantined
// unread, its directory entry moved as it is (a link's target is never read
// or copied). A directory is logged once by name and left alone. A file
// whose bytes are not UTF-8 (rules/text/utf8.h) or that is empty (.csv and
// .jsonl alike) is quarantined whole with its reason, never retried.
//
// No file can crash-loop the daemon (in_hand.h): each file of 1 MiB or more
// (kInHandMinBytes) is written down as in hand, with its attempt count,
// before it is read; a file in hand when the daemon stopped
// kMaxIngestAttempts (3) times is quarantined unread with the reason "the
// daemon stopped 3 times while ingesting this file (it may exhaust memory)".
// Smaller files are not counted: a stop while one is in hand is an
// operator's kill or the machine's, and must not cost a valid delivery.
//
// Failures are classified, never lumped (docs/design.md, "Faults"): a fault
// in the content (a file that cannot be read as records) is quarantined
// with its reason; a fault of the environment (Status::kUnavailable: the
// disk is full or failing, the database busy or read-only, memory short)
// stalls ingestion with the file left in the spool, retried with backoff
// (1 s doubling to 60 s) and reported in STATE_DIR/ingest-stalled.json,
// which `vigilctl status` shows, until a delivery commits again. A file
// that changed while it was ingested (a producer that appended after the
// rename) is not moved: it is ingested again, its committed records then
// unchanged repeats.
//
// Safety first in the queue: adverse-event and demographics files (which
// carry SAEs and deaths) are taken before the waiting lab, vital-sign, ECG
// and exposure files, each class in arrival order, so that an SAE never
// waits behind a backlog of routine measurements. Nothing depends on the
// order across domains: a record of a subject not yet enrolled is held
// until its DM record arrives, and a subject is evaluated again whenever
// its AE, DM or EX records change.
#pragma once

#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <filesystem>
#include <set>
#include <string>

#include "daemon/clock.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/spool/in_hand.h"
#include "daemon/spool/spool_dirs.h"

namespace vigil::spool {

class SpoolSource {
 public:
  // A file over `max_file_bytes` is quarantined unread. The stall report
  // (StallReportPath) is written in `state_dir`, which the spool may be
  // outside of (feeds.spool.directory).
  SpoolSource(boost::asio::io_context& io, const std::filesystem::path& spool_dir,
              const std::filesystem::path& state_dir, Pipeline& pipeline, const Clock& clock,
              std::uintmax_t max_file_bytes = std::uintmax_t{256} << 20);
  ~SpoolSource();

  // Creates the directories, starts watching, queues what is already there.
  Status Start();
  // Stops watching; the file in hand (if any) is finished first.
  void Stop();

  // Files waiting to be ingested.
  std::size_t Backlog() const { return queued_.size(); }

  // Ingests one file now (used by the handlers; public for tests).
  void Ingest(const std::string& name);

 private:
  void Scan();
  void Enqueue(const std::string& name);
  // A directory in the spool: logged once (by name) and left alone; done/,
  // quarantine/ and hidden ones are not mentioned.
  void NoteDirectory(const std::string& name);
  void ProcessNext();
  void ReadEvents();
  void RetryLater();
  // A regular file with one name, listed as `listed` and written down as in
  // hand: read, parsed and committed, quarantined, or left for a retry.
  void IngestFile(const std::filesystem::path& path, const std::string& name, const struct stat& listed);
  // Records the delivery as unreadable and moves it to quarantine/ with its
  // reason; false when the store failed (the file stays: stalled or retried).
  bool Reject(const std::filesystem::path& path, const std::string& name, const store::BatchInfo& info,
              const std::string& tag, const std::string& reason);
  // Reject for an entry that is not read (not a delivery, too large, or one
  // that stopped the daemon): identified by name and size.
  bool QuarantineUnread(const std::filesystem::path& path, const std::string& name, const struct stat& st,
                        const std::string& reason);
  void MoveToQuarantine(const std::filesystem::path& path, const std::string& name, const std::string& tag,
                        const std::string& reason);
  // An environment fault while ingesting `name`: the file stays, ingestion
  // pauses and resumes after the backoff.
  void Stall(const std::string& name, const std::string& reason);
  // The queue `name` waits in: urgent (AE, DM) or routine.
  std::deque<std::string>& QueueOf(const std::string& name);
  void Resume();
  // A delivery committed: a stall, if there was one, is over.
  void Unstall();

  boost::asio::io_context& io_;
  SpoolDirs dirs_;
  std::filesystem::path state_dir_;
  Pipeline& pipeline_;
  const Clock& clock_;
  boost::asio::posix::stream_descriptor inotify_;
  boost::asio::steady_timer retry_timer_;
  boost::asio::steady_timer stall_timer_;
  alignas(8) char event_buffer_[64 * 1024];
  // Waiting files, by class (see above), each in arrival order; a name is
  // classified once, when it is queued.
  std::deque<std::string> urgent_, routine_;
  std::set<std::string> queued_;
  bool processing_ = false;
  bool stopped_ = false;
  // The current stall: since when, how many attempts; none when 0.
  struct StallState {
    int attempts = 0;
    std::string since, file, reason;
  } stall_;
  bool stalled_ = false;  // waiting for stall_timer_
  std::uintmax_t max_file_bytes_;
  InHandLog in_hand_;
  std::set<std::string> noted_directories_;
};

// Where a stall is reported for `vigilctl status`: STATE_DIR/ingest-stalled.json
// beside the spool directory.
std::filesystem::path StallReportPath(const std::filesystem::path& state_dir);

}  // namespace vigil::spool
