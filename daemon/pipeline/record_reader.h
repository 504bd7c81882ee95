// A delivery's records, a part at a time. A spool file of a quarter of a
// million lab rows is read and processed in parts inside its one
// transaction, so that what the daemon holds is bounded by a part, not by
// the file (docs/design.md, "Memory").
#pragma once

#include <cstddef>
#include <vector>

#include "daemon/pipeline/batch.h"
#include "rules/status.h"

namespace vigil {

class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // Up to `limit` (at least 1) more records into `part` (cleared first), in
  // delivery order, each numbered from the delivery's first: true when it
  // gave any, false when none is left. A failure means the delivery cannot
  // be read as its format at all, found only when reading got there: the
  // whole delivery is refused, the parts before included.
  virtual Result<bool> Next(std::vector<InboundRecord>& part, std::size_t limit) = 0;
};

}  // namespace vigil
