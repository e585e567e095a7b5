// Copyright 2026 The tablestream Authors.

#include "tools/crash/crash_command.h"

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace tablestream {
namespace crash {
namespace {

constexpr char kValidOptions[] =
    "--seconds=N, --rounds=N, --seed=N, --threads=N, --keys-per-thread=N, "
    "--mix=put:W,update:W,cput:W,delete:W,toggle:W,txn:W, "
    "--durable=mixed|always|never, --consumers=on|off, --db=DIR, "
    "--min-kill-delay-ms=N, "
    "--max-kill-delay-ms=N, --rounds-per-database=N, "
    "--shard-rollover-records=N, --check-only, --quiet, --help";

absl::Status Bad(const std::string& why) {
  return absl::InvalidArgumentError(
      absl::StrCat(why, "; valid options: ", kValidOptions));
}

template <typename T>
absl::Status ParseNumber(const std::string& name, const std::string& value,
                         T min, T* out) {
  if (!absl::SimpleAtoi(value, out) || *out < min) {
    return Bad(absl::StrCat(name, " needs a whole number of at least ", min,
                            ", not \"", value, "\""));
  }
  return absl::OkStatus();
}

absl::Status ParseMix(const std::string& value,
                      StandardWorkloadOptions* workload) {
  int total = 0;
  for (absl::string_view part : absl::StrSplit(value, ',')) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, ':');
    int weight = 0;
    if (!absl::SimpleAtoi(kv.second, &weight) || weight < 0) {
      return Bad(absl::StrCat("--mix: bad weight in \"", part, "\""));
    }
    if (kv.first == "put") workload->put_weight = weight;
    else if (kv.first == "update") workload->update_weight = weight;
    else if (kv.first == "cput") workload->conditional_put_weight = weight;
    else if (kv.first == "delete") workload->delete_weight = weight;
    else if (kv.first == "toggle") workload->toggle_weight = weight;
    else if (kv.first == "txn") workload->transaction_weight = weight;
    else {
      return Bad(absl::StrCat("--mix: unknown operation \"", kv.first,
                              "\" (put, update, cput, delete, toggle, txn)"));
    }
  }
  total = workload->put_weight + workload->update_weight +
          workload->conditional_put_weight + workload->delete_weight +
          workload->transaction_weight;
  if (total == 0) return Bad("--mix needs a write with a positive weight");
  return absl::OkStatus();
}

}  // namespace

std::string CrashCommandUsage() {
  return absl::StrCat(
      "usage: tablestream crash-test [options]\n"
      "\n"
      "Runs a seeded random workload in a child process, kills it with\n"
      "SIGKILL at random moments, reopens the database and checks every\n"
      "guarantee. Stops at the first violation with a diagnosis and the seed.\n"
      "\n"
      "options (defaults in brackets):\n"
      "  --seconds=N             stop starting rounds after N seconds [60]\n"
      "  --rounds=N              stop after N rounds (0: no limit) [0]\n"
      "  --seed=N                workload and kill schedule seed [1]\n"
      "  --threads=N             writer threads [4]\n"
      "  --keys-per-thread=N     keys each thread writes [8]\n"
      "  --mix=put:W,update:W,cput:W,delete:W,toggle:W,txn:W\n"
      "                          operation weights [put:4,update:3,cput:1,"
      "delete:2,toggle:1,txn:1]\n"
      "  --durable=MODE          mixed, always or never [mixed]\n"
      "  --consumers=on|off      run the reader and exactly-once tally\n"
      "                          consumers and the tally trigger of Items'\n"
      "                          stream [on]\n"
      "  --db=DIR                database directory [a temporary one]\n"
      "  --min-kill-delay-ms=N   [0]\n"
      "  --max-kill-delay-ms=N   [800]\n"
      "  --rounds-per-database=N start a new database every N rounds [40]\n"
      "  --shard-rollover-records=N  roll shards over (0: never) [400]\n"
      "  --check-only            run only the checks, on the database at --db\n"
      "                          (one kept after a violation) and its journal\n"
      "  --quiet                 no line per round\n");
}

absl::StatusOr<CrashCommandArgs> ParseCrashCommandArgs(
    const std::vector<std::string>& args) {
  CrashCommandArgs out;
  out.test.seconds = 60;
  for (const std::string& arg : args) {
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    const bool has_value = eq != std::string::npos;
    if (name == "--quiet" && !has_value) {
      out.quiet = true;
      continue;
    }
    if (name == "--check-only" && !has_value) {
      out.test.check_only = true;
      continue;
    }
    if (!has_value) {
      return Bad(absl::StrCat(
          absl::StrContains(kValidOptions, name + "=")
              ? absl::StrCat("option ", name, " needs a value: ", name, "=...")
              : absl::StrCat("unknown option \"", name, "\"")));
    }
    absl::Status s;
    if (name == "--seconds") {
      if (!absl::SimpleAtod(value, &out.test.seconds) || out.test.seconds < 0) {
        s = Bad("--seconds needs a number of seconds, not \"" + value + "\"");
      }
    } else if (name == "--rounds") {
      s = ParseNumber(name, value, 0, &out.test.rounds);
    } else if (name == "--seed") {
      s = ParseNumber<uint64_t>(name, value, 0, &out.test.seed);
    } else if (name == "--threads") {
      s = ParseNumber(name, value, 1, &out.workload.threads);
    } else if (name == "--keys-per-thread") {
      s = ParseNumber(name, value, 1, &out.workload.keys_per_thread);
    } else if (name == "--mix") {
      s = ParseMix(value, &out.workload);
    } else if (name == "--durable") {
      if (value == "mixed") out.workload.durability = Durability::kMixed;
      else if (value == "always") out.workload.durability = Durability::kAlways;
      else if (value == "never") out.workload.durability = Durability::kNever;
      else s = Bad("--durable is mixed, always or never, not \"" + value + "\"");
    } else if (name == "--consumers") {
      if (value == "on") out.workload.consumers = true;
      else if (value == "off") out.workload.consumers = false;
      else s = Bad("--consumers is on or off, not \"" + value + "\"");
    } else if (name == "--db") {
      out.test.db_path = value;
    } else if (name == "--min-kill-delay-ms") {
      s = ParseNumber(name, value, 0, &out.test.min_kill_delay_ms);
    } else if (name == "--max-kill-delay-ms") {
      s = ParseNumber(name, value, 1, &out.test.max_kill_delay_ms);
    } else if (name == "--rounds-per-database") {
      s = ParseNumber(name, value, 1, &out.test.rounds_per_database);
    } else if (name == "--shard-rollover-records") {
      s = ParseNumber<uint64_t>(name, value, 0,
                                &out.workload.shard_rollover_records);
    } else {
      s = Bad(absl::StrCat("unknown option \"", name, "\""));
    }
    if (!s.ok()) return s;
  }
  if (out.test.seconds == 0 && out.test.rounds == 0) {
    return Bad("--seconds=0 needs --rounds");
  }
  if (out.test.check_only && out.test.db_path.empty()) {
    return Bad("--check-only needs --db=DIR");
  }
  if (out.test.min_kill_delay_ms > out.test.max_kill_delay_ms) {
    return Bad("--min-kill-delay-ms exceeds --max-kill-delay-ms");
  }
  return out;
}

int RunCrashCommand(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << CrashCommandUsage();
      return 0;
    }
  }
  absl::StatusOr<CrashCommandArgs> parsed = ParseCrashCommandArgs(args);
  if (!parsed.ok()) {
    err << "tablestream crash-test: " << parsed.status().message() << "\n";
    return 2;
  }
  const std::string durability =
      parsed->workload.durability == Durability::kMixed    ? "mixed"
      : parsed->workload.durability == Durability::kAlways ? "always"
                                                           : "never";
  out << "crash-test: seed " << parsed->test.seed << ", "
      << parsed->workload.threads << " threads, durable " << durability
      << ", consumers " << (parsed->workload.consumers ? "on" : "off")
      << ", kill after " << parsed->test.min_kill_delay_ms << "-"
      << parsed->test.max_kill_delay_ms << " ms\n"
      << std::flush;
  if (!parsed->quiet) {
    parsed->test.progress = [&out](std::string_view line) {
      out << "  " << line << "\n" << std::flush;
    };
  }
  StandardWorkload workload(parsed->workload);
  absl::StatusOr<CrashTestSummary> summary =
      RunCrashTest(workload, parsed->test);
  if (!summary.ok()) {
    err << "tablestream crash-test: " << summary.status().message() << "\n";
    return 1;
  }
  const double minutes = summary->seconds / 60;
  out << absl::StrFormat(
      "summary: %d rounds, %d kills, %d databases, %d operations "
      "acknowledged and verified, %d checks, %.1f s\n"
      "         %.1f kills survived per minute, %.0f operations verified per "
      "second\n",
      summary->rounds, summary->kills, summary->databases,
      summary->operations, summary->checks, summary->seconds,
      minutes > 0 ? summary->kills / minutes : 0,
      summary->seconds > 0 ? summary->operations / summary->seconds : 0);
  if (summary->violation) {
    err << "VIOLATION: " << *summary->violation << "\n"
        << "reproduce the workload and kill schedule with --seed="
        << parsed->test.seed << "\n";
    return 1;
  }
  out << "no violation\n";
  return 0;
}

}  // namespace crash
}  // namespace tablestream
