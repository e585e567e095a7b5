// Copyright 2026 The tablestream Authors.

#include "bench/proc_stats.h"

#include <fstream>
#include <string>

namespace tablestream {

ProcIo ReadProcIo() {
  ProcIo io;
  std::ifstream in("/proc/self/io");
  std::string name;
  uint64_t value;
  while (in >> name >> value) {
    if (name == "wchar:") io.wchar = value;
    if (name == "write_bytes:") io.write_bytes = value;
  }
  return io;
}

uint64_t PeakRssKib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace tablestream
