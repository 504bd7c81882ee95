// The reference ORU^R01 messages (shared reference formats.md §2.4,
// tests/data/hl7/) moved into the example trial: subject ESCC2L-01-001 of
// config/example/feeds/01-enrolment.dm.csv (first dose 2026-03-02), study
// ESCC2L, dates one year later so the results fall after the first dose.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace vigil::testing {

inline std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

inline std::string ReadTestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Reference message n (1, 2 or 3) for the example trial; segments end in CR.
inline std::string TrialMessage(int n) {
  std::string m = ReadTestFile(std::string(VIGIL_TEST_DATA) + "/hl7/reference_message" + std::to_string(n) + ".hl7");
  m = ReplaceAll(m, "XR17-0042-017^^^XR17^RI", "ESCC2L-01-001^^^ESCC2L^RI");
  m = ReplaceAll(m, "CTI|XR17^", "CTI|ESCC2L^");
  m = ReplaceAll(m, "|2025", "|2026");
  return m;
}

// Every result of a message given the status `status` (OBX-11), but for
// pending ones (I).
inline std::string WithResultStatus(std::string m, char status) {
  std::string out;
  std::size_t start = 0;
  while (start < m.size()) {
    std::size_t end = m.find('\r', start);
    if (end == std::string::npos) end = m.size();
    std::string seg = m.substr(start, end - start);
    if (seg.rfind("OBX|", 0) == 0) {
      std::size_t pos = 0;
      for (int i = 0; i < 11 && pos != std::string::npos; ++i) pos = seg.find('|', pos + 1);
      // A pending result (I) stays pending: it has no value to give a status to.
      if (pos != std::string::npos && seg.compare(pos + 1, 2, "I|") != 0) {
        const std::size_t next = seg.find('|', pos + 1);
        seg.replace(pos + 1, (next == std::string::npos ? seg.size() : next) - pos - 1, std::string(1, status));
      }
    }
    out += seg + (end < m.size() ? "\r" : "");
    start = end + 1;
  }
  return out;
}

// A message's MSH-10 replaced (a new message of the same content).
inline std::string WithControlId(const std::string& m, const std::string& from, const std::string& to) {
  return ReplaceAll(m, "|" + from + "|", "|" + to + "|");
}

}  // namespace vigil::testing
