// Copyright 2026 The tablestream Authors.
//
// vote_tally: the lesson's real-time vote tally, as a program embedding
// tablestream with a C++ trigger.
//
//   vote_tally --db DIR [--votes N]
//
// Casts N votes (default 1000) for three candidates while the trigger runs
// on the runtime's background threads, then finishes what is left and
// prints each candidate's tally next to the votes in the table. Kill it at
// any moment and run it again: the tally stays exact (see vote_tally.h).

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "examples/vote_tally.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "vote_tally: " << status << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tablestream;  // NOLINT: a small example program
  std::string db;
  int64_t votes = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--db") {
      db = argv[i + 1];
    } else if (flag != "--votes" || !absl::SimpleAtoi(argv[i + 1], &votes)) {
      db.clear();
      break;
    }
  }
  if (db.empty()) {
    std::cerr << "usage: vote_tally --db DIR [--votes N]\n";
    return 2;
  }
  auto engine = Engine::Open(Options(), db);
  if (!engine.ok()) return Fail(engine.status());
  auto runtime = TriggerRuntime::Open(engine->get());
  if (!runtime.ok()) return Fail(runtime.status());
  absl::Status status = examples::SetUpVoteTally(engine->get(), runtime->get());
  if (status.ok()) status = examples::RegisterVoteTally(runtime->get());
  if (!status.ok()) return Fail(status);

  (*runtime)->Start();
  const std::vector<std::string> candidates = {"alice", "bob", "carol"};
  // Vote ids continue where an earlier (perhaps killed) run stopped.
  auto before = examples::CountVotes(engine->get());
  if (!before.ok()) return Fail(before.status());
  int64_t first = 0;
  for (const auto& [candidate, n] : *before) first += n;
  for (int64_t i = first; i < first + votes; ++i) {
    status = examples::CastVote(engine->get(), absl::StrCat("vote-", i),
                                candidates[i % candidates.size()]);
    if (!status.ok()) return Fail(status);
  }
  (*runtime)->Stop();
  auto invoked = (*runtime)->RunUntilIdle();
  if (!invoked.ok()) return Fail(invoked.status());

  auto tally = examples::ReadTally(engine->get());
  auto counted = examples::CountVotes(engine->get());
  if (!tally.ok()) return Fail(tally.status());
  if (!counted.ok()) return Fail(counted.status());
  bool exact = true;
  for (const std::string& c : candidates) {
    std::cout << c << ": tally " << (*tally)[c] << ", votes " << (*counted)[c]
              << "\n";
    exact = exact && (*tally)[c] == (*counted)[c];
  }
  std::cout << (exact ? "exact\n" : "NOT EXACT\n");
  return exact ? 0 : 1;
}
