// Copyright 2026 The tablestream Authors.
//
// The crash tester: runs a workload against an engine in a child process,
// kills the child with SIGKILL at random (seeded) moments, reopens the
// database in a fresh process and checks it against what the workload
// reported before the kill. `tablestream crash-test` runs the built-in
// workload (tools/crash/standard_workload.h); a program that builds on
// tablestream can crash-test its own logic the same way:
//
//   class MyWorkload : public tablestream::CrashWorkload {
//    public:
//     absl::Status Run(tablestream::Engine& engine, uint64_t seed,
//                      tablestream::CrashJournal& journal) override {
//       for (uint64_t i = 0;; ++i) {                  // until killed
//         std::string op = absl::StrCat("vote ", seed, "-", i);
//         journal.Begin(0, op);
//         ... write through `engine` ...
//         journal.Acknowledge(0, "ok");
//       }
//     }
//     absl::StatusOr<int64_t> Check(
//         tablestream::CrashCheckContext& context) override {
//       // Every acknowledged operation of context.history must be visible
//       // in *context.engine; unacknowledged ones may or may not be.
//       ...
//       return checks_made;  // or an error status: the diagnosis
//     }
//   };
//
//   tablestream::CrashTestOptions options;
//   options.seconds = 60;
//   auto summary = tablestream::RunCrashTest(workload, options);
//
// Processes: RunCrashTest forks a child per round and a checker per round;
// the calling process never opens RocksDB itself (a fork after RocksDB
// started its threads would leave the child with thread pools whose threads
// do not exist). So call it before opening any engine in the process, and
// give it a workload whose methods do all their work in the process they
// are called in. POSIX only.

#ifndef TABLESTREAM_CRASH_TEST_H_
#define TABLESTREAM_CRASH_TEST_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/engine.h"
#include "tablestream/options.h"

namespace tablestream {

// What a workload reports while it runs, so that the checker knows what was
// acknowledged. Each call is one write(2) to a journal file, complete before
// the call returns: a SIGKILL loses no report that was made. Thread-safe.
class CrashJournal {
 public:
  virtual ~CrashJournal() = default;
  // Before sending `op` (workload-defined text, any bytes) from worker
  // `thread` (a small number chosen by the workload).
  virtual void Begin(int thread, std::string_view op) = 0;
  // After `thread`'s latest begun operation was acknowledged, with its
  // workload-defined `outcome` (say "ok" or an exception name).
  virtual void Acknowledge(int thread, std::string_view outcome) = 0;
};

// One operation of the journal, as the checker sees it.
struct CrashJournalEntry {
  int round = 0;  // the round (child process) it was begun in
  int thread = 0;
  std::string op;
  // Set when the operation was acknowledged before the kill; unset: it was
  // in flight and may or may not have taken effect.
  std::optional<std::string> outcome;
};

// What the checker gets: the database reopened in a fresh process, and the
// journal of every round run on this database, in the order each thread
// began its operations (threads interleaved as they were written).
struct CrashCheckContext {
  Engine* engine = nullptr;
  std::vector<CrashJournalEntry> history;
  // Closes `engine` and opens the database again with `options` (for
  // example with a clock set in the future, to check retention), updating
  // `engine`. The checker must not write through such an engine.
  std::function<absl::Status(const Options& options)> reopen;
  // The options the child ran with.
  Options options;
};

class CrashWorkload {
 public:
  virtual ~CrashWorkload() = default;
  // Adjusts the engine options of the child and of the checker (called in
  // each of them before Engine::Open). The default keeps them.
  virtual void ConfigureOptions(Options* options) {}
  // Runs in the child: operations against `engine` until the process is
  // killed. `seed` differs per round. Returning OK ends the round early; an
  // error is a violation (its message is the diagnosis).
  virtual absl::Status Run(Engine& engine, uint64_t seed,
                           CrashJournal& journal) = 0;
  // Runs in a fresh process after each kill. Returns how many facts it
  // checked, or an error whose message is a precise diagnosis.
  virtual absl::StatusOr<int64_t> Check(CrashCheckContext& context) = 0;
};

struct CrashTestOptions {
  // The database directory; empty: a new temporary one, removed at the end
  // unless there was a violation.
  std::string db_path;
  uint64_t seed = 1;
  // Starts no round after this many seconds (0: no limit).
  double seconds = 60;
  // Stops after this many rounds (0: no limit). One of seconds and rounds
  // must be set.
  int rounds = 0;
  // Each child is killed after a uniformly random delay in
  // [min_kill_delay_ms, max_kill_delay_ms] from its start (open included).
  int min_kill_delay_ms = 0;
  int max_kill_delay_ms = 800;
  // After this many rounds the database is removed and a new one started,
  // so that checks (which read everything) stay fast in long runs.
  int rounds_per_database = 40;
  // The engine options of the child (durability, retention, rollover...).
  // `clock` must stay the default: it is not carried across processes.
  Options engine_options;
  // Runs no workload: only the checks, once, on the existing database at
  // `db_path` and its journal (say one kept after a violation).
  bool check_only = false;
  // Progress lines (one per round) go here when set.
  std::function<void(std::string_view line)> progress;
};

struct CrashTestSummary {
  int rounds = 0;
  int kills = 0;            // rounds that ended by SIGKILL
  int databases = 0;        // databases used
  int64_t operations = 0;   // acknowledged operations, all rounds
  int64_t checks = 0;       // facts the checker verified, all rounds
  double seconds = 0;       // wall time
  // Set when a check failed or the workload reported an error: the round,
  // the seed that reproduces it, and the checker's diagnosis.
  std::optional<std::string> violation;
};

// Runs rounds until `options.seconds` or `options.rounds` is reached or a
// violation is found. An error status only for a failure of the tester
// itself (a fork that failed, an unwritable directory).
absl::StatusOr<CrashTestSummary> RunCrashTest(CrashWorkload& workload,
                                              const CrashTestOptions& options);

}  // namespace tablestream

#endif  // TABLESTREAM_CRASH_TEST_H_
