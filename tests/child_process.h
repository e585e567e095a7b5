// Copyright 2026 The tablestream Authors.
//
// Forked children for crash tests: a child runs a workload and reports what
// it does, one line at a time, on a pipe; the parent collects the lines and
// kills the child with SIGKILL after a chosen number of them. The test
// process itself never opens RocksDB (a fork after RocksDB started threads
// is unsafe): children do, one after another, on the same directory.
//
// Not thread-safe: one child at a time per test process.

#ifndef TABLESTREAM_TESTS_CHILD_PROCESS_H_
#define TABLESTREAM_TESTS_CHILD_PROCESS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tablestream/engine.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {

// What every crash test starts with: its seed, TestSeed(default_seed) (so
// TABLESTREAM_TEST_SEED overrides it), named with how to rerun it in every
// failure of the test while this object lives; and the path of a database in
// a fresh temporary directory, removed with this object.
class CrashTestDb {
 public:
  explicit CrashTestDb(uint64_t default_seed);
  CrashTestDb(const CrashTestDb&) = delete;
  CrashTestDb& operator=(const CrashTestDb&) = delete;

  uint64_t seed() const { return seed_; }
  const std::string& path() const { return path_; }

 private:
  const uint64_t seed_;
  ::testing::ScopedTrace trace_;
  TempDir dir_;
  const std::string path_;
};

// In a child: writes `line` and a newline to `fd` (atomically: lines are
// short). In lockstep mode, then waits for the parent's go.
void Report(int fd, const std::string& line);

// In a child: reports "error <what>: <status>" and exits with status 2.
[[noreturn]] void Die(int fd, const std::string& what,
                      const absl::Status& status);

// Runs `child(fd)` in a forked process and collects its lines; kills it with
// SIGKILL once `kill_after` lines arrived (never if negative). With
// `lockstep`, the child waits after each line until the parent has read it,
// so the kill lands right after line `kill_after`; without it, the child runs
// on and the kill lands at an arbitrary point of its work. Adds a gtest
// failure if an unkilled child fails or any line starts with "error".
// Returns the lines.
std::vector<std::string> RunChild(const std::function<void(int)>& child,
                                  int kill_after, bool lockstep = false);

// Options for a crash-test child: a test clock, no background retention
// task, non-durable writes (a process kill keeps them anyway).
Options CrashChildOptions();

// In a child: opens the engine at `path` with CrashChildOptions(), or Die()s.
std::unique_ptr<Engine> OpenOrDie(const std::string& path, int fd);

// In a child: creates each table, keyed by the string attribute `key`, with
// a stream of its view (none if nullopt), or Die()s.
using TableViews =
    std::vector<std::pair<std::string, std::optional<StreamViewType>>>;
void CreateTablesOrDie(Engine& engine, const std::string& key,
                       const TableViews& tables, int fd);

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_CHILD_PROCESS_H_
