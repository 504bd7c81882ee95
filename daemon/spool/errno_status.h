// One reading of a failed system call for the spool: a full or failing
// disk, a read-only file system, running out of memory or descriptors, a
// busy resource are faults of the environment (Status::kUnavailable: the
// file stays and is retried once they clear); any other errno is kIo.
#pragma once

#include <string>

#include "rules/status.h"

namespace vigil::spool {

// `what` and the errno's text, classified as above.
Status ErrnoStatus(const std::string& what, int error);

}  // namespace vigil::spool
