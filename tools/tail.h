// Copyright 2026 The tablestream Authors.
//
// `tablestream tail`: prints a table's stream records, one record JSON per
// line (the JSON GetRecords returns for each record), in shard lineage
// order: at the end of a closed shard it goes on with its child shard.
//
// Without `follow` it stops once it has caught up (or the stream has
// ended); with it, it waits for new records (woken by the commits that
// write them) until `stop` becomes true or the stream ends.
//
// With a consumer it starts from that consumer's checkpoint and checkpoints
// each batch after printing it (at-least-once: a batch printed just before a
// crash is printed again). A consumer that does not exist is created at
// `from`.

#ifndef TABLESTREAM_TOOLS_TAIL_H_
#define TABLESTREAM_TOOLS_TAIL_H_

#include <atomic>
#include <optional>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace cli {

struct TailOptions {
  std::string table_name;
  // "TRIM_HORIZON", "LATEST" or "AT_TIMESTAMP:<epoch seconds>".
  std::string from = "TRIM_HORIZON";
  bool follow = false;
  std::optional<std::string> consumer;
  // How long one wait lasts before `stop` is looked at again.
  int64_t wait_millis = 200;
};

// Returns when done (see above); a failed status if an operation failed.
// ValidationException for a malformed `from`.
absl::Status RunTail(Engine& engine, const TailOptions& options,
                     const std::atomic<bool>& stop, std::ostream& out);

}  // namespace cli
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_TAIL_H_
