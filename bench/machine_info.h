// Copyright 2026 The tablestream Authors.
//
// What the benchmarks print about the machine, because other load and the
// device's sync latency move every figure: the load average and a probe of
// the cost of one small durable append.
//
// Thread-safe (reads files; the probe uses its own file).

#ifndef TABLESTREAM_BENCH_MACHINE_INFO_H_
#define TABLESTREAM_BENCH_MACHINE_INFO_H_

#include <string>

namespace tablestream {

// The first three fields of /proc/loadavg, e.g. "1.03 1.23 0.67".
std::string LoadAverage();

struct SyncProbe {
  double median_micros = 0;
  double min_micros = 0;
};

// Times 50 rounds of a 4 KiB append + fdatasync in `dir`: the device's floor
// for one durable commit, which other work on the machine (and, in a VM, the
// host) moves a lot.
SyncProbe ProbeSync(const std::string& dir);

// "2 cpus, Linux 6.1.0, load 1.03 1.23 0.67; dir /tmp" plus a warning if
// `dir` is on tmpfs (where syncs cost nothing).
std::string MachineLine(const std::string& dir);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_MACHINE_INFO_H_
