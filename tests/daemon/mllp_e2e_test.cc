// HL7 v2 over MLLP against the real vigild, with Debian's python3-hl7 client
// (/usr/bin/mllp_send, run under /usr/bin/python3) and raw sockets: ACK
// codes, labs stored and graded, a correction that withdraws the Hy's-law
// alert, preliminary results that raise nothing, broken frames while other
// connections are served, limits, and a SIGKILL between commit and ACK.
// mllp_send missing is a failure, not a skip: scripts/setup.sh installs it.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "daemon_process.h"
#include "hl7_fixtures.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

constexpr const char* kMllpSend = "/usr/bin/mllp_send";

std::string Framed(const std::string& message) { return "\x0b" + message + "\x1c\r"; }

class MllpE2ETest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kMllpSend))
        << kMllpSend << " is missing: install python3-hl7 (scripts/setup.sh)";
  }

  // Starts vigild listening on a free loopback port; reads the port it
  // wrote to STATE/mllp.port.
  void Start(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"--mllp", "127.0.0.1:0"});
    std::filesystem::remove(dir_.path() / "mllp.port");
    daemon_ = std::make_unique<DaemonProcess>(dir_.path(), args);
    for (const auto& [k, v] : env_) daemon_->set_env(k, v);
    ASSERT_TRUE(daemon_->Start()) << ReadFileText(daemon_->log_path().string());
    port_ = std::stoi(ReadFileText((dir_.path() / "mllp.port").string()));
    ASSERT_GT(port_, 0);
  }

  void Enrol() {
    Deliver(dir_.path() / "spool", "01-enrolment.dm.csv",
            ReadTestFile(std::string(VIGIL_SOURCE_DIR) + "/config/example/feeds/01-enrolment.dm.csv"));
    ASSERT_TRUE(WaitForSpoolEmpty(dir_.path() / "spool", std::chrono::seconds(20), daemon_.get()));
  }

  // mllp_send with a file of framed messages; its output (one raw ACK per
  // message).
  std::string Send(const std::vector<std::string>& messages) {
    std::string file;
    for (const std::string& m : messages) file += Framed(m);
    const auto path = dir_.path() / ("send-" + std::to_string(++sends_) + ".mllp");
    WriteFile(path, file);
    const CommandResult r = RunCommand("timeout 20 /usr/bin/python3 " + std::string(kMllpSend) + " --port " +
                                       std::to_string(port_) + " --file " + path.string() + " 127.0.0.1 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.out;
  }

  json Status() {
    const CommandResult r = Vigilctl(dir_.path(), "status --format json");
    EXPECT_EQ(r.exit_code, 0);
    return json::parse(r.out, nullptr, false);
  }

  json Alerts(const std::string& state) {
    const CommandResult r = Vigilctl(dir_.path(), "alerts --state " + state + " --format json");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return json::parse(r.out, nullptr, false);
  }

  int CountAlerts(const std::string& state, const std::string& kind) {
    int n = 0;
    for (const json& a : Alerts(state)) n += a.value("kind", "") == kind;
    return n;
  }

  std::string Grade(const std::string& record_key, const std::string& term) {
    const CommandResult r = Vigilctl(dir_.path(), "grades --subject ESCC2L-01-001 --format json");
    json doc = json::parse(r.out, nullptr, false);
    for (const json& g : doc["grades"]) {
      if (g["record_key"] == record_key && g["term"] == term) return g["grade"].is_null() ? "NA" : g["grade"].dump();
    }
    return "none";
  }

  // A raw TCP connection to the listener.
  int Connect() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return fd;
  }
  static void SendRaw(int fd, const std::string& bytes) {
    EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
  }
  // Reads one framed ACK; "" on EOF or timeout; `eof` says whether the peer
  // closed.
  static std::string ReadAck(int fd, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                             bool* eof = nullptr) {
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (eof) *eof = false;
    while (got.find("\x1c\r") == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return "";
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return "";
      char buf[4096];
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        if (eof) *eof = true;
        return "";
      }
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  }
  // Whether the peer closes the connection within `timeout`.
  static bool ClosedWithin(int fd, std::chrono::milliseconds timeout) {
    bool eof = false;
    const std::string more = ReadAck(fd, timeout, &eof);
    return eof && more.empty();
  }

  TempDir dir_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::vector<std::pair<std::string, std::string>> env_;
  int port_ = 0;
  int sends_ = 0;
};

TEST_F(MllpE2ETest, AcknowledgedAfterCommitStoredAndGraded) {
  Start();
  Enrol();
  const std::string out = Send({TrialMessage(1), TrialMessage(2)});
  EXPECT_NE(out.find("MSA|AA|RGH-L-000731"), std::string::npos) << out;
  EXPECT_NE(out.find("MSA|AA|CL-20250321-000318"), std::string::npos) << out;
  // The ACK is sent from the receiver's side: applications swapped.
  EXPECT_NE(out.find("MSH|^~\\&|SAFETYMON|TRIAL_XR17^2.16.840.1.113883.3.9999.2^ISO|CLINLAB|RIVERSIDE_GH"),
            std::string::npos)
      << out;
  // The pending platelets of message 2 are reported, not stored.
  EXPECT_NE(out.find("ERR||OBX^5^11|207^"), std::string::npos) << out;

  json status = Status();
  EXPECT_EQ(status["records"]["lb"], 11);  // 6 + 5 (the pending result is not one)
  EXPECT_EQ(status["deliveries"]["mllp"], 2);
  EXPECT_EQ(status["deliveries"]["spool"], 1);
  EXPECT_EQ(status["deliveries"]["http"], 0);
  EXPECT_EQ(Grade("FL55012/1742-6", "Alanine aminotransferase increased"), "2");
  EXPECT_EQ(Grade("CL-8821044/751-8", "Neutrophil count decreased"), "4");
  EXPECT_EQ(Grade("CL-8821044/731-0", "Lymphocyte count decreased"), "4");  // "<0.2", graded at its worst
  EXPECT_EQ(CountAlerts("open", "hys_law"), 1);
  EXPECT_EQ(CountAlerts("open", "lab_critical"), 2);
  // No hospital number was stored.
  EXPECT_EQ(ReadFileText((dir_.path() / "vigil.db").string()).find("RGH00448812"), std::string::npos);
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, CorrectionSupersedesAndWithdrawsTheHysLawAlert) {
  Start();
  Enrol();
  EXPECT_NE(Send({TrialMessage(1)}).find("MSA|AA|RGH-L-000731"), std::string::npos);
  ASSERT_EQ(CountAlerts("open", "hys_law"), 1);
  // The correction of ALT (reference message 3) and of AST in one message:
  // no transaminase > 3 x ULN is left (AST alone would keep the case open:
  // tests/daemon/hl7_safety_test.cc).
  std::string correction = TrialMessage(3);
  correction = ReplaceAll(correction, "\rNTE|",
                          "\rOBX|2|NM|1920-8^AST^LN||95|U/L^U/L^UCUM|10-40|H|||C|||20260314071500-0500\rNTE|");
  const std::string out = Send({correction});
  EXPECT_NE(out.find("MSA|AA|RGH-L-000779"), std::string::npos) << out;
  EXPECT_EQ(Grade("FL55012/1742-6", "Alanine aminotransferase increased"), "1");
  EXPECT_EQ(CountAlerts("open", "hys_law"), 0);
  EXPECT_EQ(CountAlerts("withdrawn", "hys_law"), 1);
  json status = Status();
  EXPECT_EQ(status["records"]["lb"], 6);
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, PreliminaryResultsRaiseNothing) {
  Start();
  Enrol();
  const std::string out = Send({WithResultStatus(TrialMessage(1), 'P'), WithResultStatus(TrialMessage(2), 'P')});
  EXPECT_NE(out.find("MSA|AA|RGH-L-000731"), std::string::npos) << out;
  EXPECT_NE(out.find("MSA|AA|CL-20250321-000318"), std::string::npos) << out;
  EXPECT_EQ(Grade("CL-8821044/751-8", "Neutrophil count decreased"), "4");  // graded and shown
  EXPECT_EQ(Alerts("all").size(), 0u);
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, RejectedAndInvalidMessagesGetTheirAnswers) {
  Start();
  Enrol();
  const std::string training = ReplaceAll(TrialMessage(1), "|RGH-L-000731|P|", "|RGH-T-1|T|");
  const std::string adt = "MSH|^~\\&|L|F|R|G|20260101||ADT^A01|ADT-1|P|2.5.1\rPID|1||X";
  const std::string bad_value =
      ReplaceAll(WithControlId(TrialMessage(3), "RGH-L-000779", "RGH-BAD-1"), "||87|", "||8 7|");
  const std::string out = Send({training, adt, bad_value});
  EXPECT_NE(out.find("MSA|AR|RGH-T-1"), std::string::npos) << out;
  EXPECT_NE(out.find("202^Unsupported processing id^HL70357"), std::string::npos) << out;
  EXPECT_NE(out.find("MSA|AR|ADT-1"), std::string::npos) << out;
  EXPECT_NE(out.find("200^Unsupported message type^HL70357"), std::string::npos) << out;
  EXPECT_NE(out.find("MSA|AE|RGH-BAD-1"), std::string::npos) << out;
  EXPECT_NE(out.find("ERR||OBX^1^5|102^Data type error^HL70357|E"), std::string::npos) << out;
  json status = Status();
  EXPECT_EQ(status["records"]["lb"], 0);
  EXPECT_EQ(status["quarantined"], 3);  // two rejected deliveries and one record
  EXPECT_EQ(status["deliveries"]["mllp"], 3);
  const CommandResult q = Vigilctl(dir_.path(), "quarantine");
  EXPECT_NE(q.out.find("is not a number"), std::string::npos) << q.out;
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, BrokenFramesAreAnsweredWhileOtherConnectionsAreServed) {
  Start();
  Enrol();
  int a = Connect();
  // Noise before a frame, and a frame that is not HL7: AR, connection kept.
  SendRaw(a, "garbage before the frame" + Framed("this is not HL7"));
  std::string ack = ReadAck(a);
  EXPECT_NE(ack.find("\rMSA|AR|"), std::string::npos) << ack;
  EXPECT_NE(ack.find("does not begin with an MSH segment"), std::string::npos) << ack;
  // Half a message, then nothing for a while...
  const std::string framed = Framed(TrialMessage(1));
  SendRaw(a, framed.substr(0, 100));
  // ...while another sender is served.
  const std::string out = Send({TrialMessage(2)});
  EXPECT_NE(out.find("MSA|AA|CL-20250321-000318"), std::string::npos) << out;
  // The rest of the frame, in pieces, then a second frame with a missing CR
  // after FS coalesced in the same write.
  SendRaw(a, framed.substr(100, 300));
  SendRaw(a, framed.substr(400));
  ack = ReadAck(a);
  EXPECT_NE(ack.find("\rMSA|AA|RGH-L-000731\r"), std::string::npos) << ack;
  SendRaw(a, "\x0b" + TrialMessage(3) + "\x1c");
  ack = ReadAck(a);
  EXPECT_NE(ack.find("\rMSA|AA|RGH-L-000779\r"), std::string::npos) << ack;
  ::close(a);
  json status = Status();
  EXPECT_EQ(status["records"]["lb"], 11);
  EXPECT_EQ(status["deliveries"]["mllp"], 4);  // the AR frame is recorded too
  const std::string log = ReadFileText(daemon_->log_path().string());
  EXPECT_NE(log.find("bytes outside a frame discarded"), std::string::npos);
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, LimitsOversizedIdleAndConnections) {
  std::string config = ReadTestFile(std::string(VIGIL_SOURCE_DIR) + "/config/example/escc2l.json");
  const std::string spool = "\"spool\": { \"enabled\": true }";
  ASSERT_NE(config.find(spool), std::string::npos);
  config = ReplaceAll(config, spool,
                      spool +
                          ", \"mllp\": { \"max_message_bytes\": 2048, \"idle_timeout_seconds\": 2, "
                          "\"max_connections\": 2 }");
  WriteFile(dir_.path() / "trial.json", config);
  Start({"--config", (dir_.path() / "trial.json").string()});
  Enrol();

  // Oversized: AR with the reason, then the connection is closed.
  int big = Connect();
  SendRaw(big, Framed(TrialMessage(1) + std::string(3000, 'x')));
  const std::string ack = ReadAck(big);
  EXPECT_NE(ack.find("\rMSA|AR|"), std::string::npos) << ack;
  EXPECT_NE(ack.find("exceeds 2048 bytes"), std::string::npos) << ack;
  EXPECT_TRUE(ClosedWithin(big, std::chrono::seconds(5)));
  ::close(big);

  // Two connections open: a third is closed on arrival; the two still work.
  int one = Connect(), two = Connect();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int three = Connect();
  EXPECT_TRUE(ClosedWithin(three, std::chrono::seconds(5)));
  ::close(three);
  SendRaw(two, Framed(TrialMessage(3)));
  EXPECT_NE(ReadAck(two).find("MSA|AA|RGH-L-000779"), std::string::npos);
  // Idle for longer than 2 s: closed by the daemon.
  EXPECT_TRUE(ClosedWithin(one, std::chrono::seconds(6)));
  ::close(one);
  ::close(two);
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, KilledBetweenCommitAndAckLosesNothing) {
  // The test hook holds each ACK 5 s after its commit: the window a crash
  // may fall in.
  env_.emplace_back("VIGIL_TEST_MLLP_ACK_DELAY_MS", "5000");
  Start();
  Enrol();
  int c = Connect();
  SendRaw(c, Framed(TrialMessage(1)));
  // Committed...
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (Status()["records"]["lb"] != 6 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(Status()["records"]["lb"], 6);
  // ...not acknowledged: killed now.
  daemon_->Kill();
  bool eof = false;
  EXPECT_EQ(ReadAck(c, std::chrono::seconds(5), &eof), "");
  EXPECT_TRUE(eof);
  ::close(c);

  // The sender sends it again to the restarted daemon: AA, nothing twice.
  env_.clear();
  Start();
  const std::string out = Send({TrialMessage(1)});
  EXPECT_NE(out.find("MSA|AA|RGH-L-000731"), std::string::npos) << out;
  json status = Status();
  EXPECT_EQ(status["records"]["lb"], 6);
  EXPECT_EQ(status["deliveries"]["mllp"], 1);
  EXPECT_EQ(CountAlerts("all", "hys_law"), 1);
  const CommandResult versions = Vigilctl(dir_.path(), "status");
  EXPECT_NE(versions.out.find("lb            6         6"), std::string::npos) << versions.out;
  EXPECT_EQ(daemon_->Stop(), 0);
}

TEST_F(MllpE2ETest, Hl7SpoolFileIsOneBatch) {
  Start();
  Enrol();
  // Two messages in one file, LF line ends (edited by hand).
  const std::string file = ReplaceAll(TrialMessage(1) + TrialMessage(2), "\r", "\n");
  Deliver(dir_.path() / "spool", "lab-20260321.hl7", file);
  ASSERT_TRUE(WaitForSpoolEmpty(dir_.path() / "spool", std::chrono::seconds(20), daemon_.get()));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "spool" / "done" / "lab-20260321.hl7"));
  json status = Status();
  EXPECT_EQ(status["records"]["lb"], 11);
  EXPECT_EQ(status["deliveries"]["spool"], 2);
  EXPECT_EQ(status["deliveries"]["mllp"], 0);
  EXPECT_EQ(Grade("CL-8821044/751-8", "Neutrophil count decreased"), "4");
  // A file with no readable message is quarantined whole.
  Deliver(dir_.path() / "spool", "junk.hl7", "not hl7 at all\n");
  ASSERT_TRUE(WaitForSpoolEmpty(dir_.path() / "spool", std::chrono::seconds(20), daemon_.get()));
  const std::string reason = ReadFileText((dir_.path() / "spool" / "quarantine" / "junk.hl7.reason").string());
  EXPECT_NE(reason.find("not HL7"), std::string::npos) << reason;
  EXPECT_EQ(daemon_->Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
