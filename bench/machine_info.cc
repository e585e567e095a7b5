// Copyright 2026 The tablestream Authors.

#include "bench/machine_info.h"

#include <fcntl.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tablestream {

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

SyncProbe ProbeSync(const std::string& dir) {
  const std::string path = dir + "/sync_probe";
  const int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) return {};
  const std::string block(4096, 'x');
  std::vector<double> micros;
  for (int i = 0; i < 50; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (write(fd, block.data(), block.size()) < 0 || fdatasync(fd) != 0) break;
    micros.push_back(std::chrono::duration<double, std::micro>(
                         std::chrono::steady_clock::now() - start)
                         .count());
  }
  close(fd);
  unlink(path.c_str());
  if (micros.empty()) return {};
  std::sort(micros.begin(), micros.end());
  return {micros[micros.size() / 2], micros.front()};
}

std::string MachineLine(const std::string& dir) {
  utsname u;
  uname(&u);
  struct statfs fs;
  const bool tmpfs = statfs(dir.c_str(), &fs) == 0 && fs.f_type == 0x01021994;
  return absl::StrCat(std::thread::hardware_concurrency(), " cpus, ",
                      u.sysname, " ", u.release, ", load ", LoadAverage(),
                      "; dir ", dir,
                      tmpfs ? " (tmpfs: syncs cost nothing!)" : "");
}

}  // namespace tablestream
