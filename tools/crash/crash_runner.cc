// Copyright 2026 The tablestream Authors.
//
// RunCrashTest: the fork, kill and check loop. Each round:
//  1. the parent appends "R <round>" to the journal and forks the child;
//  2. the child opens the engine and runs the workload, reporting to the
//     journal; it holds the write end of a status pipe, so the parent's
//     poll() on the read end returns when the child dies or the kill delay
//     passes, without sleeping;
//  3. the parent SIGKILLs the child (unless it already ended) and reaps it;
//  4. a forked checker reopens the database, reads the journal and runs the
//     workload's checks; it writes "OK <checks>" or "FAIL <diagnosis>" on a
//     pipe.
// The parent never opens RocksDB.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tablestream/crash_test.h"
#include "tools/crash/crash_journal.h"

namespace tablestream {
namespace {

using WallClock = std::chrono::steady_clock;

std::string JournalPath(const std::string& db_path) {
  return db_path + ".journal";
}

// Writes all of `text` to `fd`, ignoring errors (the reader sees EOF).
void WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0 && errno != EINTR) return;
    if (n > 0) done += n;
  }
}

// Reads `fd` to EOF.
std::string ReadAll(int fd) {
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      out.append(buffer, n);
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

absl::Status Errno(const std::string& what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

// The seed of round `round`'s workload: distinct per round and per seed.
uint64_t RoundSeed(uint64_t seed, int round) {
  std::seed_seq mix{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                    static_cast<uint32_t>(round)};
  uint32_t out[2];
  mix.generate(out, out + 2);
  return (static_cast<uint64_t>(out[0]) << 32) | out[1];
}

// Child side of a workload round. Never returns.
[[noreturn]] void RunChild(CrashWorkload& workload,
                           const CrashTestOptions& options,
                           const std::string& db_path, uint64_t seed,
                           int status_fd) {
  Options engine_options = options.engine_options;
  workload.ConfigureOptions(&engine_options);
  absl::StatusOr<std::unique_ptr<crash::FileCrashJournal>> journal =
      crash::FileCrashJournal::Open(JournalPath(db_path));
  if (!journal.ok()) {
    WriteAll(status_fd, std::string(journal.status().message()));
    std::_Exit(3);
  }
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Open(engine_options, db_path);
  if (!engine.ok()) {
    WriteAll(status_fd, absl::StrCat("Engine::Open failed: ",
                                     engine.status().ToString()));
    std::_Exit(3);
  }
  absl::Status status = workload.Run(**engine, seed, **journal);
  if (!status.ok()) {
    WriteAll(status_fd, std::string(status.message()));
    std::_Exit(4);
  }
  engine->reset();
  std::_Exit(0);
}

// Checker side. Never returns.
[[noreturn]] void RunChecker(CrashWorkload& workload,
                             const CrashTestOptions& options,
                             const std::string& db_path, int result_fd) {
  auto fail = [&](const std::string& why) {
    WriteAll(result_fd, "FAIL " + why);
    std::_Exit(0);
  };
  CrashCheckContext context;
  context.options = options.engine_options;
  workload.ConfigureOptions(&context.options);
  absl::StatusOr<std::vector<CrashJournalEntry>> history =
      crash::ReadCrashJournal(JournalPath(db_path));
  if (!history.ok()) fail(std::string(history.status().message()));
  context.history = std::move(*history);
  Options check_options = context.options;
  check_options.retention_interval_seconds = 0;  // the checker only reads
  std::unique_ptr<Engine> engine;
  auto open = [&](const Options& o) -> absl::Status {
    engine.reset();
    context.engine = nullptr;
    absl::StatusOr<std::unique_ptr<Engine>> opened = Engine::Open(o, db_path);
    if (!opened.ok()) return opened.status();
    engine = std::move(*opened);
    context.engine = engine.get();
    return absl::OkStatus();
  };
  absl::Status opened = open(check_options);
  if (!opened.ok()) {
    fail(absl::StrCat("reopening after the kill failed: ", opened.ToString()));
  }
  context.reopen = [&](const Options& o) {
    Options reopen_options = o;
    reopen_options.retention_interval_seconds = 0;
    return open(reopen_options);
  };
  absl::StatusOr<int64_t> checks = workload.Check(context);
  if (!checks.ok()) fail(std::string(checks.status().message()));
  engine.reset();
  WriteAll(result_fd, absl::StrCat("OK ", *checks));
  std::_Exit(0);
}

}  // namespace

absl::StatusOr<CrashTestSummary> RunCrashTest(CrashWorkload& workload,
                                              const CrashTestOptions& options) {
  if (options.seconds <= 0 && options.rounds <= 0) {
    return absl::InvalidArgumentError("set seconds or rounds");
  }
  if (options.min_kill_delay_ms < 0 ||
      options.max_kill_delay_ms < options.min_kill_delay_ms ||
      options.rounds_per_database < 1) {
    return absl::InvalidArgumentError("invalid kill delays or database rounds");
  }
  const bool temporary = options.db_path.empty();
  const std::string db_path =
      temporary ? (std::filesystem::temp_directory_path() /
                   absl::StrCat("tablestream-crash-", ::getpid()))
                      .string()
                : options.db_path;
  auto remove_database = [&]() {
    std::error_code ignored;
    std::filesystem::remove_all(db_path, ignored);
    std::filesystem::remove(JournalPath(db_path), ignored);
  };

  CrashTestSummary summary;
  // Forks the checker; returns its checks, or sets summary.violation.
  auto check = [&](const std::string& where) -> absl::StatusOr<int64_t> {
    int result_pipe[2];
    if (::pipe2(result_pipe, O_CLOEXEC) != 0) return Errno("pipe");
    const pid_t checker = ::fork();
    if (checker < 0) return Errno("fork");
    if (checker == 0) {
      ::close(result_pipe[0]);
      RunChecker(workload, options, db_path, result_pipe[1]);
    }
    ::close(result_pipe[1]);
    const std::string result = ReadAll(result_pipe[0]);
    ::close(result_pipe[0]);
    int wait_status = 0;
    while (::waitpid(checker, &wait_status, 0) < 0 && errno == EINTR) {
    }
    int64_t checks = 0;
    if (result.rfind("OK ", 0) == 0 &&
        absl::SimpleAtoi(result.substr(3), &checks)) {
      summary.checks += checks;
      return checks;
    }
    summary.violation = absl::StrCat(
        where, ": ",
        result.rfind("FAIL ", 0) == 0
            ? result.substr(5)
            : absl::StrCat("the checker process died (status ", wait_status,
                           ") ", result));
    return -1;
  };
  if (options.check_only) {
    if (temporary) return absl::InvalidArgumentError("check_only needs db_path");
    const auto start = WallClock::now();
    absl::StatusOr<int64_t> checks = check("check of " + db_path);
    if (!checks.ok()) return checks.status();
    summary.seconds =
        std::chrono::duration<double>(WallClock::now() - start).count();
    return summary;
  }
  std::mt19937_64 rng(options.seed);
  const auto start = WallClock::now();
  size_t journal_entries_seen = 0;
  for (int round = 0;; ++round) {
    const double elapsed =
        std::chrono::duration<double>(WallClock::now() - start).count();
    if (options.rounds > 0 && round >= options.rounds) break;
    if (options.seconds > 0 && elapsed >= options.seconds) break;
    if (round % options.rounds_per_database == 0) {
      remove_database();
      journal_entries_seen = 0;
      ++summary.databases;
    }
    {
      absl::StatusOr<std::unique_ptr<crash::FileCrashJournal>> journal =
          crash::FileCrashJournal::Open(JournalPath(db_path));
      if (!journal.ok()) return journal.status();
      (*journal)->StartRound(round);
    }
    const uint64_t round_seed = RoundSeed(options.seed, round);
    const int delay_ms = std::uniform_int_distribution<int>(
        options.min_kill_delay_ms, options.max_kill_delay_ms)(rng);
    const std::string where = absl::StrCat(
        "round ", round, " (database ", summary.databases, "), seed ",
        options.seed, ", kill after ", delay_ms, " ms");

    // 1-3: the workload, killed.
    int status_pipe[2];
    if (::pipe2(status_pipe, O_CLOEXEC) != 0) return Errno("pipe");
    const pid_t child = ::fork();
    if (child < 0) return Errno("fork");
    if (child == 0) {
      ::close(status_pipe[0]);
      RunChild(workload, options, db_path, round_seed, status_pipe[1]);
    }
    ::close(status_pipe[1]);
    pollfd poll_fd{status_pipe[0], POLLIN, 0};
    int ready;
    do {
      ready = ::poll(&poll_fd, 1, delay_ms);
    } while (ready < 0 && errno == EINTR);
    std::string child_message;
    if (ready == 0) {
      ::kill(child, SIGKILL);
    } else {
      // The child wrote its last words or exited: read to EOF (its death).
      child_message = ReadAll(status_pipe[0]);
    }
    ::close(status_pipe[0]);
    int wait_status = 0;
    while (::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
    }
    ++summary.rounds;
    if (WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL &&
        ready == 0) {
      ++summary.kills;
    } else if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
      summary.violation = absl::StrCat(
          where, ": the workload process failed (",
          WIFEXITED(wait_status)
              ? absl::StrCat("exit status ", WEXITSTATUS(wait_status))
              : absl::StrCat("signal ", WTERMSIG(wait_status)),
          "): ", child_message);
      break;
    }

    // 4: the check.
    absl::StatusOr<int64_t> checks = check(where);
    if (!checks.ok()) return checks.status();
    if (*checks < 0) break;
    absl::StatusOr<std::vector<CrashJournalEntry>> history =
        crash::ReadCrashJournal(JournalPath(db_path));
    if (!history.ok()) return history.status();
    int64_t acknowledged = 0;
    for (size_t i = journal_entries_seen; i < history->size(); ++i) {
      if ((*history)[i].outcome.has_value()) ++acknowledged;
    }
    journal_entries_seen = history->size();
    summary.operations += acknowledged;
    if (options.progress) {
      options.progress(absl::StrCat(
          "round ", round, ": killed after ", delay_ms, " ms, ", acknowledged,
          " operations acknowledged, ", *checks, " checks passed"));
    }
  }
  summary.seconds =
      std::chrono::duration<double>(WallClock::now() - start).count();
  if (summary.violation.has_value()) {
    absl::StrAppend(&*summary.violation, "\n(database and journal kept at ",
                    db_path, ")");
  }
  if (temporary && !summary.violation.has_value()) remove_database();
  return summary;
}

}  // namespace tablestream
