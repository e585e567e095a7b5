// Copyright 2026 The tablestream Authors.

#include "triggers/lambda_event.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "triggers/sample_records.h"

namespace tablestream {
namespace triggers {
namespace {

std::vector<std::string> Keys(const api::Json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) {
    keys.push_back(it.key());
  }
  return keys;
}

// The event equals the literal AWS-shaped example of the reference, member
// for member (nlohmann::json compares objects regardless of member order).
TEST(LambdaEventTest, MatchesTheLiteralExampleEvent) {
  api::Json event = LambdaEvent(test::SampleEventRecords());
  EXPECT_EQ(nlohmann::json(event),
            nlohmann::json(test::SampleLambdaEventLiteral()))
      << api::FormatJson(event);
}

TEST(LambdaEventTest, RecordMembersComeInAwsOrder) {
  api::Json event = LambdaEvent(test::SampleEventRecords());
  ASSERT_EQ(event["Records"].size(), 3u);
  EXPECT_EQ(Keys(event), (std::vector<std::string>{"Records"}));
  EXPECT_EQ(Keys(event["Records"][0]),
            (std::vector<std::string>{"eventID", "eventName", "eventVersion",
                                      "eventSource", "awsRegion", "dynamodb",
                                      "eventSourceARN"}));
  EXPECT_EQ(Keys(event["Records"][1]["dynamodb"]),
            (std::vector<std::string>{"ApproximateCreationDateTime", "Keys",
                                      "NewImage", "OldImage", "SequenceNumber",
                                      "SizeBytes", "StreamViewType"}));
  // userIdentity only on the TTL delete.
  EXPECT_FALSE(event["Records"][0].contains("userIdentity"));
  EXPECT_EQ(event["Records"][2]["userIdentity"]["type"], "Service");
}

TEST(LambdaEventTest, EmptyBatchHasAnEmptyRecordsList) {
  EXPECT_EQ(api::FormatJson(LambdaEvent({}), -1), R"({"Records":[]})");
}

// AWS's DynamodbTimeWindowEvent example: Records, then shardId,
// eventSourceARN, window, state, isFinalInvokeForWindow,
// isWindowTerminatedEarly.
TEST(LambdaEventTest, TumblingWindowMembers) {
  TumblingWindow window;
  window.start_epoch_seconds = 1596128400;  // 2020-07-30T17:00:00Z
  window.end_epoch_seconds = 1596128700;
  window.state = api::Json{{"1", 282}, {"2", 715}};
  window.shard_id = "shardId-00000001";
  window.is_final_invoke_for_window = true;
  api::Json event = LambdaEvent({test::SampleEventRecords()[0]},
                                test::kSampleStreamArn, window);
  EXPECT_EQ(Keys(event),
            (std::vector<std::string>{
                "Records", "shardId", "eventSourceARN", "window", "state",
                "isFinalInvokeForWindow", "isWindowTerminatedEarly"}));
  api::Json expected_tail = api::Json::parse(R"({
    "shardId": "shardId-00000001",
    "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/2023-11-14T22:13:20.000",
    "window": {"start": "2020-07-30T17:00:00Z", "end": "2020-07-30T17:05:00Z"},
    "state": {"1": 282, "2": 715},
    "isFinalInvokeForWindow": true,
    "isWindowTerminatedEarly": false
  })");
  event.erase("Records");
  EXPECT_EQ(event, expected_tail) << api::FormatJson(event);
}

TEST(LambdaEventTest, FirstWindowStateIsAnEmptyObject) {
  api::Json event = LambdaEvent({}, test::kSampleStreamArn, TumblingWindow());
  EXPECT_EQ(event["state"], api::Json::object());
  EXPECT_EQ(event["window"]["start"], "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
