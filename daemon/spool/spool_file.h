// What a spool file holds, from its name, and the records parsed out of it.
//
// Names: `<anything>.<domain>.csv` or `<anything>.<domain>.jsonl`, domain one
// of dm ex ae lb vs eg, or `<anything>.hl7`: HL7 v2 ORU^R01 lab results, one
// or more messages (product spec, "Spool directory"). An HL7 message that
// is not an ORU^R01 at all (what MLLP answers AR) is a record of its own,
// quarantined with that reason; the file is rejected whole only when no
// message in it can be read. Results not stored (pending, status I) leave
// no record (rules/hl7/README.md). Parsing never
// fails for one bad record: a malformed row or line becomes a record with
// parse problems, to be quarantined; so does every record of a CSV file
// whose header names a column twice, and a JSON line that gives a member
// twice (names compared without case): which value was meant cannot be
// told. It fails for the whole file only when the file cannot be read as
// its format at all.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/pipeline/batch.h"
#include "daemon/pipeline/record_reader.h"
#include "rules/status.h"

namespace vigil::spool {

enum class Format { kCsv, kJsonLines, kHl7 };

// How many records of a domain the spool processes at a time (pipeline.h,
// Process with a RecordReader). A lab, vital-sign or ECG record costs about
// 1.5 KB while its part is processed: 10,000 are about 15 MB. A DM, EX or
// AE record also has its subject's timeline built again from the subject's
// whole history, held until the part's alerts are written (late in a trial
// some 70 KB a subject), so their parts are of 500 records.
inline constexpr std::size_t kRecordsPerPart = 10000;
inline constexpr std::size_t kSubjectRecordsPerPart = 500;
constexpr std::size_t RecordsPerPart(Domain domain) {
  return domain == Domain::kDm || domain == Domain::kEx || domain == Domain::kAe ? kSubjectRecordsPerPart
                                                                                 : kRecordsPerPart;
}

struct FileKind {
  Domain domain;
  Format format;
};

// Files the spool leaves alone until renamed: hidden (".x") and "*.tmp",
// "*.part" files that a producer is still writing.
bool IsInProgressName(std::string_view name);

// The kind of a file, or a message saying why the name does not tell.
Result<FileKind> ClassifyName(std::string_view name);

// Parses a whole file. Fails (the file goes to quarantine/ whole) when the
// bytes are not UTF-8 text (rules/text/utf8.h; the message gives the byte
// offset), hold a NUL byte, are empty, or are not CSV/JSON lines at all.
//
// Empty means nothing but white space (and a byte-order mark), .csv and
// .jsonl alike: not a delivery of nothing but a quarantined file, because a
// failed or cut-short export looks the same and someone must look. A CSV
// file with its header and no row is a delivery of nothing: committed with
// zero records.
// `study_id` is the trial's, for HL7 files (rules/hl7/oru.h).
//
// OpenFile checks what can be told of the whole file at once (the text, the
// CSV header) and gives a reader of its records a part at a time: a CSV or
// JSON lines file is parsed as it is read, an HL7 file (messages are small)
// at once. A CSV row that cannot be read at all, or JSON lines of which none
// is an object, fail the part that reaches them: the file is refused whole.
// ParseFile reads every part.
Result<std::unique_ptr<RecordReader>> OpenFile(const FileKind& kind, std::string_view bytes,
                                               std::string_view study_id = {});
Result<std::vector<InboundRecord>> ParseFile(const FileKind& kind, std::string_view bytes,
                                             std::string_view study_id = {});

}  // namespace vigil::spool
