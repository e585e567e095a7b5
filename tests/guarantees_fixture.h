// Copyright 2026 The tablestream Authors.
//
// The fixture shared by guarantees_test.cc (guarantee 3) and
// bad_input_test.cc (guarantee 9): an engine in a temp directory with a
// ManualClock and one table, "guarantees" (id S, rk S; NEW_AND_OLD_IMAGES),
// and helpers to count the records a write adds.

#ifndef TABLESTREAM_TESTS_GUARANTEES_FIXTURE_H_
#define TABLESTREAM_TESTS_GUARANTEES_FIXTURE_H_

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine_impl.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {

// id S, rk S; NEW_AND_OLD_IMAGES.
inline constexpr char kTable[] = "guarantees";

// A key of kTable.
inline Item Key(const std::string& id, const std::string& rk = "r") {
  return Item{{"id", S(id)}, {"rk", S(rk)}};
}

// `item` with attribute `name` set to `value`.
inline Item With(Item item, const std::string& name, AttributeValue value) {
  item[name] = std::move(value);
  return item;
}

class GuaranteesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = NewTestClock();
    Open();
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest(kTable, {"id", ScalarAttributeType::kS},
                     KeyAttribute{"rk", ScalarAttributeType::kS},
                     StreamViewType::kNewAndOldImages)));
  }

  // (Re)opens the engine on dir_.
  void Open() {
    engine_.reset();
    auto engine = OpenTestEngine(TestOptions(clock_), dir_.path());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }

  // The table's whole stream; checks that it is contiguous.
  std::vector<StreamRecord> Records(const std::string& table = kTable) {
    auto records = ReadTableStream(*engine_, table);
    EXPECT_TRUE(records.ok()) << records.status();
    if (!records.ok()) return {};
    EXPECT_TRUE(SequencesContiguous(*records));
    return *records;
  }

  // Runs `write`, expects it to succeed, and returns the records it added.
  std::vector<StreamRecord> RecordsOf(
      const std::function<absl::Status()>& write) {
    const size_t before = Records().size();
    absl::Status s = write();
    EXPECT_TRUE(s.ok()) << s;
    std::vector<StreamRecord> all = Records();
    clock_->AdvanceSeconds(1);
    return std::vector<StreamRecord>(all.begin() + std::min(before, all.size()),
                                     all.end());
  }

  absl::Status PutItem(const Item& item, ExpectedConditions expected = {}) {
    PutItemRequest r;
    r.table_name = kTable;
    r.item = item;
    r.expected = std::move(expected);
    return engine_->PutItem(r).status();
  }

  absl::Status Update(const Item& key,
                      std::map<std::string, AttributeValueUpdate> updates,
                      ExpectedConditions expected = {}) {
    UpdateItemRequest r;
    r.table_name = kTable;
    r.key = key;
    r.attribute_updates = std::move(updates);
    r.expected = std::move(expected);
    return engine_->UpdateItem(r).status();
  }

  // DescribeTable's item count; -1 (and a test failure) if it fails.
  int64_t ItemCount(const std::string& table = kTable) {
    auto d = engine_->DescribeTable(table);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->item_count : -1;
  }

  TempDir dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
};

inline AttributeValueUpdate Action(AttributeAction action,
                                   std::optional<AttributeValue> value = {}) {
  AttributeValueUpdate u;
  u.action = action;
  u.value = std::move(value);
  return u;
}

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_GUARANTEES_FIXTURE_H_
