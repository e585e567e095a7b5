// Copyright 2026 The tablestream Authors.
//
// The checker side of StandardWorkload: what runs after each kill. Each
// failure names the table, key, operation and record involved.

#include <functional>
#include <map>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tablestream/clock.h"
#include "tablestream/errors.h"
#include "tools/crash/standard_consumers.h"
#include "tools/crash/standard_workload.h"
#include "tools/crash/stream_contents.h"
#include "util/status_macros.h"

namespace tablestream {
namespace crash {
namespace {

struct JournaledOp {
  WorkloadOp op;
  std::optional<std::string> outcome;  // unset: in flight at a kill
  int round = 0;
  size_t index = 0;  // position in the journal
};

std::string Describe(const JournaledOp& j) {
  return absl::StrCat("\"", j.op.Encode(), "\" (round ", j.round, ", ",
                      j.outcome ? "acknowledged " + *j.outcome : "in flight",
                      ")");
}

std::string Describe(const std::optional<Item>& item) {
  if (!item) return "(no item)";
  std::string out = "{";
  for (const auto& [name, value] : *item) {
    absl::StrAppend(&out, out.size() > 1 ? ", " : "", name, ": ",
                    value.DebugString());
  }
  return out + "}";
}

std::string Describe(const StreamRecord& r) {
  return absl::StrCat(EventNameName(r.event_name), " #",
                      r.dynamodb.sequence_number, " old ",
                      Describe(r.dynamodb.old_image), " new ",
                      Describe(r.dynamodb.new_image));
}

absl::Status Violation(const std::string& what) {
  return absl::InternalError(what);
}

// The model of one write on the Items table: the item after it, whether it
// changed the item, and the outcome it must be acknowledged with.
struct Effect {
  std::optional<Item> after;
  bool changed = false;
  std::string outcome = "ok";
};

Effect ApplyModel(const std::optional<Item>& before, const WorkloadOp& op) {
  Effect e;
  const Item key = {{"pk", AttributeValue::S(op.key)}};
  if (op.kind == "put" || (op.kind == "cput" && !before)) {
    e.after = key;
    (*e.after)["op"] = AttributeValue::S(op.id);
    (*e.after)["v"] = AttributeValue::N(absl::StrCat(op.value));
  } else if (op.kind == "cput") {
    e.after = before;
    e.outcome = std::string(kConditionalCheckFailedException);
  } else if (op.kind == "add") {
    e.after = before ? *before : key;
    int64_t counter = 0;
    auto it = e.after->find("c");
    if (it != e.after->end()) counter = std::stoll(it->second.scalar());
    (*e.after)["c"] = AttributeValue::N(absl::StrCat(counter + op.value));
    (*e.after)["op"] = AttributeValue::S(op.id);
  } else if (op.kind == "del") {
    e.after.reset();
  }
  e.changed = e.after != before;
  return e;
}

// The model of a "txn" operation on one of its two keys. The conditional
// put's key decides the outcome; on the ADD's key the outcome is left open
// (empty), since it depends on the other key.
Effect ApplyTransactionModel(const std::optional<Item>& before,
                             const WorkloadOp& op, const std::string& key) {
  WorkloadOp part = op;
  const bool adds = key == op.key.substr(0, op.key.find(','));
  part.key = key;
  part.kind = adds ? "add" : "cput";
  Effect e = ApplyModel(before, part);
  if (adds) {
    e.outcome.clear();
  } else if (e.outcome == kConditionalCheckFailedException) {
    e.outcome = std::string(kTransactionCanceledException);
  }
  return e;
}

class StandardChecker {
 public:
  StandardChecker(CrashCheckContext& context) : context_(context) {
    for (size_t i = 0; i < context.history.size(); ++i) {
      const CrashJournalEntry& entry = context.history[i];
      std::optional<WorkloadOp> op = WorkloadOp::Parse(entry.op);
      if (!op) {
        parse_error_ = Violation("unparsable journal entry: " + entry.op);
        return;
      }
      ops_.push_back({*op, entry.outcome, entry.round, i});
    }
  }

  absl::StatusOr<int64_t> Run() {
    TABLESTREAM_RETURN_IF_ERROR(parse_error_);
    TABLESTREAM_RETURN_IF_ERROR(CheckItemsTable());
    TABLESTREAM_RETURN_IF_ERROR(CheckToggledTable());
    TABLESTREAM_RETURN_IF_ERROR(CheckTransactions());
    TABLESTREAM_RETURN_IF_ERROR(CheckItemsConsumers());
    TABLESTREAM_RETURN_IF_ERROR(CheckRetention());
    return checks_;
  }

 private:
  Engine& engine() { return *context_.engine; }

  // Whether `table` must exist (its creation was acknowledged) or may.
  bool Created(const std::string& table, bool acknowledged_only) const {
    for (const JournaledOp& j : ops_) {
      if (j.op.kind == "create" && j.op.table == table &&
          (j.outcome || !acknowledged_only)) {
        return true;
      }
    }
    return false;
  }

  // The ops on `table`'s items, grouped by key, in journal order.
  std::map<std::string, std::vector<const JournaledOp*>> OpsByKey(
      const std::string& table) const {
    std::map<std::string, std::vector<const JournaledOp*>> out;
    for (const JournaledOp& j : ops_) {
      if (j.op.table != table || j.op.key.empty()) continue;
      if (j.op.kind == "txn") {
        for (absl::string_view key : absl::StrSplit(j.op.key, ',')) {
          out[std::string(key)].push_back(&j);
        }
      } else {
        out[j.op.key].push_back(&j);
      }
    }
    return out;
  }

  absl::StatusOr<std::optional<Item>> GetItem(const std::string& table,
                                              const std::string& key) {
    GetItemRequest get;
    get.table_name = table;
    get.key = {{"pk", AttributeValue::S(key)}};
    return engine().GetItem(get);
  }

  // Checks that hold for any stream: contiguity, lineage, image chains, no
  // record for a no-op, unique event ids. `from_creation`: the stream holds
  // every change of its table since the table's creation.
  absl::Status CheckStream(const StreamContents& stream, bool from_creation) {
    const std::string& arn = stream.description.stream_arn;
    std::map<std::string, std::optional<Item>> last_image;  // pk -> image
    for (size_t i = 0; i < stream.shards.size(); ++i) {
      const ShardContents& s = stream.shards[i];
      const SequenceNumberRange& range = s.shard.sequence_number_range;
      const std::string where =
          absl::StrCat("stream ", arn, " shard ", s.shard.shard_id);
      if (i + 1 < stream.shards.size() && !range.ending_sequence_number) {
        return Violation(where + " is open but has a child shard");
      }
      if (i > 0) {
        const ShardContents& parent = stream.shards[i - 1];
        if (s.shard.parent_shard_id != parent.shard.shard_id) {
          return Violation(absl::StrCat(where, " has parent ",
                                        s.shard.parent_shard_id.value_or("none"),
                                        ", expected ", parent.shard.shard_id));
        }
        if (!parent.records.empty() &&
            range.starting_sequence_number !=
                NextSequence(parent.records.back().dynamodb.sequence_number)) {
          return Violation(absl::StrCat(
              where, " starts at ", range.starting_sequence_number,
              " but its parent's last record is ",
              parent.records.back().dynamodb.sequence_number));
        }
        ++checks_;
      }
      std::string expected = range.starting_sequence_number;
      for (const StreamRecord& r : s.records) {
        const std::string& seq = r.dynamodb.sequence_number;
        if (seq != expected) {
          return Violation(absl::StrCat(where, ": record ", seq,
                                        " where ", expected,
                                        " was expected (a gap or disorder)"));
        }
        expected = NextSequence(seq);
        if (!event_ids_.insert(r.event_id).second) {
          return Violation(absl::StrCat(where, ": event id ", r.event_id,
                                        " appears twice"));
        }
        const Item& keys = r.dynamodb.keys;
        auto pk = keys.find("pk");
        if (pk == keys.end()) {
          return Violation(where + ": record without its key: " + Describe(r));
        }
        const std::string key = pk->second.scalar();
        if (r.event_name == EventName::kModify &&
            r.dynamodb.old_image == r.dynamodb.new_image) {
          return Violation(absl::StrCat(where, ": MODIFY record ", seq,
                                        " changes nothing: ", Describe(r)));
        }
        auto last = last_image.find(key);
        const bool known = last != last_image.end();
        if (r.event_name == EventName::kInsert) {
          if (known && last->second.has_value()) {
            return Violation(absl::StrCat(where, ": INSERT ", seq, " of key ",
                                          key, " which exists: ",
                                          Describe(last->second)));
          }
        } else if (known) {
          if (r.dynamodb.old_image != last->second) {
            return Violation(absl::StrCat(
                where, ": record ", seq, " of key ", key, " has old image ",
                Describe(r.dynamodb.old_image),
                " but the key's previous record left ",
                Describe(last->second)));
          }
        } else if (from_creation) {
          return Violation(absl::StrCat(where, ": ", Describe(r),
                                        " for key ", key,
                                        " that was never inserted"));
        }
        last_image[key] = r.dynamodb.new_image;
        checks_ += 3;
      }
      if (range.ending_sequence_number && !s.records.empty() &&
          *range.ending_sequence_number !=
              s.records.back().dynamodb.sequence_number) {
        return Violation(absl::StrCat(
            where, " ends at ", *range.ending_sequence_number,
            " but its last record is ",
            s.records.back().dynamodb.sequence_number));
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckItemCount(const std::string& table, int64_t present) {
    TABLESTREAM_ASSIGN_OR_RETURN(TableDescription d,
                                 engine().DescribeTable(table));
    if (d.item_count != present) {
      return Violation(absl::StrCat(table, ": ItemCount is ", d.item_count,
                                    " but ", present,
                                    " items are present"));
    }
    ++checks_;
    return absl::OkStatus();
  }

  // Whether the key's records are exactly the effects of its journaled
  // writes in order: each acknowledged write made its record (or changed
  // nothing, and then with the outcome it was acknowledged with), a write in
  // flight at a kill may or may not have, and nothing else wrote. Writes in
  // flight make it a search: a delete in flight and a later delete of the
  // same item make the same record, so either may own it. The state after
  // consuming records[0, next) is records[next-1]'s new image, so a failed
  // (op, next) pair is remembered and the search is polynomial.
  absl::Status MatchKeyHistory(const std::string& key,
                               const std::vector<const JournaledOp*>& ops,
                               const std::vector<const StreamRecord*>& records) {
    std::set<std::pair<size_t, size_t>> failed;
    absl::Status deepest;  // the failure at the latest op: the diagnosis
    size_t deepest_op = 0;
    auto fail = [&](size_t i, absl::Status s) {
      if (deepest.ok() || i >= deepest_op) {
        deepest = s;
        deepest_op = i;
      }
      return s;
    };
    std::function<absl::Status(size_t, size_t)> match =
        [&](size_t i, size_t next) -> absl::Status {
      if (failed.count({i, next})) return Violation("(explored)");
      const std::optional<Item> state =
          next == 0 ? std::nullopt : records[next - 1]->dynamodb.new_image;
      absl::Status result = absl::OkStatus();
      if (i == ops.size()) {
        if (next != records.size()) {
          result = fail(i, Violation(absl::StrCat(
                               "Items key ", key,
                               ": record without a journaled write: ",
                               Describe(*records[next]))));
        }
      } else {
        const JournaledOp& j = *ops[i];
        const Effect e = j.op.kind == "txn"
                             ? ApplyTransactionModel(state, j.op, key)
                             : ApplyModel(state, j.op);
        // An empty model outcome: the write happened iff it was
        // acknowledged "ok" (the other key of a transaction decided).
        const bool decided_elsewhere = e.outcome.empty();
        if (j.outcome && !decided_elsewhere && *j.outcome != e.outcome) {
          result = fail(i, Violation(absl::StrCat(
                               "Items key ", key, ": ", Describe(j),
                               " but from the item ", Describe(state),
                               " it should have been ", e.outcome)));
        } else if (!e.changed ||
                   (decided_elsewhere && j.outcome && *j.outcome != "ok")) {
          result = match(i + 1, next);
        } else {
          const EventName event = !state    ? EventName::kInsert
                                  : e.after ? EventName::kModify
                                            : EventName::kRemove;
          const bool can_apply =
              next < records.size() && records[next]->event_name == event &&
              records[next]->dynamodb.new_image == e.after &&
              records[next]->dynamodb.old_image == state;
          result = can_apply ? match(i + 1, next + 1)
                             : fail(i, Violation(absl::StrCat(
                                           "Items key ", key,
                                           ": acknowledged write lost: ",
                                           Describe(j),
                                           " should have made the record ",
                                           EventNameName(event), " new ",
                                           Describe(e.after), " old ",
                                           Describe(state), "; the stream has ",
                                           next < records.size()
                                               ? Describe(*records[next])
                                               : std::string(
                                                     "no further record"))));
          // A write in flight may not have happened.
          if (!result.ok() && !j.outcome) result = match(i + 1, next);
        }
      }
      if (!result.ok()) failed.insert({i, next});
      return result;
    };
    if (match(0, 0).ok()) {
      checks_ += ops.size() + records.size();
      return absl::OkStatus();
    }
    return deepest;
  }

  // The description of `table`, or nullopt if it need not be checked: its
  // creation was never begun, or was in flight at a kill and did not
  // happen. A table whose acknowledged creation is gone is a violation.
  absl::StatusOr<std::optional<TableDescription>> TableToCheck(
      const std::string& name) {
    if (!Created(name, /*acknowledged_only=*/false)) return std::nullopt;
    absl::StatusOr<TableDescription> table = engine().DescribeTable(name);
    if (table.ok()) return std::optional<TableDescription>(*std::move(table));
    if (!Created(name, true) &&
        ExceptionName(table.status()) == kResourceNotFoundException) {
      return std::nullopt;  // its creation was lost with its ack
    }
    return Violation(absl::StrCat(name, ": ", table.status().ToString()));
  }

  // The one stream of `name`, enabled since the table's creation: all its
  // records, after the checks every stream gets (CheckStream).
  absl::StatusOr<StreamContents> OnlyStream(const std::string& name) {
    TABLESTREAM_ASSIGN_OR_RETURN(std::vector<std::string> arns,
                                 TableStreamArns(engine(), name));
    if (arns.size() != 1) {
      return Violation(absl::StrCat(name, " has ", arns.size(),
                                    " streams; expected 1"));
    }
    TABLESTREAM_ASSIGN_OR_RETURN(StreamContents stream,
                                 ReadStreamContents(engine(), arns[0]));
    TABLESTREAM_RETURN_IF_ERROR(CheckStream(stream, /*from_creation=*/true));
    return stream;
  }

  // Items: the table is the fold of its stream, and the stream is the
  // effects of the journaled writes.
  absl::Status CheckItemsTable() {
    TABLESTREAM_ASSIGN_OR_RETURN(std::optional<TableDescription> table,
                                 TableToCheck(kItemsTable));
    if (!table) return absl::OkStatus();
    TABLESTREAM_ASSIGN_OR_RETURN(items_stream_, OnlyStream(kItemsTable));

    std::map<std::string, std::vector<const StreamRecord*>> records_by_key;
    for (const ShardContents& s : items_stream_.shards) {
      for (const StreamRecord& r : s.records) {
        records_by_key[r.dynamodb.keys.at("pk").scalar()].push_back(&r);
      }
    }
    int64_t present = 0;
    for (const auto& [key, ops] : OpsByKey(kItemsTable)) {
      const std::vector<const StreamRecord*>& records = records_by_key[key];
      TABLESTREAM_RETURN_IF_ERROR(MatchKeyHistory(key, ops, records));
      const std::optional<Item> state =
          records.empty() ? std::nullopt : records.back()->dynamodb.new_image;
      TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                                   GetItem(kItemsTable, key));
      if (item != state) {
        return Violation(absl::StrCat(
            "Items key ", key, ": the item is ", Describe(item),
            " but the fold of its stream records is ", Describe(state)));
      }
      if (item) ++present;
      ++checks_;
      records_by_key.erase(key);
    }
    for (const auto& [key, records] : records_by_key) {
      if (!records.empty()) {
        return Violation(absl::StrCat("Items key ", key,
                                      " has records but no journaled write: ",
                                      Describe(*records[0])));
      }
    }
    return CheckItemCount(kItemsTable, present);
  }

  // Toggled: items are their last write, the stream state its last toggle,
  // every stream's records name journaled writes in order.
  absl::Status CheckToggledTable() {
    TABLESTREAM_ASSIGN_OR_RETURN(std::optional<TableDescription> table,
                                 TableToCheck(kToggledTable));
    if (!table) return absl::OkStatus();
    // The stream state: the last acknowledged toggle's, or a later one in
    // flight.
    std::set<bool> allowed = {true};  // created with its stream enabled
    for (const JournaledOp& j : ops_) {
      if (j.op.table != kToggledTable ||
          (j.op.kind != "enable" && j.op.kind != "disable")) {
        continue;
      }
      const bool enabled = j.op.kind == "enable";
      if (j.outcome) allowed = {enabled};
      else allowed.insert(enabled);
    }
    const bool enabled = table->stream_specification &&
                         table->stream_specification->stream_enabled;
    if (!allowed.count(enabled)) {
      return Violation(absl::StrCat(
          "Toggled: the stream is ", enabled ? "enabled" : "disabled",
          " against the last acknowledged UpdateTable"));
    }
    ++checks_;

    // Items.
    std::map<std::string, size_t> op_index;  // op id -> journal index
    std::map<size_t, std::string> op_key;
    int64_t present = 0;
    for (const auto& [key, ops] : OpsByKey(kToggledTable)) {
      std::vector<std::optional<Item>> candidates = {std::nullopt};
      for (const JournaledOp* j : ops) {
        std::optional<Item> after;
        if (j->op.kind == "put") {
          after = Item{{"pk", AttributeValue::S(key)},
                       {"op", AttributeValue::S(j->op.id)},
                       {"v", AttributeValue::N(absl::StrCat(j->op.value))}};
          op_index[j->op.id] = j->index;
        }
        if (j->outcome) candidates.clear();
        candidates.push_back(after);
      }
      TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                                   GetItem(kToggledTable, key));
      bool found = false;
      for (const auto& c : candidates) found = found || c == item;
      if (!found) {
        return Violation(absl::StrCat(
            "Toggled key ", key, ": the item is ", Describe(item),
            " but the last acknowledged write left ",
            Describe(candidates.front())));
      }
      if (item) ++present;
      ++checks_;
    }
    TABLESTREAM_RETURN_IF_ERROR(CheckItemCount(kToggledTable, present));

    // Streams.
    TABLESTREAM_ASSIGN_OR_RETURN(std::vector<std::string> arns,
                                 TableStreamArns(engine(), kToggledTable));
    for (size_t i = 0; i < arns.size(); ++i) {
      TABLESTREAM_ASSIGN_OR_RETURN(StreamContents stream,
                                   ReadStreamContents(engine(), arns[i]));
      if (i + 1 < arns.size() &&
          stream.description.stream_status != "DISABLED") {
        return Violation(absl::StrCat("Toggled stream ", arns[i], " is ",
                                      stream.description.stream_status,
                                      " but a newer stream exists"));
      }
      TABLESTREAM_RETURN_IF_ERROR(CheckStream(stream, i == 0));
      std::map<std::string, size_t> last_index;  // key -> journal index
      for (const ShardContents& s : stream.shards) {
        for (const StreamRecord& r : s.records) {
          if (!r.dynamodb.new_image) continue;
          const std::string key = r.dynamodb.keys.at("pk").scalar();
          auto op = r.dynamodb.new_image->find("op");
          auto index = op == r.dynamodb.new_image->end()
                           ? op_index.end()
                           : op_index.find(op->second.scalar());
          if (index == op_index.end()) {
            return Violation(absl::StrCat("Toggled stream ", arns[i],
                                          ": record of no journaled put: ",
                                          Describe(r)));
          }
          auto last = last_index.find(key);
          if (last != last_index.end() && last->second >= index->second) {
            return Violation(absl::StrCat(
                "Toggled stream ", arns[i], ": ", Describe(r),
                " comes after a record of a later write of key ", key));
          }
          last_index[key] = index->second;
          ++checks_;
        }
      }
    }
    return absl::OkStatus();
  }

  // Each transaction is whole: its two Items records and its Ledger record
  // all exist (it committed) or none does; an acknowledged one committed, a
  // cancelled one did not; Ledger holds nothing else and is the fold of its
  // stream.
  absl::Status CheckTransactions() {
    TABLESTREAM_ASSIGN_OR_RETURN(std::optional<TableDescription> table,
                                 TableToCheck(kLedgerTable));
    if (!table) return absl::OkStatus();
    TABLESTREAM_ASSIGN_OR_RETURN(StreamContents ledger,
                                 OnlyStream(kLedgerTable));
    std::set<std::string> committed;  // op ids with a Ledger record
    for (const ShardContents& s : ledger.shards) {
      for (const StreamRecord& r : s.records) {
        if (r.event_name != EventName::kInsert) {
          return Violation("Ledger: a record other than an INSERT: " +
                           Describe(r));
        }
        committed.insert(r.dynamodb.keys.at("pk").scalar());
      }
    }
    std::set<std::pair<std::string, std::string>> written;  // (key, op id)
    for (const ShardContents& s : items_stream_.shards) {
      for (const StreamRecord& r : s.records) {
        if (!r.dynamodb.new_image) continue;
        auto op = r.dynamodb.new_image->find("op");
        if (op == r.dynamodb.new_image->end()) continue;
        written.insert({r.dynamodb.keys.at("pk").scalar(), op->second.scalar()});
      }
    }
    for (const JournaledOp& j : ops_) {
      if (j.op.kind != "txn") continue;
      const std::vector<std::string> keys = absl::StrSplit(j.op.key, ',');
      const bool in_ledger = committed.erase(j.op.id) > 0;
      const bool first = written.count({keys[0], j.op.id}) > 0;
      const bool second = written.count({keys[1], j.op.id}) > 0;
      const std::string parts = absl::StrCat(
          "Items ", keys[0], " ", first ? "written" : "not written", ", Items ",
          keys[1], " ", second ? "written" : "not written", ", Ledger ",
          in_ledger ? "written" : "not written");
      if (first != second || second != in_ledger) {
        return Violation(absl::StrCat("transaction ", Describe(j),
                                      " is torn: ", parts));
      }
      if (j.outcome && (*j.outcome == "ok") != in_ledger) {
        return Violation(absl::StrCat("transaction ", Describe(j), " but ",
                                      parts));
      }
      TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                                   GetItem(kLedgerTable, j.op.id));
      if (item.has_value() != in_ledger) {
        return Violation(absl::StrCat("Ledger item of ", Describe(j), " is ",
                                      Describe(item), " against its stream"));
      }
      checks_ += 4;
    }
    if (!committed.empty()) {
      return Violation("Ledger has a record of no journaled transaction: " +
                       *committed.begin());
    }
    // Every Ledger record is the INSERT of a distinct item.
    return CheckItemCount(kLedgerTable, CountItems(ledger));
  }

  static int64_t CountItems(const StreamContents& stream) {
    int64_t n = 0;
    for (const ShardContents& s : stream.shards) {
      n += static_cast<int64_t>(s.records.size());
    }
    return n;
  }

  absl::Status CheckItemsConsumers() {
    if (items_stream_.shards.empty()) return absl::OkStatus();
    ConsumerExpectations expected;
    for (const JournaledOp& j : ops_) {
      if (j.op.kind != "consumer" || !j.outcome) continue;
      if (j.op.id == kReaderConsumer) expected.reader_created = true;
      if (j.op.id == kTallyConsumer) expected.tally_created = true;
    }
    for (const JournaledOp& j : ops_) {
      if (j.op.kind == "trigger" && j.outcome) expected.trigger_created = true;
    }
    TABLESTREAM_ASSIGN_OR_RETURN(
        const int64_t checked,
        CheckConsumers(engine(), items_stream_, expected));
    checks_ += checked;
    return absl::OkStatus();
  }

  // Reopens with the clock where half of Items' records have expired.
  absl::Status CheckRetention() {
    std::vector<const StreamRecord*> all;
    for (const ShardContents& s : items_stream_.shards) {
      for (const StreamRecord& r : s.records) all.push_back(&r);
    }
    if (all.size() < 2) return absl::OkStatus();
    const int64_t cut = all[all.size() / 2]->dynamodb.approximate_creation_date_time;
    if (all.front()->dynamodb.approximate_creation_date_time >= cut) {
      return absl::OkStatus();  // all in one second: nothing to split
    }
    const int64_t retention = context_.options.stream_retention_seconds;
    Options options = context_.options;
    options.clock = std::make_shared<ManualClock>((cut + retention) * 1000000);
    TABLESTREAM_RETURN_IF_ERROR(context_.reopen(options));
    const std::string& arn = items_stream_.description.stream_arn;
    TABLESTREAM_ASSIGN_OR_RETURN(StreamContents later,
                                 ReadStreamContents(engine(), arn));
    event_ids_.clear();  // the same records again
    TABLESTREAM_RETURN_IF_ERROR(CheckStream(later, false));
    std::vector<const StreamRecord*> visible;
    for (const ShardContents& s : later.shards) {
      for (const StreamRecord& r : s.records) visible.push_back(&r);
    }
    const std::string where = absl::StrCat(
        "retention: with the clock ", retention,
        " s after second ", cut, ", ");
    if (visible.size() > all.size()) {
      return Violation(where + "more records are readable than exist");
    }
    const size_t skipped = all.size() - visible.size();
    for (size_t i = 0; i < visible.size(); ++i) {
      if (visible[i]->dynamodb.sequence_number !=
          all[skipped + i]->dynamodb.sequence_number) {
        return Violation(where + "the readable records are not the newest");
      }
      if (visible[i]->dynamodb.approximate_creation_date_time < cut) {
        return Violation(absl::StrCat(where, "expired record ",
                                      visible[i]->dynamodb.sequence_number,
                                      " is readable"));
      }
    }
    if (skipped > 0 &&
        all[skipped - 1]->dynamodb.approximate_creation_date_time > cut) {
      return Violation(absl::StrCat(where, "live record ",
                                    all[skipped - 1]->dynamodb.sequence_number,
                                    " is not readable"));
    }
    // A position below the trim point is refused.
    const ShardContents& first_shard = items_stream_.shards.front();
    if (!first_shard.records.empty() &&
        first_shard.records.front().dynamodb.approximate_creation_date_time <
            cut) {
      absl::StatusOr<std::string> it = engine().GetShardIterator(
          {arn, first_shard.shard.shard_id,
           ShardIteratorType::kAtSequenceNumber,
           first_shard.records.front().dynamodb.sequence_number,
           {}});
      const std::string name = it.ok() ? "" : ExceptionName(it.status());
      if (name != kTrimmedDataAccessException &&
          name != kResourceNotFoundException) {
        return Violation(absl::StrCat(
            where, "AT_SEQUENCE_NUMBER of expired record ",
            first_shard.records.front().dynamodb.sequence_number, " gave ",
            it.ok() ? "an iterator" : it.status().ToString()));
      }
    }
    checks_ += 1 + visible.size();
    return absl::OkStatus();
  }

  CrashCheckContext& context_;
  std::vector<JournaledOp> ops_;
  absl::Status parse_error_;
  std::set<std::string> event_ids_;
  StreamContents items_stream_;
  int64_t checks_ = 0;
};

}  // namespace

absl::StatusOr<int64_t> StandardWorkload::Check(CrashCheckContext& context) {
  StandardChecker checker(context);
  return checker.Run();
}

}  // namespace crash
}  // namespace tablestream
