// Copyright 2026 The tablestream Authors.
//
// The built-in workload of `tablestream crash-test`. Worker threads write
// two tables through the C++ API, each thread on keys of its own:
//
//  - "Items" (NEW_AND_OLD_IMAGES, stream enabled from creation): puts,
//    updates (ADD to a counter), conditional puts (Expected: the item must
//    not exist) and deletes, durable, non-durable or mixed;
//  - transactions: TransactWriteItems of three actions across two tables:
//    ADD to one Items key, a put of another Items key on condition that it
//    does not exist, and a put of a new "Ledger" item keyed by the
//    operation id. Either all three records exist or none does;
//  - "Toggled": puts and deletes while thread 0 now and then disables and
//    enables its stream (each enable makes a new stream).
//
// Every write carries a unique operation id in attribute "op", so each
// record names the write that made it. After each kill the checker verifies
// (see standard_checks.cc):
//  - each acknowledged write is present, with the outcome it was
//    acknowledged with (a conditional put that failed must have failed);
//  - Items equals the fold of its stream from the table's creation: per key,
//    the records are exactly the effects of the acknowledged writes and
//    possibly of writes in flight at a kill, in order; the item is the last
//    of them; ItemCount matches;
//  - Toggled's items are their last acknowledged (or in-flight) write, its
//    stream state is the last toggle's, and its records name journaled
//    writes in journal order;
//  - every stream: sequence numbers contiguous per shard, child shards
//    continue their parent, images chain per key, no record for a write that
//    changed nothing, event ids unique;
//  - consumers (standard_consumers.h): an at-least-once reader and an
//    exactly-once tally of Items' stream; every position lies within its
//    shard and follows lineage, and each tally count equals the records
//    before the tally's position;
//  - retention: reopened with the clock moved so that half of Items' records
//    are older than the retention period, exactly the newer ones are
//    readable and a position below them is TrimmedDataAccessException.

#ifndef TABLESTREAM_TOOLS_CRASH_STANDARD_WORKLOAD_H_
#define TABLESTREAM_TOOLS_CRASH_STANDARD_WORKLOAD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "tablestream/crash_test.h"

namespace tablestream {
namespace crash {

inline constexpr char kItemsTable[] = "Items";
inline constexpr char kToggledTable[] = "Toggled";
inline constexpr char kLedgerTable[] = "Ledger";

enum class Durability { kAlways, kNever, kMixed };

struct StandardWorkloadOptions {
  int threads = 4;
  int keys_per_thread = 8;
  // Relative weights of the operations.
  int put_weight = 4;
  int update_weight = 3;
  int conditional_put_weight = 1;
  int delete_weight = 2;
  int toggle_weight = 1;  // thread 0 only: disable or enable Toggled's stream
  int transaction_weight = 1;  // needs keys_per_thread >= 2
  Durability durability = Durability::kMixed;
  // Runs the consumers of standard_consumers.h beside the writers, and the
  // tally trigger of standard_trigger.h.
  bool consumers = true;
  // Options::shard_rollover_records for the engine (0: no rollover), so
  // that shard lineage is checked too.
  uint64_t shard_rollover_records = 400;
};

// One journaled operation, encoded as
// "<kind> <table> <key> <id> <value> <durable>" (key "-" for table
// operations).
struct WorkloadOp {
  // create, put, add, cput, del, enable, disable, txn (`key` is "A,B": ADD
  // to A, conditional put of B), or consumer (its name in `id`)
  std::string kind;
  std::string table;
  std::string key;
  std::string id;
  int64_t value = 0;
  bool durable = true;

  std::string Encode() const;
  static std::optional<WorkloadOp> Parse(const std::string& text);
};

// The CreateTable request of both tables (key pk:S, NEW_AND_OLD_IMAGES).
CreateTableRequest StandardTableRequest(const std::string& name);

// The TransactWriteItems of a "txn" operation.
TransactWriteItemsRequest TransactionOf(const WorkloadOp& op);

class StandardWorkload : public CrashWorkload {
 public:
  explicit StandardWorkload(StandardWorkloadOptions options)
      : options_(options) {}

  void ConfigureOptions(Options* options) override;
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override;
  absl::StatusOr<int64_t> Check(CrashCheckContext& context) override;

 private:
  StandardWorkloadOptions options_;
};

}  // namespace crash
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CRASH_STANDARD_WORKLOAD_H_
