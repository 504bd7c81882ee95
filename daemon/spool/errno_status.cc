#include "daemon/spool/errno_status.h"

#include <cerrno>
#include <cstring>

namespace vigil::spool {

Status ErrnoStatus(const std::string& what, int error) {
  std::string message = what + ": " + std::strerror(error);
  switch (error) {
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EROFS:
    case ENOMEM:
    case EMFILE:
    case ENFILE:
    case EAGAIN:
    case EBUSY: return Status::Unavailable(std::move(message));
    default: return Status::Io(std::move(message));
  }
}

}  // namespace vigil::spool
