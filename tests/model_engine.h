// Copyright 2026 The tablestream Authors.
//
// ModelEngine is a plain in-memory model of tables and their streams, in the
// manner of LevelDB's ModelDB: for each write it computes, from DynamoDB's
// documented semantics alone, the expected outcome (success or the exception
// names allowed), the item after the write, the record the write adds (or
// none, for a write that changes nothing) and what ReturnValues returns.
//
// It models the legacy parameters the public API has: Expected (short form,
// and EQ, NE, NULL, NOT_NULL, LT, GT with one N or any value), and
// AttributeUpdates (PUT, DELETE with and without a set, ADD of N and sets).
// Requests given to it must be canonical (numbers from CanonicalNumber, sets
// sorted), and numbers must have at most two decimals (random_values.h).
//
// Not thread-safe.

#ifndef TABLESTREAM_TESTS_MODEL_ENGINE_H_
#define TABLESTREAM_TESTS_MODEL_ENGINE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tablestream/item.h"
#include "tablestream/stream.h"
#include "tablestream/table.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {

struct ModelTableSpec {
  std::string name;
  KeyAttribute hash;
  std::optional<KeyAttribute> range;
  std::optional<StreamViewType> view;  // nullopt: no stream
};

// A record as the model expects it, with both images; which of them a
// reader sees depends on the view type (ExpectedImages).
struct ModelRecord {
  EventName event = EventName::kInsert;
  Item keys;
  std::optional<Item> old_image;
  std::optional<Item> new_image;
  int64_t creation_seconds = 0;
};

struct ModelOutcome {
  // Empty: the write must succeed. Otherwise it must fail with one of these
  // exception names and change nothing.
  std::vector<std::string> allowed_exceptions;
  // On success: the record the write added, if it changed the item.
  std::optional<ModelRecord> record;
  // On success: WriteResult::attributes.
  std::optional<Item> returned;
};

class ModelTable {
 public:
  explicit ModelTable(ModelTableSpec spec) : spec_(std::move(spec)) {}

  const ModelTableSpec& spec() const { return spec_; }
  // The key attributes of `item`.
  Item KeyOf(const Item& item) const;
  // nullptr if absent.
  const Item* Find(const Item& key) const;
  const std::map<std::string, Item>& items() const { return items_; }
  const std::vector<ModelRecord>& records() const { return records_; }

  ModelOutcome Put(const Item& item, const ExpectedConditions& expected,
                   ReturnValue return_values, int64_t now_seconds);
  ModelOutcome Update(
      const Item& key,
      const std::map<std::string, AttributeValueUpdate>& updates,
      const ExpectedConditions& expected, ReturnValue return_values,
      int64_t now_seconds);
  ModelOutcome Delete(const Item& key, const ExpectedConditions& expected,
                      ReturnValue return_values, int64_t now_seconds);

 private:
  // Applies the change from `old` to `updated` to the model; returns the
  // record, if the item changed.
  std::optional<ModelRecord> Commit(const Item& key,
                                    const std::optional<Item>& old,
                                    const std::optional<Item>& updated,
                                    int64_t now_seconds);

  ModelTableSpec spec_;
  std::map<std::string, Item> items_;  // KeyString(key) -> item
  std::vector<ModelRecord> records_;   // only if the table has a stream
};

// Whether the Expected conditions hold for `item` (nullptr: no item).
bool ModelConditionHolds(const ExpectedConditions& expected, const Item* item);

// The images a record of `view` carries for `record` (semantics reference,
// section 2): {new_image, old_image}.
std::pair<std::optional<Item>, std::optional<Item>> ExpectedImages(
    const ModelRecord& record, StreamViewType view);

// Whether `got` is `want` as a reader of a `view` stream sees it: event,
// keys and images.
bool RecordMatches(const StreamRecord& got, const ModelRecord& want,
                   StreamViewType view);
std::string ModelRecordDebugString(const ModelRecord& record,
                                   StreamViewType view);

// A model of a table whose stream (NEW_IMAGE or NEW_AND_OLD_IMAGES) holds
// `records` from the table's creation: the items are their fold, and the
// model's records are `records`.
ModelTable ReplayStream(const ModelTableSpec& spec,
                        const std::vector<StreamRecord>& records);

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_MODEL_ENGINE_H_
