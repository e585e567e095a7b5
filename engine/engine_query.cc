// Copyright 2026 The tablestream Authors.
//
// Query and Scan: one page of items read from the items column family in
// key order, through a RocksDB iterator (its implicit snapshot makes a page
// consistent). The requests are validated and their expressions compiled
// before anything is read.

#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/expression_compile.h"
#include "engine/item_key.h"
#include "engine/key_condition.h"
#include "engine/projection.h"
#include "proto/item_codec.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/key_encoding.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// Settings shared by Query and Scan, checked and compiled.
struct PagePlan {
  Select select = Select::kAllAttributes;
  std::optional<int> limit;
  std::optional<Condition> filter;
  std::optional<std::vector<DocumentPath>> projection;
  std::optional<Item> exclusive_start_key;  // canonical, validated
};

absl::StatusOr<Select> ResolveSelect(std::optional<Select> select,
                                     bool has_projection) {
  if (!select.has_value()) {
    return has_projection ? Select::kSpecificAttributes
                          : Select::kAllAttributes;
  }
  if (has_projection && *select == Select::kAllAttributes) {
    return ValidationError(
        "Cannot specify the AttributesToGet or ProjectionExpression when "
        "choosing to get ALL_ATTRIBUTES");
  }
  if (has_projection && *select == Select::kCount) {
    return ValidationError(
        "Cannot specify the AttributesToGet or ProjectionExpression when "
        "choosing to get COUNT");
  }
  if (!has_projection && *select == Select::kSpecificAttributes) {
    return ValidationError(
        "Must specify the AttributesToGet or ProjectionExpression when "
        "choosing to get SPECIFIC_ATTRIBUTES");
  }
  return *select;
}

absl::Status CheckLimit(std::optional<int> limit) {
  if (limit.has_value() && *limit < 1) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value '", *limit,
        "' at 'limit' failed to satisfy constraint: Member must have value "
        "greater than or equal to 1"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Item>> PrepareStartKey(
    const KeySchema& schema, const std::optional<Item>& key) {
  if (!key.has_value()) return std::optional<Item>();
  Item canonical = *key;
  absl::Status s = CanonicalizeItem(&canonical);
  if (s.ok()) s = ValidateKey(schema, canonical, KeyCheck::kKeyOnly);
  if (!s.ok()) {
    return ValidationError(absl::StrCat(
        "The provided starting key is invalid: ", ErrorMessage(s)));
  }
  return std::optional<Item>(std::move(canonical));
}

// The first key attribute a condition reads, if any.
const std::string* KeyAttributeIn(const Condition& c, const KeySchema& schema) {
  for (const Operand& operand : c.operands) {
    if (operand.kind == Operand::Kind::kValue || operand.path.empty()) continue;
    const std::string& name = operand.path[0].name;
    if (name == schema.partition_name ||
        (schema.sort_name && name == *schema.sort_name)) {
      return &name;
    }
  }
  for (const Condition& child : c.children) {
    if (const std::string* name = KeyAttributeIn(child, schema)) return name;
  }
  return nullptr;
}

// Collects the items of one page.
class PageBuilder {
 public:
  PageBuilder(const KeySchema& schema, const PagePlan& plan)
      : schema_(schema), plan_(plan) {}

  // Adds an item read; returns whether the page is now full.
  absl::StatusOr<bool> Add(Item item) {
    ++page_.scanned_count;
    bytes_ += ItemSize(item);
    last_key_ = ExtractKey(schema_, item);
    bool keep = true;
    if (plan_.filter) {
      TABLESTREAM_ASSIGN_OR_RETURN(keep,
                                   EvaluateCondition(*plan_.filter, &item));
    }
    if (keep) {
      ++page_.count;
      if (plan_.select != Select::kCount) {
        page_.items.push_back(plan_.projection
                                  ? ProjectItem(item, *plan_.projection)
                                  : std::move(item));
      }
    }
    full_ = (plan_.limit && page_.scanned_count >= *plan_.limit) ||
            bytes_ >= kMaxPageBytes;
    return full_;
  }

  ReadPage Finish() {
    if (full_) page_.last_evaluated_key = std::move(last_key_);
    return std::move(page_);
  }

 private:
  const KeySchema& schema_;
  const PagePlan& plan_;
  ReadPage page_;
  int64_t bytes_ = 0;
  bool full_ = false;
  Item last_key_;
};

absl::StatusOr<PagePlan> Plan(const KeySchema& schema,
                              CompiledExpressions compiled,
                              std::optional<Select> select,
                              std::optional<int> limit,
                              const std::optional<Item>& start_key) {
  PagePlan plan;
  TABLESTREAM_ASSIGN_OR_RETURN(
      plan.select, ResolveSelect(select, compiled.projection.has_value()));
  TABLESTREAM_RETURN_IF_ERROR(CheckLimit(limit));
  plan.limit = limit;
  plan.filter = std::move(compiled.filter);
  plan.projection = std::move(compiled.projection);
  TABLESTREAM_ASSIGN_OR_RETURN(plan.exclusive_start_key,
                               PrepareStartKey(schema, start_key));
  return plan;
}

// The smallest key greater than every key starting with `prefix`.
std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) {
    prefix.pop_back();
  }
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// FNV-1a of the partition key's encoding: stable across runs and versions.
uint64_t PartitionHash(const AttributeValue& partition) {
  std::string bytes;
  AppendOrderedKeyComponent(&bytes, partition);
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// An items column family iterator confined to [lower, upper). It owns its
// bounds, which RocksDB reads through pointers.
class RangeIterator {
 public:
  RangeIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                std::string lower, std::string upper)
      : lower_(std::move(lower)),
        upper_(std::move(upper)),
        lower_slice_(lower_),
        upper_slice_(upper_) {
    rocksdb::ReadOptions options;
    options.iterate_lower_bound = &lower_slice_;
    options.iterate_upper_bound = &upper_slice_;
    it_.reset(db->NewIterator(options, cf));
  }
  rocksdb::Iterator* operator->() { return it_.get(); }

 private:
  const std::string lower_;
  const std::string upper_;
  const rocksdb::Slice lower_slice_;
  const rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// What a page does with an item read.
enum class Verdict { kSkip, kTake, kStop };

// Reads items from the iterator's position on (forward or backward), skips
// the exclusive start key, asks `judge` about each item and collects the
// taken ones until the page is full or `judge` says stop.
template <typename Judge>
absl::StatusOr<ReadPage> ReadPageFrom(RangeIterator& it, bool forward,
                                      const std::string& start_key,
                                      const KeySchema& schema,
                                      const PagePlan& plan, Judge judge) {
  PageBuilder page(schema, plan);
  for (; it->Valid(); forward ? it->Next() : it->Prev()) {
    if (!start_key.empty() && it->key() == rocksdb::Slice(start_key)) continue;
    TABLESTREAM_ASSIGN_OR_RETURN(
        Item item,
        DecodeItem(std::string_view(it->value().data(), it->value().size())));
    const Verdict verdict = judge(item);
    if (verdict == Verdict::kSkip) continue;
    if (verdict == Verdict::kStop) break;
    TABLESTREAM_ASSIGN_OR_RETURN(bool full, page.Add(std::move(item)));
    if (full) break;
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "items read"));
  return page.Finish();
}

}  // namespace

absl::StatusOr<ReadPage> EngineImpl::Query(const QueryRequest& request) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(request.table_name));
  const KeySchema& schema = table->key_schema;
  ExpressionParameters p;
  p.key_condition = request.key_condition_expression;
  p.filter = request.filter_expression;
  p.projection = request.projection_expression;
  p.names = &request.placeholders.names;
  p.values = &request.placeholders.values;
  TABLESTREAM_ASSIGN_OR_RETURN(CompiledExpressions compiled,
                               CompileExpressions(p));
  TABLESTREAM_ASSIGN_OR_RETURN(
      KeyCondition key, ReduceKeyCondition(*compiled.key_condition, schema));
  if (compiled.filter) {
    if (const std::string* name = KeyAttributeIn(*compiled.filter, schema)) {
      return ValidationError(absl::StrCat(
          "Filter Expression can only contain non-primary key attributes: "
          "Primary key attribute: ",
          *name));
    }
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      PagePlan plan, Plan(schema, std::move(compiled), request.select,
                          request.limit, request.exclusive_start_key));
  if (plan.exclusive_start_key &&
      plan.exclusive_start_key->at(schema.partition_name) != key.partition) {
    return ValidationError(
        "The provided starting key is invalid: its partition key is not the "
        "one of the key condition");
  }

  std::string prefix = TableKeyBegin(table->info.table_id());
  AppendOrderedKeyComponent(&prefix, key.partition);
  RangeIterator it(db_.get(), context_.items_cf, prefix,
                   PrefixSuccessor(prefix));
  std::string start_key;
  if (plan.exclusive_start_key) {
    start_key = ItemStorageKey(table->info.table_id(), schema,
                               *plan.exclusive_start_key);
  }
  using SortOp = KeyCondition::SortOp;
  const bool forward = request.scan_index_forward;
  // Position the iterator at the first candidate in reading order.
  std::string seek;
  if (forward) {
    seek = prefix;
    if (key.sort_op == SortOp::kEq || key.sort_op == SortOp::kGe ||
        key.sort_op == SortOp::kGt || key.sort_op == SortOp::kBetween ||
        key.sort_op == SortOp::kBeginsWith) {
      AppendOrderedKeyComponent(&seek, key.lo);
    }
    if (!start_key.empty() && start_key > seek) seek = start_key;
    it->Seek(seek);
  } else {
    if (key.sort_op == SortOp::kEq || key.sort_op == SortOp::kLe ||
        key.sort_op == SortOp::kLt || key.sort_op == SortOp::kBetween) {
      seek = prefix;
      AppendOrderedKeyComponent(
          &seek, key.sort_op == SortOp::kBetween ? key.hi : key.lo);
    }
    if (!start_key.empty() && (seek.empty() || start_key < seek)) {
      seek = start_key;
    }
    if (seek.empty()) {
      it->SeekToLast();
    } else {
      it->SeekForPrev(seek);
    }
  }
  return ReadPageFrom(
      it, forward, start_key, schema, plan, [&](const Item& item) {
        if (!schema.sort_name) return Verdict::kTake;
        const int pos = SortKeyPosition(key, item.at(*schema.sort_name));
        if (pos == 0) return Verdict::kTake;
        // Before the range when reading forward (or after it backward): not
        // there yet. Otherwise past it: done.
        return (pos < 0) == forward ? Verdict::kSkip : Verdict::kStop;
      });
}

absl::StatusOr<ReadPage> EngineImpl::Scan(const ScanRequest& request) {
  TABLESTREAM_ASSIGN_OR_RETURN(auto table, FindTable(request.table_name));
  const KeySchema& schema = table->key_schema;
  if (request.segment.has_value() != request.total_segments.has_value()) {
    return ValidationError(
        request.segment.has_value()
            ? "The TotalSegments parameter is required but was not present "
              "in the request when Segment parameter is present"
            : "The Segment parameter is required but was not present in the "
              "request when parameter TotalSegments is present");
  }
  if (request.total_segments) {
    const int total = *request.total_segments;
    const int segment = *request.segment;
    if (total < 1 || total > 1000000) {
      return ValidationError(absl::StrCat(
          "1 validation error detected: Value '", total,
          "' at 'totalSegments' failed to satisfy constraint: Member must "
          "have value ",
          total < 1 ? "greater than or equal to 1"
                    : "less than or equal to 1000000"));
    }
    if (segment < 0) {
      return ValidationError(absl::StrCat(
          "1 validation error detected: Value '", segment,
          "' at 'segment' failed to satisfy constraint: Member must have "
          "value greater than or equal to 0"));
    }
    if (segment >= total) {
      return ValidationError(absl::StrCat(
          "The Segment parameter is zero-based and must be less than "
          "parameter TotalSegments: Segment: ",
          segment, " is not less than TotalSegments: ", total));
    }
  }
  ExpressionParameters p;
  p.filter = request.filter_expression;
  p.projection = request.projection_expression;
  p.names = &request.placeholders.names;
  p.values = &request.placeholders.values;
  TABLESTREAM_ASSIGN_OR_RETURN(CompiledExpressions compiled,
                               CompileExpressions(p));
  TABLESTREAM_ASSIGN_OR_RETURN(
      PagePlan plan, Plan(schema, std::move(compiled), request.select,
                          request.limit, request.exclusive_start_key));
  auto in_segment = [&](const Item& item) {
    if (!request.total_segments) return true;
    return PartitionHash(item.at(schema.partition_name)) %
               static_cast<uint64_t>(*request.total_segments) ==
           static_cast<uint64_t>(*request.segment);
  };
  if (plan.exclusive_start_key && !in_segment(*plan.exclusive_start_key)) {
    return ValidationError(
        "The provided Exclusive start key does not map to the provided "
        "segment");
  }

  RangeIterator it(db_.get(), context_.items_cf,
                   TableKeyBegin(table->info.table_id()),
                   TableKeyEnd(table->info.table_id()));
  std::string start_key;
  if (plan.exclusive_start_key) {
    start_key = ItemStorageKey(table->info.table_id(), schema,
                               *plan.exclusive_start_key);
    it->Seek(start_key);
  } else {
    it->SeekToFirst();
  }
  return ReadPageFrom(it, true, start_key, schema, plan, [&](const Item& item) {
    return in_segment(item) ? Verdict::kTake : Verdict::kSkip;
  });
}

}  // namespace tablestream
