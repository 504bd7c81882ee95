#include "daemon/large_buffers.h"

#include <malloc.h>

namespace vigil {

void KeepLargeBuffersInHeap() {
  // Setting either value turns off glibc's dynamic adjustment of both, so
  // both are set.
  ::mallopt(M_MMAP_THRESHOLD, 16 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

void ReturnFreedMemory() { ::malloc_trim(0); }

}  // namespace vigil
