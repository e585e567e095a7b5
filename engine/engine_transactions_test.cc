// Copyright 2026 The tablestream Authors.
//
// TransactWriteItems, TransactGetItems and ReturnValuesOnConditionCheckFailure
// through the C++ API: one commit per transaction, cancellation reasons,
// client request tokens on the fake clock, every limit.

#include "engine/engine_impl.h"
#include "engine/engine_test_fixture.h"
#include "stream/stream_keys.h"

namespace tablestream {
namespace {

class TransactionsTest : public TwoTablesTest {
 protected:
  static PutItemRequest PutReq(const std::string& table, Item item) {
    PutItemRequest r;
    r.table_name = table;
    r.item = std::move(item);
    return r;
  }
  static UpdateItemRequest AddOne(const std::string& table,
                                  const std::string& pk) {
    UpdateItemRequest r;
    r.table_name = table;
    r.key = Key(pk);
    r.update_expression = "ADD n :one";
    r.placeholders.values = ExpressionAttributeValues{{":one", N("1")}};
    return r;
  }
  static DeleteItemRequest DeleteReq(const std::string& table,
                                     const std::string& pk) {
    DeleteItemRequest r;
    r.table_name = table;
    r.key = Key(pk);
    return r;
  }
  static ConditionCheck Exists(const std::string& table,
                               const std::string& pk) {
    ConditionCheck c;
    c.table_name = table;
    c.key = Key(pk);
    c.condition_expression = "attribute_exists(pk)";
    return c;
  }

  uint64_t Groups() {
    return static_cast<EngineImpl*>(engine_.get())->pipeline()->stats().groups;
  }

  static uint64_t Sequence(const StreamRecord& r) {
    auto s = ParseSequenceNumber(r.dynamodb.sequence_number);
    EXPECT_TRUE(s.ok() && s->has_value()) << r.dynamodb.sequence_number;
    return s.ok() && s->has_value() ? **s : 0;
  }

  std::string N1(const std::string& table, const std::string& pk) {
    auto got = Get(table, Key(pk));
    if (!got.ok() || !got->has_value()) return "absent";
    auto it = (*got)->find("n");
    return it == (*got)->end() ? "none" : it->second.DebugString();
  }
};

TEST_F(TransactionsTest, AcrossTwoTablesIsOneCommitWithOneRecordPerChange) {
  ASSERT_TRUE(Put("TabA", {{"pk", S("a0")}}).ok());
  ASSERT_TRUE(Put("TabB", {{"pk", S("b1")}}).ok());
  ASSERT_TRUE(Put("TabB", {{"pk", S("b2")}}).ok());
  ASSERT_TRUE(Put("TabB", {{"pk", S("same")}, {"v", N("1")}}).ok());
  const size_t a_before = ReadAll(LatestStreamArn("TabA")).size();
  const size_t b_before = ReadAll(LatestStreamArn("TabB")).size();
  const uint64_t groups = Groups();

  TransactWriteItemsRequest request;
  request.transact_items = {PutReq("TabA", {{"pk", S("a1")}, {"v", N("1")}}),
                            AddOne("TabB", "b1"), DeleteReq("TabA", "a0"),
                            Exists("TabB", "b2"),
                            // Changes nothing: no record.
                            PutReq("TabB", {{"pk", S("same")}, {"v", N("1")}})};
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  EXPECT_EQ(Groups(), groups + 1);  // one commit group, one write batch

  std::vector<StreamRecord> a = ReadAll(LatestStreamArn("TabA"));
  std::vector<StreamRecord> b = ReadAll(LatestStreamArn("TabB"));
  ASSERT_EQ(a.size(), a_before + 2);
  ASSERT_EQ(b.size(), b_before + 1);
  EXPECT_EQ(a[a_before].event_name, EventName::kInsert);
  EXPECT_EQ(a[a_before].dynamodb.keys, Key("a1"));
  EXPECT_EQ(a[a_before + 1].event_name, EventName::kRemove);
  EXPECT_EQ(a[a_before + 1].dynamodb.keys, Key("a0"));
  EXPECT_EQ(Sequence(a[a_before + 1]), Sequence(a[a_before]) + 1);
  EXPECT_EQ(b[b_before].event_name, EventName::kModify);
  EXPECT_EQ(a[a_before].dynamodb.approximate_creation_date_time,
            b[b_before].dynamodb.approximate_creation_date_time);
  EXPECT_EQ(N1("TabB", "b1"), "{\"N\":\"1\"}");
}

TEST_F(TransactionsTest, CancelledLeavesTablesAndStreamsUntouched) {
  ASSERT_TRUE(Put("TabA", {{"pk", S("a0")}, {"v", S("old")}}).ok());
  const std::vector<StreamRecord> a_before = ReadAll(LatestStreamArn("TabA"));
  const size_t b_before = ReadAll(LatestStreamArn("TabB")).size();
  TransactWriteItemsRequest request;
  ConditionCheck must_not_exist = Exists("TabA", "a0");
  must_not_exist.condition_expression = "attribute_not_exists(pk)";
  must_not_exist.return_values_on_condition_check_failure =
      ReturnValue::kAllOld;
  request.transact_items = {PutReq("TabB", {{"pk", S("b9")}}), must_not_exist,
                            Exists("TabA", "missing")};
  absl::Status s = engine_->TransactWriteItems(request);
  ASSERT_EQ(ExceptionName(s), kTransactionCanceledException) << s;
  EXPECT_EQ(ErrorMessage(s),
            "Transaction cancelled, please refer cancellation reasons for "
            "specific reasons [None, ConditionalCheckFailed, "
            "ConditionalCheckFailed]");
  std::optional<std::vector<CancellationReason>> reasons =
      CancellationReasons(s);
  ASSERT_TRUE(reasons.has_value());
  ASSERT_EQ(reasons->size(), 3u);
  EXPECT_EQ((*reasons)[0].code, "None");
  EXPECT_EQ((*reasons)[0].message, "");
  EXPECT_EQ((*reasons)[1].code, "ConditionalCheckFailed");
  EXPECT_EQ((*reasons)[1].message, "The conditional request failed");
  ASSERT_TRUE((*reasons)[1].item.has_value());
  EXPECT_EQ((*reasons)[1].item->at("v"), S("old"));
  EXPECT_FALSE((*reasons)[2].item.has_value());  // NONE, and no item

  EXPECT_EQ(N1("TabB", "b9"), "absent");
  EXPECT_EQ(ReadAll(LatestStreamArn("TabA")).size(), a_before.size());
  EXPECT_EQ(ReadAll(LatestStreamArn("TabB")).size(), b_before);
  // No sequence number was consumed: the next record follows the last.
  ASSERT_TRUE(Put("TabA", {{"pk", S("a2")}}).ok());
  std::vector<StreamRecord> a = ReadAll(LatestStreamArn("TabA"));
  EXPECT_EQ(Sequence(a.back()), Sequence(a_before.back()) + 1);
}

TEST_F(TransactionsTest, UpdateTypeErrorIsAValidationErrorReason) {
  ASSERT_TRUE(Put("TabA", {{"pk", S("a0")}, {"n", S("text")}}).ok());
  TransactWriteItemsRequest request;
  request.transact_items = {AddOne("TabA", "a0"),
                            PutReq("TabB", {{"pk", S("x")}})};
  absl::Status s = engine_->TransactWriteItems(request);
  ASSERT_EQ(ExceptionName(s), kTransactionCanceledException) << s;
  auto reasons = CancellationReasons(s);
  ASSERT_TRUE(reasons.has_value());
  EXPECT_EQ((*reasons)[0].code, "ValidationError");
  EXPECT_NE((*reasons)[0].message.find("incorrect data type"),
            std::string::npos)
      << (*reasons)[0].message;
  EXPECT_EQ((*reasons)[1].code, "None");
  EXPECT_EQ(N1("TabB", "x"), "absent");
}

TEST_F(TransactionsTest, BadInputIsRefusedBeforeAnythingIsWritten) {
  auto refused = [&](TransactWriteItemsRequest request,
                     std::string_view exception, std::string_view needle) {
    absl::Status s = engine_->TransactWriteItems(request);
    EXPECT_EQ(ExceptionName(s), exception) << s;
    EXPECT_NE(ErrorMessage(s).find(needle), std::string::npos) << s;
  };
  const uint64_t groups = Groups();
  TransactWriteItemsRequest empty;
  refused(empty, kValidationException, "greater than or equal to 1");
  TransactWriteItemsRequest many;
  for (int i = 0; i < 101; ++i) {
    many.transact_items.push_back(
        PutReq("TabA", {{"pk", S(absl::StrCat("k", i))}}));
  }
  refused(many, kValidationException, "less than or equal to 100");
  TransactWriteItemsRequest twice;
  twice.transact_items = {PutReq("TabA", {{"pk", S("k")}}), AddOne("TabB", "k"),
                          DeleteReq("TabA", "k")};
  refused(twice, kValidationException,
          "Transaction request cannot include multiple operations on one "
          "item (in TransactItems[2].Delete)");
  TransactWriteItemsRequest token;
  token.transact_items = {PutReq("TabA", {{"pk", S("k")}})};
  token.client_request_token = std::string(37, 't');
  refused(token, kValidationException, "between 1 and 36");
  token.client_request_token = "";
  refused(token, kValidationException, "between 1 and 36");
  TransactWriteItemsRequest unknown;
  unknown.transact_items = {PutReq("TabA", {{"pk", S("k")}}),
                            PutReq("Nope", {{"pk", S("k")}})};
  refused(unknown, kResourceNotFoundException, "TransactItems[1].Put");
  TransactWriteItemsRequest no_condition;
  ConditionCheck check = Exists("TabA", "k");
  check.condition_expression = "";
  no_condition.transact_items = {check};
  refused(no_condition, kValidationException, "ConditionExpression");
  TransactWriteItemsRequest return_values;
  PutItemRequest put = PutReq("TabA", {{"pk", S("k")}});
  put.return_values = ReturnValue::kAllOld;
  return_values.transact_items = {put};
  refused(return_values, kValidationException, "ReturnValues");
  TransactWriteItemsRequest legacy_update;
  UpdateItemRequest update = AddOne("TabA", "k");
  update.update_expression.reset();
  update.placeholders = {};
  legacy_update.transact_items = {update};
  refused(legacy_update, kValidationException, "UpdateExpression is required");
  TransactWriteItemsRequest bad_expression;
  UpdateItemRequest bad = AddOne("TabA", "k");
  bad.update_expression = "ADD n :missing";
  bad_expression.transact_items = {PutReq("TabB", {{"pk", S("k")}}), bad};
  refused(bad_expression, kValidationException, "TransactItems[1].Update");
  TransactWriteItemsRequest big;  // 11 items of 390,000 bytes > 4 MB
  for (int i = 0; i < 11; ++i) {
    big.transact_items.push_back(
        PutReq("TabA", {{"pk", S(absl::StrCat("k", i))},
                        {"blob", S(std::string(390000, 'x'))}}));
  }
  refused(big, kValidationException, "the limit is 4194304");
  EXPECT_EQ(Groups(), groups);  // nothing reached the commit pipeline
  EXPECT_TRUE(ReadAll(LatestStreamArn("TabA")).empty());
  EXPECT_TRUE(ReadAll(LatestStreamArn("TabB")).empty());
}

TEST_F(TransactionsTest, ClientRequestTokenReplaysForTenMinutes) {
  TransactWriteItemsRequest request;
  request.transact_items = {AddOne("TabA", "counter"),
                            AddOne("TabB", "counter")};
  request.client_request_token = "token-1";
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  clock_->AdvanceSeconds(9 * 60);
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  EXPECT_EQ(N1("TabA", "counter"), "{\"N\":\"1\"}");  // not applied again
  EXPECT_EQ(ReadAll(LatestStreamArn("TabA")).size(), 1u);

  TransactWriteItemsRequest other = request;
  other.transact_items.pop_back();
  absl::Status s = engine_->TransactWriteItems(other);
  EXPECT_EQ(ExceptionName(s), kIdempotentParameterMismatchException) << s;

  clock_->AdvanceSeconds(2 * 60);  // 11 minutes: the token expired
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  EXPECT_EQ(N1("TabA", "counter"), "{\"N\":\"2\"}");
  EXPECT_EQ(N1("TabB", "counter"), "{\"N\":\"2\"}");
}

TEST_F(TransactionsTest, ClientRequestTokenSurvivesReopen) {
  TransactWriteItemsRequest request;
  request.transact_items = {AddOne("TabA", "counter")};
  request.client_request_token = "token-2";
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  Reopen();
  clock_->AdvanceSeconds(5 * 60);
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  EXPECT_EQ(N1("TabA", "counter"), "{\"N\":\"1\"}");
}

TEST_F(TransactionsTest, RetentionPassForgetsExpiredTokensOnly) {
  auto stored_tokens = [&] {
    auto* impl = static_cast<EngineImpl*>(engine_.get());
    std::unique_ptr<rocksdb::Iterator> it(
        impl->db()->NewIterator(rocksdb::ReadOptions(), impl->catalog_cf()));
    const rocksdb::Slice prefix(kClientTokenPrefix.data(),
                                kClientTokenPrefix.size());
    int n = 0;
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
         it->Next()) {
      ++n;
    }
    return n;
  };
  TransactWriteItemsRequest old_request;
  old_request.transact_items = {AddOne("TabA", "counter")};
  old_request.client_request_token = "old";
  ASSERT_TRUE(engine_->TransactWriteItems(old_request).ok());
  clock_->AdvanceSeconds(8 * 60);
  TransactWriteItemsRequest new_request = old_request;
  new_request.client_request_token = "new";
  ASSERT_TRUE(engine_->TransactWriteItems(new_request).ok());
  EXPECT_EQ(stored_tokens(), 2);
  clock_->AdvanceSeconds(3 * 60);  // "old" is 11 minutes old, "new" 3
  ASSERT_TRUE(engine_->TrimExpiredRecords().ok());
  EXPECT_EQ(stored_tokens(), 1);
  // The kept token still replays; the swept one runs again.
  ASSERT_TRUE(engine_->TransactWriteItems(new_request).ok());
  EXPECT_EQ(N1("TabA", "counter"), "{\"N\":\"2\"}");
  ASSERT_TRUE(engine_->TransactWriteItems(old_request).ok());
  EXPECT_EQ(N1("TabA", "counter"), "{\"N\":\"3\"}");
}

TEST_F(TransactionsTest, CancelledTransactionDoesNotStoreItsToken) {
  TransactWriteItemsRequest request;
  request.transact_items = {Exists("TabA", "gate"), AddOne("TabA", "counter")};
  request.client_request_token = "token-3";
  EXPECT_EQ(ExceptionName(engine_->TransactWriteItems(request)),
            kTransactionCanceledException);
  ASSERT_TRUE(Put("TabA", {{"pk", S("gate")}}).ok());
  ASSERT_TRUE(engine_->TransactWriteItems(request).ok());
  EXPECT_EQ(N1("TabA", "counter"), "{\"N\":\"1\"}");
}

TEST_F(TransactionsTest, TransactGetItemsReadsInOrderWithProjection) {
  ASSERT_TRUE(Put("TabA", {{"pk", S("a")}, {"x", N("1")}, {"y", N("2")}}).ok());
  ASSERT_TRUE(Put("TabB", {{"pk", S("b")}, {"z", S("zz")}}).ok());
  TransactGetItemsRequest request;
  GetItemRequest a;
  a.table_name = "TabA";
  a.key = Key("a");
  a.projection_expression = "#y";
  a.placeholders.names = ExpressionAttributeNames{{"#y", "y"}};
  GetItemRequest missing;
  missing.table_name = "TabA";
  missing.key = Key("nope");
  GetItemRequest b;
  b.table_name = "TabB";
  b.key = Key("b");
  request.transact_items = {b, missing, a};
  auto result = engine_->TransactGetItems(request);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->responses.size(), 3u);
  EXPECT_EQ(*result->responses[0], (Item{{"pk", S("b")}, {"z", S("zz")}}));
  EXPECT_FALSE(result->responses[1].has_value());
  EXPECT_EQ(*result->responses[2], (Item{{"y", N("2")}}));

  request.transact_items = {a, b, a};
  EXPECT_NE(ErrorMessage(engine_->TransactGetItems(request).status())
                .find("multiple operations on one item"),
            std::string::npos);
  request.transact_items = {};
  EXPECT_EQ(ExceptionName(engine_->TransactGetItems(request).status()),
            kValidationException);
  b.attributes_to_get = {"z"};
  request.transact_items = {b};
  EXPECT_EQ(ExceptionName(engine_->TransactGetItems(request).status()),
            kValidationException);
}

TEST_F(TransactionsTest, ReturnValuesOnConditionCheckFailureOnSingleWrites) {
  const Item old = {{"pk", S("k")}, {"v", N("7")}};
  ASSERT_TRUE(Put("TabA", old).ok());
  PutItemRequest put = PutReq("TabA", {{"pk", S("k")}});
  put.condition_expression = "attribute_not_exists(pk)";
  put.return_values_on_condition_check_failure = ReturnValue::kAllOld;
  absl::Status s = engine_->PutItem(put).status();
  ASSERT_TRUE(IsConditionalCheckFailed(s)) << s;
  EXPECT_EQ(ConditionalCheckFailedItem(s), old);

  UpdateItemRequest update = AddOne("TabA", "k");
  update.condition_expression = "v = :one";
  update.return_values_on_condition_check_failure = ReturnValue::kAllOld;
  s = engine_->UpdateItem(update).status();
  ASSERT_TRUE(IsConditionalCheckFailed(s)) << s;
  EXPECT_EQ(ConditionalCheckFailedItem(s), old);

  DeleteItemRequest del = DeleteReq("TabA", "k");
  del.condition_expression = "attribute_not_exists(v)";
  s = engine_->DeleteItem(del).status();  // NONE: no item
  ASSERT_TRUE(IsConditionalCheckFailed(s)) << s;
  EXPECT_FALSE(ConditionalCheckFailedItem(s).has_value());

  del.return_values_on_condition_check_failure = ReturnValue::kAllNew;
  s = engine_->DeleteItem(del).status();
  EXPECT_EQ(ExceptionName(s), kValidationException) << s;
  EXPECT_NE(ErrorMessage(s).find("ReturnValuesOnConditionCheckFailure"),
            std::string::npos);
}

}  // namespace
}  // namespace tablestream
