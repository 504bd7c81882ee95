// Loaded into vigild with LD_PRELOAD by tests/daemon/faults_e2e_test.cc in
// the instrumented build: while the file named by VIGIL_FAULT_FLAG exists,
// `operator new` refuses (throws std::bad_alloc, or returns null for the
// nothrow forms) any request that would take the bytes it has handed out and
// not yet taken back beyond the number the flag file holds, counted from
// the moment the file appeared. Bytes given back make room again, as pages
// returned to the kernel do under an address-space limit.
//
// Why not the real thing: the ordinary build lowers RLIMIT_AS on the running
// daemon, and that test runs there. Under AddressSanitizer no limit can be
// made that the daemon could survive: the runtime reserves its heap at start,
// out of RLIMIT_AS's sight; under RLIMIT_DATA its own bookkeeping fails and
// ends the process ("Failed to mmap"); and its `operator new` reports an
// allocation it cannot serve and aborts, whatever allocator_may_return_null
// says, instead of throwing. These forms allocate with the sanitizer's
// malloc, so every byte is still checked; everything else — vigild, SQLite,
// the daemon's handling of std::bad_alloc — is real.
#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace {

std::atomic<std::size_t> handed_out{0};  // bytes given by operator new and not yet deleted
std::atomic<std::size_t> ceiling{0};     // 0: no shortage
std::atomic<long> next_look_ns{0};       // when to look for the flag file again

long NowNs() {
  timespec t{};
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
  return t.tv_sec * 1'000'000'000L + t.tv_nsec;
}

// The flag file is looked at every 10 ms at most: a shortage begins or ends
// within that time of the test's saying so.
void LookAtFlag() {
  const long now = NowNs();
  long due = next_look_ns.load(std::memory_order_relaxed);
  if (now < due || !next_look_ns.compare_exchange_strong(due, now + 10'000'000L)) return;
  const char* flag = std::getenv("VIGIL_FAULT_FLAG");
  std::FILE* f = flag != nullptr ? std::fopen(flag, "r") : nullptr;
  if (f == nullptr) {
    ceiling.store(0);
    return;
  }
  unsigned long long allowance = 0;
  const bool read = std::fscanf(f, "%llu", &allowance) == 1;
  std::fclose(f);
  if (read && ceiling.load() == 0) ceiling.store(handed_out.load() + allowance);
}

bool Refused(std::size_t size) {
  LookAtFlag();
  const std::size_t limit = ceiling.load(std::memory_order_relaxed);
  return limit != 0 && handed_out.load(std::memory_order_relaxed) + size > limit;
}

void* Take(std::size_t size, std::size_t alignment) {
  if (Refused(size)) return nullptr;
  void* p = nullptr;
  if (alignment <= alignof(std::max_align_t)) {
    p = std::malloc(size == 0 ? 1 : size);
  } else if (::posix_memalign(&p, alignment, size == 0 ? 1 : size) != 0) {
    p = nullptr;
  }
  if (p != nullptr) handed_out.fetch_add(::malloc_usable_size(p), std::memory_order_relaxed);
  return p;
}

void* TakeOrThrow(std::size_t size, std::size_t alignment) {
  void* p = Take(size, alignment);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void Give(void* p) noexcept {
  if (p == nullptr) return;
  handed_out.fetch_sub(::malloc_usable_size(p), std::memory_order_relaxed);
  std::free(p);
}

constexpr std::size_t kPlain = alignof(std::max_align_t);

}  // namespace

void* operator new(std::size_t size) { return TakeOrThrow(size, kPlain); }
void* operator new[](std::size_t size) { return TakeOrThrow(size, kPlain); }
void* operator new(std::size_t size, std::align_val_t a) { return TakeOrThrow(size, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t size, std::align_val_t a) { return TakeOrThrow(size, static_cast<std::size_t>(a)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return Take(size, kPlain); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return Take(size, kPlain); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return Take(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return Take(size, static_cast<std::size_t>(a));
}

void operator delete(void* p) noexcept { Give(p); }
void operator delete[](void* p) noexcept { Give(p); }
void operator delete(void* p, std::size_t) noexcept { Give(p); }
void operator delete[](void* p, std::size_t) noexcept { Give(p); }
void operator delete(void* p, std::align_val_t) noexcept { Give(p); }
void operator delete[](void* p, std::align_val_t) noexcept { Give(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { Give(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { Give(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { Give(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { Give(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { Give(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { Give(p); }
