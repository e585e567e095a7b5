// Copyright 2026 The tablestream Authors.
//
// Process figures from /proc for the benchmarks: bytes written (per
// /proc/self/io) and peak resident memory (VmHWM), which can be reset so
// each case reports its own peak. Linux only; zeros if /proc is missing.
//
// Thread-safe (reads files).

#ifndef TABLESTREAM_BENCH_PROC_STATS_H_
#define TABLESTREAM_BENCH_PROC_STATS_H_

#include <cstdint>

namespace tablestream {

struct ProcIo {
  uint64_t wchar = 0;        // bytes passed to write(2) and similar
  uint64_t write_bytes = 0;  // bytes the process caused to go to storage
};
ProcIo ReadProcIo();

// VmHWM of this process, in KiB.
uint64_t PeakRssKib();
// Resets VmHWM to the current RSS (writes "5" to /proc/self/clear_refs).
void ResetPeakRss();

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_PROC_STATS_H_
