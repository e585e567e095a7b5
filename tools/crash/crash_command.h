// Copyright 2026 The tablestream Authors.
//
// `tablestream crash-test`: parses its options and runs the crash tester
// with the built-in workload (standard_workload.h), printing progress and a
// summary.
//
//   tablestream crash-test [--seconds=60] [--rounds=0] [--seed=1]
//       [--threads=4] [--keys-per-thread=8]
//       [--mix=put:4,update:3,cput:1,delete:2,toggle:1]
//       [--durable=mixed|always|never] [--db=DIR]
//       [--min-kill-delay-ms=0] [--max-kill-delay-ms=800]
//       [--rounds-per-database=40] [--shard-rollover-records=400] [--quiet]

#ifndef TABLESTREAM_TOOLS_CRASH_CRASH_COMMAND_H_
#define TABLESTREAM_TOOLS_CRASH_CRASH_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tablestream/crash_test.h"
#include "tools/crash/standard_workload.h"

namespace tablestream {
namespace crash {

struct CrashCommandArgs {
  CrashTestOptions test;
  StandardWorkloadOptions workload;
  bool quiet = false;
};

// Parses the arguments after "crash-test". InvalidArgument naming the
// offending option and listing the valid ones.
absl::StatusOr<CrashCommandArgs> ParseCrashCommandArgs(
    const std::vector<std::string>& args);

// The usage text.
std::string CrashCommandUsage();

// Runs the crash test; returns the process exit status: 0 when every check
// passed, 1 on a violation (diagnosis on `err`), 2 on a usage error.
int RunCrashCommand(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err);

}  // namespace crash
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CRASH_CRASH_COMMAND_H_
