// Copyright 2026 The tablestream Authors.
//
// The crash tester's journal: a text file of one line per report, appended
// with one write(2) per line so that a SIGKILL never loses or tears a line
// that was reported.
//
//   R <round>                     a round (child process) starts
//   B <thread> <C-escaped op>     the thread begins an operation
//   A <thread> <C-escaped outcome>  its latest begun operation was acknowledged
//
// FileCrashJournal writes it (thread-safe: each line is one O_APPEND write);
// ReadCrashJournal parses it for the checker.

#ifndef TABLESTREAM_TOOLS_CRASH_CRASH_JOURNAL_H_
#define TABLESTREAM_TOOLS_CRASH_CRASH_JOURNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "tablestream/crash_test.h"

namespace tablestream {
namespace crash {

class FileCrashJournal : public CrashJournal {
 public:
  // Opens `path` for appending, creating it if missing.
  static absl::StatusOr<std::unique_ptr<FileCrashJournal>> Open(
      const std::string& path);
  ~FileCrashJournal() override;

  void Begin(int thread, std::string_view op) override;
  void Acknowledge(int thread, std::string_view outcome) override;
  void StartRound(int round);

 private:
  explicit FileCrashJournal(int fd) : fd_(fd) {}
  void AppendLine(const std::string& line);

  int fd_;
};

// Every operation of the journal at `path`, in the order begun. An
// operation acknowledged in the journal has its outcome set.
absl::StatusOr<std::vector<CrashJournalEntry>> ReadCrashJournal(
    const std::string& path);

}  // namespace crash
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CRASH_CRASH_JOURNAL_H_
