// Copyright 2026 The tablestream Authors.
//
// BatchGetItem and BatchWriteItem through the C++ API: round trips, records,
// every limit, and the 16 MB response limit's unprocessed keys.

#include "engine/engine_test_fixture.h"

namespace tablestream {
namespace {

using BatchesTest = TwoTablesTest;

TEST_F(BatchesTest, WriteThenGetAcrossTables) {
  ASSERT_TRUE(Put("TabB", {{"pk", S("old")}}).ok());
  BatchWriteItemRequest write;
  write.request_items["TabA"] = {PutRequest{{{"pk", S("a1")}, {"x", N("1")}}},
                                 PutRequest{{{"pk", S("a2")}}}};
  write.request_items["TabB"] = {DeleteRequest{Key("old")},
                                 DeleteRequest{Key("never")}};
  auto written = engine_->BatchWriteItem(write);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_TRUE(written->unprocessed_items.empty());
  EXPECT_EQ(ReadAll(LatestStreamArn("TabA")).size(), 2u);
  std::vector<StreamRecord> b = ReadAll(LatestStreamArn("TabB"));
  ASSERT_EQ(b.size(), 2u);  // the put, then one REMOVE (not for "never")
  EXPECT_EQ(b[1].event_name, EventName::kRemove);

  BatchGetItemRequest get;
  get.request_items["TabA"].keys = {Key("a1"), Key("a2"), Key("a3")};
  get.request_items["TabA"].projection_expression = "x";
  get.request_items["TabB"].keys = {Key("old")};
  auto got = engine_->BatchGetItem(get);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->responses["TabA"].size(), 2u);
  EXPECT_EQ(got->responses["TabA"][0], (Item{{"x", N("1")}}));
  EXPECT_EQ(got->responses["TabA"][1], Item{});
  EXPECT_TRUE(got->responses["TabB"].empty());
  EXPECT_TRUE(got->unprocessed_keys.empty());
}

TEST_F(BatchesTest, BatchWriteLimitsWriteNothing) {
  auto refused = [&](const BatchWriteItemRequest& r, std::string_view exception,
                     std::string_view needle) {
    absl::Status s = engine_->BatchWriteItem(r).status();
    EXPECT_EQ(ExceptionName(s), exception) << s;
    EXPECT_NE(ErrorMessage(s).find(needle), std::string::npos) << s;
  };
  refused({}, kValidationException, "greater than or equal to 1");
  BatchWriteItemRequest r;
  r.request_items["TabA"] = {};
  refused(r, kValidationException, "greater than or equal to 1");
  r.request_items.clear();
  for (int i = 0; i < 13; ++i) {
    r.request_items["TabA"].push_back(PutRequest{Key(absl::StrCat("a", i))});
    r.request_items["TabB"].push_back(PutRequest{Key(absl::StrCat("b", i))});
  }
  refused(r, kValidationException,
          "Too many items requested for the BatchWriteItem call");
  r.request_items.clear();
  r.request_items["TabA"] = {PutRequest{Key("k")}, DeleteRequest{Key("k")}};
  refused(r, kValidationException,
          "Provided list of item keys contains duplicates");
  r.request_items["TabA"] = {PutRequest{Key("k")}};
  r.request_items["Nope"] = {PutRequest{Key("k")}};
  refused(r, kResourceNotFoundException, "Nope");
  r.request_items.erase("Nope");
  r.request_items["TabB"] = {PutRequest{{{"other", S("no key")}}}};
  refused(r, kValidationException, "");
  r.request_items.clear();
  for (int i = 0; i < 25; ++i) {  // 25 x 390,000 x 2 tables > 16 MB? no: 9.75
    r.request_items["TabA"].push_back(
        PutRequest{{{"pk", S(absl::StrCat("a", i))},
                    {"blob", S(std::string(400000, 'x'))}}});
  }
  // 25 items of 400,000 bytes are 10 MB: allowed, and written at once.
  ASSERT_TRUE(engine_->BatchWriteItem(r).ok());
  EXPECT_EQ(ReadAll(LatestStreamArn("TabA")).size(), 25u);
  EXPECT_TRUE(ReadAll(LatestStreamArn("TabB")).empty());
}

TEST_F(BatchesTest, BatchGetLimits) {
  auto refused = [&](const BatchGetItemRequest& r, std::string_view needle) {
    absl::Status s = engine_->BatchGetItem(r).status();
    EXPECT_EQ(ExceptionName(s), kValidationException) << s;
    EXPECT_NE(ErrorMessage(s).find(needle), std::string::npos) << s;
  };
  refused({}, "greater than or equal to 1");
  BatchGetItemRequest r;
  r.request_items["TabA"].keys = {Key("k"), Key("k")};
  refused(r, "Provided list of item keys contains duplicates");
  r.request_items["TabA"].keys.clear();
  refused(r, "greater than or equal to 1");
  for (int i = 0; i < 101; ++i) {
    r.request_items["TabA"].keys.push_back(Key(absl::StrCat("k", i)));
  }
  refused(r, "Too many items requested for the BatchGetItem call");
  r.request_items["TabA"].keys = {{{"pk", N("1")}}};
  refused(r, "");
  r.request_items.clear();
  r.request_items["Nope"].keys = {Key("k")};
  EXPECT_EQ(ExceptionName(engine_->BatchGetItem(r).status()),
            kResourceNotFoundException);
}

TEST_F(BatchesTest, ResponseStopsAtSixteenMegabytesWithUnprocessedKeys) {
  // 50 items of ~390 KB: about 43 fit in 16 MB.
  BatchGetItemRequest get;
  for (int batch = 0; batch < 2; ++batch) {
    BatchWriteItemRequest write;
    for (int i = 0; i < 25; ++i) {
      const std::string pk = absl::StrCat("k", batch * 25 + i);
      write.request_items["TabA"].push_back(
          PutRequest{{{"pk", S(pk)}, {"blob", S(std::string(390000, 'x'))}}});
      get.request_items["TabA"].keys.push_back(Key(pk));
    }
    ASSERT_TRUE(engine_->BatchWriteItem(write).ok());
  }
  get.request_items["TabA"].consistent_read = true;
  auto got = engine_->BatchGetItem(get);
  ASSERT_TRUE(got.ok()) << got.status();
  const size_t returned = got->responses["TabA"].size();
  const size_t left = got->unprocessed_keys["TabA"].keys.size();
  EXPECT_EQ(returned + left, 50u);
  EXPECT_EQ(returned, static_cast<size_t>(kMaxBatchBytes / 390005));
  EXPECT_TRUE(got->unprocessed_keys["TabA"].consistent_read);
  // Asking again for the unprocessed keys returns them.
  BatchGetItemRequest again;
  again.request_items = got->unprocessed_keys;
  auto rest = engine_->BatchGetItem(again);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->responses["TabA"].size(), left);
  EXPECT_TRUE(rest->unprocessed_keys.empty());
}

}  // namespace
}  // namespace tablestream
