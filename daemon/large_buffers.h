// The allocator policy for the daemon's large, short-lived buffers: an HTTP
// response body (the summary of a 1,000-subject trial is about 0.8 MB) is
// allocated for each request and freed once written. With glibc's defaults
// such a buffer is mmap'ed and unmapped again, or the arena holding it is
// trimmed as soon as a few are freed at once, so every request faults in
// every page of its body afresh: measured with bench/api_bench, that cost
// more than half of vigild's CPU time serving GET /api/v1/summary.
#pragma once

namespace vigil {

// Buffers up to 16 MiB come from the heap and up to 64 MiB of freed memory
// stays there to be reused. Call once at the start of main.
void KeepLargeBuffersInHeap();

// Gives the freed heap back to the system (glibc's malloc_trim), beyond
// what KeepLargeBuffersInHeap keeps: called after the rare, large pieces of
// work (a spool file committed, the current summary computed), so that the
// daemon's resident set falls back to what it holds, not stays at its peak.
void ReturnFreedMemory();

}  // namespace vigil
