// Copyright 2026 The tablestream Authors.

#include "tools/crash/crash_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tablestream {
namespace crash {

absl::StatusOr<std::unique_ptr<FileCrashJournal>> FileCrashJournal::Open(
    const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                        0644);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("cannot open crash journal ", path,
                                            ": ", std::strerror(errno)));
  }
  return std::unique_ptr<FileCrashJournal>(new FileCrashJournal(fd));
}

FileCrashJournal::~FileCrashJournal() { ::close(fd_); }

void FileCrashJournal::AppendLine(const std::string& line) {
  // One write per line: O_APPEND keeps lines of concurrent threads whole,
  // and a completed write survives the process's death.
  const ssize_t n = ::write(fd_, line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    // A journal that cannot be written makes every later check meaningless.
    std::fprintf(stderr, "crash journal write failed: %s\n",
                 std::strerror(errno));
    std::_Exit(5);
  }
}

void FileCrashJournal::Begin(int thread, std::string_view op) {
  AppendLine(absl::StrCat("B ", thread, " ", absl::CEscape(absl::string_view(op.data(), op.size())), "\n"));
}

void FileCrashJournal::Acknowledge(int thread, std::string_view outcome) {
  AppendLine(absl::StrCat("A ", thread, " ", absl::CEscape(absl::string_view(outcome.data(), outcome.size())), "\n"));
}

void FileCrashJournal::StartRound(int round) {
  AppendLine(absl::StrCat("R ", round, "\n"));
}

absl::StatusOr<std::vector<CrashJournalEntry>> ReadCrashJournal(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InternalError("cannot read crash journal " + path);
  std::vector<CrashJournalEntry> entries;
  std::map<int, size_t> last_begun;  // thread -> index in entries
  int round = 0;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    auto bad = [&]() {
      return absl::InternalError(absl::StrCat(
          "crash journal ", path, " line ", line_number, " is malformed: ",
          line));
    };
    if (line.size() < 3 || line[1] != ' ') return bad();
    const std::string rest = line.substr(2);
    if (line[0] == 'R') {
      if (!absl::SimpleAtoi(rest, &round)) return bad();
      last_begun.clear();
      continue;
    }
    const size_t space = rest.find(' ');
    int thread = 0;
    std::string text;
    if (space == std::string::npos ||
        !absl::SimpleAtoi(rest.substr(0, space), &thread) ||
        !absl::CUnescape(rest.substr(space + 1), &text)) {
      return bad();
    }
    if (line[0] == 'B') {
      last_begun[thread] = entries.size();
      entries.push_back({round, thread, std::move(text), std::nullopt});
    } else if (line[0] == 'A') {
      auto it = last_begun.find(thread);
      if (it == last_begun.end() || entries[it->second].outcome.has_value()) {
        return bad();
      }
      entries[it->second].outcome = std::move(text);
    } else {
      return bad();
    }
  }
  return entries;
}

}  // namespace crash
}  // namespace tablestream
