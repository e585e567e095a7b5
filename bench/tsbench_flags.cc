// Copyright 2026 The tablestream Authors.

#include "bench/tsbench_flags.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace tablestream {
namespace {

constexpr const char* kTargetNames[] = {"tablestream", "rocksdb", "floor",
                                        "sqlite"};

absl::Status Bad(const std::string& flag, const std::string& value,
                 const std::string& valid) {
  return absl::InvalidArgumentError(absl::StrCat("bad value \"", value,
                                                 "\" for --", flag, "; valid: ",
                                                 valid, "\n", TsbenchUsage()));
}

absl::Status ParseTargets(const std::string& value, TsbenchFlags* f) {
  const std::string valid =
      absl::StrCat("all or a comma list of ", absl::StrJoin(kTargetNames, ", "));
  f->targets.clear();
  std::set<int> seen;
  for (absl::string_view piece : absl::StrSplit(value, ',')) {
    if (piece == "all") {
      for (int t = 0; t < 4; ++t) seen.insert(t);
      continue;
    }
    bool known = false;
    for (int t = 0; t < 4; ++t) {
      if (piece == kTargetNames[t]) {
        seen.insert(t);
        known = true;
      }
    }
    if (!known) return Bad("targets", value, valid);
  }
  for (int t : seen) f->targets.push_back(static_cast<Target>(t));
  return absl::OkStatus();
}

absl::Status ParseThreads(const std::string& value, TsbenchFlags* f) {
  f->threads.clear();
  for (absl::string_view piece : absl::StrSplit(value, ',')) {
    int n = 0;
    if (!absl::SimpleAtoi(piece, &n) || n < 1 || n > 1024) {
      return Bad("threads", value, "a comma list of integers in 1..1024");
    }
    f->threads.push_back(n);
  }
  return absl::OkStatus();
}

absl::Status ParseStream(const std::string& value, TsbenchFlags* f) {
  if (value == "off") {
    f->stream = std::nullopt;
    return absl::OkStatus();
  }
  std::optional<StreamViewType> type = ParseStreamViewType(value);
  if (!type) {
    return Bad("stream", value,
               "off, KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES");
  }
  f->stream = type;
  return absl::OkStatus();
}

absl::Status ParseOne(const std::string& name, const std::string& value,
                      TsbenchFlags* f) {
  auto positive_double = [&](double* out) -> absl::Status {
    if (!absl::SimpleAtod(value, out) || !(*out > 0)) {
      return Bad(name, value, "a number > 0");
    }
    return absl::OkStatus();
  };
  if (name == "workload") {
    std::optional<Workload> w = ParseWorkload(value);
    if (!w) return Bad(name, value, absl::StrJoin(WorkloadNames(), ", "));
    f->workload = *w;
  } else if (name == "targets") {
    return ParseTargets(value, f);
  } else if (name == "threads") {
    return ParseThreads(value, f);
  } else if (name == "durable") {
    if (value == "true") {
      f->durable = {true};
    } else if (value == "false") {
      f->durable = {false};
    } else if (value == "both") {
      f->durable = {true, false};
    } else {
      return Bad(name, value, "true, false, both");
    }
  } else if (name == "stream") {
    return ParseStream(value, f);
  } else if (name == "item-bytes") {
    if (!absl::SimpleAtoi(value, &f->item_bytes) || f->item_bytes < 80 ||
        f->item_bytes > 400000) {
      return Bad(name, value, "an integer in 80..400000");
    }
  } else if (name == "keys") {
    if (!absl::SimpleAtoi(value, &f->keys) || f->keys < 1 ||
        f->keys > (1ull << 38)) {
      return Bad(name, value, "an integer in 1..2^38");
    }
  } else if (name == "distribution") {
    std::optional<Distribution> d = ParseDistribution(value);
    if (!d) return Bad(name, value, "uniform, zipfian");
    f->distribution = *d;
  } else if (name == "zipf-theta") {
    if (!absl::SimpleAtod(value, &f->zipf_theta) || !(f->zipf_theta > 0) ||
        !(f->zipf_theta < 1)) {
      return Bad(name, value, "a number in (0, 1)");
    }
  } else if (name == "seed") {
    if (!absl::SimpleAtoi(value, &f->seed)) {
      return Bad(name, value, "an unsigned integer");
    }
  } else if (name == "seconds") {
    return positive_double(&f->seconds);
  } else if (name == "warmup") {
    if (!absl::SimpleAtod(value, &f->warmup) || !(f->warmup >= 0)) {
      return Bad(name, value, "a number >= 0");
    }
  } else if (name == "rounds") {
    if (!absl::SimpleAtoi(value, &f->rounds) || f->rounds < 1) {
      return Bad(name, value, "an integer >= 1");
    }
  } else if (name == "consumer") {
    if (value == "none") {
      f->consumer = ConsumerMode::kNone;
    } else if (value == "poll") {
      f->consumer = ConsumerMode::kPoll;
    } else {
      return Bad(name, value, "none, poll");
    }
  } else if (name == "scan") {
    if (value != "true" && value != "false") {
      return Bad(name, value, "true, false");
    }
    f->scan = value == "true";
  } else if (name == "write-buffer-mib" || name == "block-cache-mib") {
    size_t* out = name == "write-buffer-mib" ? &f->write_buffer_mib
                                              : &f->block_cache_mib;
    if (!absl::SimpleAtoi(value, out) || *out < 1 || *out > 65536) {
      return Bad(name, value, "an integer in 1..65536");
    }
  } else if (name == "dir") {
    if (value.empty()) return Bad(name, value, "a directory");
    f->dir = value;
  } else if (name == "json") {
    f->json = value;
  } else if (name == "markdown") {
    f->markdown = value;
  } else if (name == "plot") {
    f->plot = value;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown flag --", name, "\n", TsbenchUsage()));
  }
  return absl::OkStatus();
}

}  // namespace

const char* TargetName(Target target) {
  return kTargetNames[static_cast<int>(target)];
}

std::string TsbenchUsage() {
  return absl::StrCat(
      "usage: tsbench [flags]\n"
      "  --workload=insert-only   ",
      absl::StrJoin(WorkloadNames(), " | "),
      "\n"
      "  --targets=all            all | comma list of tablestream, rocksdb "
      "(the item write alone), floor (read + item-and-record batch), sqlite\n"
      "  --threads=1              comma list of writer thread counts\n"
      "  --durable=true           true | false | both\n"
      "  --stream=NEW_AND_OLD_IMAGES  off | KEYS_ONLY | NEW_IMAGE | OLD_IMAGE "
      "| NEW_AND_OLD_IMAGES\n"
      "  --item-bytes=200         stored item size, 80..400000\n"
      "  --keys=10000             key space of reads, updates and deletes "
      "(loaded first)\n"
      "  --distribution=uniform   uniform | zipfian\n"
      "  --zipf-theta=0.99        in (0, 1)\n"
      "  --seed=1                 seed of every thread's operation sequence\n"
      "  --seconds=2 --warmup=0.5 measured window and discarded warm-up\n"
      "  --rounds=1               rounds; the report shows medians\n"
      "  --consumer=none          none | poll (a reader thread polling the "
      "stream; reports its lag)\n"
      "  --scan=false             true: time a full stream scan after each "
      "window\n"
      "  --write-buffer-mib=256 --block-cache-mib=256   RocksDB budgets "
      "(tablestream and raw RocksDB)\n"
      "  --dir=/tmp               where the databases go (a fresh one per "
      "case)\n"
      "  --json=PATH --markdown=PATH --plot=PATH   extra outputs\n");
}

absl::StatusOr<TsbenchFlags> ParseTsbenchFlags(int argc,
                                               const char* const* argv) {
  TsbenchFlags f;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      return absl::InvalidArgumentError(TsbenchUsage());
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument \"", arg, "\"\n", TsbenchUsage()));
    }
    std::string name = arg.substr(2), value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (name == "scan") {
      value = "true";
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value\n", TsbenchUsage()));
    }
    absl::Status s = ParseOne(name, value, &f);
    if (!s.ok()) return s;
  }
  if (f.consumer == ConsumerMode::kPoll && !f.stream) {
    return absl::InvalidArgumentError(
        "--consumer=poll needs a stream; valid: --stream=KEYS_ONLY, "
        "NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES");
  }
  if (f.scan && !f.stream) {
    return absl::InvalidArgumentError(
        "--scan needs a stream; valid: --stream=KEYS_ONLY, NEW_IMAGE, "
        "OLD_IMAGE or NEW_AND_OLD_IMAGES");
  }
  return f;
}

}  // namespace tablestream
