// Copyright 2026 The tablestream Authors.

#include "triggers/sample_records.h"

#include <string>
#include <utility>

#include "triggers/lambda_event.h"

namespace tablestream {
namespace triggers {
namespace test {
namespace {

using AV = AttributeValue;

Item Keys() { return {{"pk", AV::S("user#42")}, {"sk", AV::N("1")}}; }

// The item as the PutItem wrote it.
Item Inserted() {
  Item item = Keys();
  item["name"] = AV::S("Ada");
  item["age"] = AV::N("36");
  item["avatar"] = AV::B(std::string("\x00\x01\x02", 3));
  item["active"] = AV::Bool(true);
  item["nickname"] = AV::Null();
  item["address"] = AV::M({{"city", AV::S("Paris")}, {"zip", AV::S("75001")}});
  item["history"] = AV::L({AV::N("1"), AV::S("x")});
  item["tags"] = AV::SS({"a", "b"});
  item["scores"] = AV::NS({"1.5", "10"});
  item["blobs"] = AV::BS({std::string("\x01", 1), std::string("\x02", 1)});
  return item;
}

// After SET age = 37, expiresAt = 1700003600 REMOVE nickname.
Item Updated() {
  Item item = Inserted();
  item["age"] = AV::N("37");
  item.erase("nickname");
  item["expiresAt"] = AV::N("1700003600");
  return item;
}

StreamRecord Record(std::string event_id, EventName name, int64_t time,
                    std::string sequence_number, int64_t size_bytes) {
  StreamRecord r;
  r.event_id = std::move(event_id);
  r.event_name = name;
  r.aws_region = "us-east-1";
  r.dynamodb.approximate_creation_date_time = time;
  r.dynamodb.keys = Keys();
  r.dynamodb.sequence_number = std::move(sequence_number);
  r.dynamodb.size_bytes = size_bytes;
  r.dynamodb.stream_view_type = StreamViewType::kNewAndOldImages;
  return r;
}

}  // namespace

std::vector<StreamRecord> SampleRecords() {
  StreamRecord insert =
      Record("7de3041dd709b024af6f29e4fa13d34c", EventName::kInsert, 1700000000,
             "4421584500000000017450439091", 130);
  insert.dynamodb.new_image = Inserted();
  StreamRecord modify =
      Record("0c9f2d8e5a2b4f1e9d7c6b5a4f3e2d1c", EventName::kModify, 1700000060,
             "4421584600000000017450439122", 252);
  modify.dynamodb.old_image = Inserted();
  modify.dynamodb.new_image = Updated();
  StreamRecord remove =
      Record("a1b2c3d4e5f60718293a4b5c6d7e8f90", EventName::kRemove, 1700007200,
             "4421584700000000017450440015", 135);
  remove.dynamodb.old_image = Updated();
  remove.user_identity = Identity{"Service", "dynamodb.amazonaws.com"};
  return {insert, modify, remove};
}

std::vector<std::string> SampleSequenceNumbers() {
  std::vector<std::string> out;
  for (const StreamRecord& r : SampleRecords()) {
    out.push_back(r.dynamodb.sequence_number);
  }
  return out;
}

std::vector<api::Json> SampleEventRecords() {
  std::vector<api::Json> out;
  for (const StreamRecord& r : SampleRecords()) {
    out.push_back(LambdaEventRecord(r, kSampleStreamArn));
  }
  return out;
}

api::Json SampleLambdaEventLiteral() {
  return api::Json::parse(R"JSON(
{
  "Records": [
    {
      "eventID": "7de3041dd709b024af6f29e4fa13d34c",
      "eventName": "INSERT",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "us-east-1",
      "dynamodb": {
        "ApproximateCreationDateTime": 1700000000,
        "Keys": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" }
        },
        "NewImage": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" },
          "name": { "S": "Ada" },
          "age": { "N": "36" },
          "avatar": { "B": "AAEC" },
          "active": { "BOOL": true },
          "nickname": { "NULL": true },
          "address": { "M": { "city": { "S": "Paris" }, "zip": { "S": "75001" } } },
          "history": { "L": [ { "N": "1" }, { "S": "x" } ] },
          "tags": { "SS": [ "a", "b" ] },
          "scores": { "NS": [ "1.5", "10" ] },
          "blobs": { "BS": [ "AQ==", "Ag==" ] }
        },
        "SequenceNumber": "4421584500000000017450439091",
        "SizeBytes": 130,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/2023-11-14T22:13:20.000"
    },
    {
      "eventID": "0c9f2d8e5a2b4f1e9d7c6b5a4f3e2d1c",
      "eventName": "MODIFY",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "us-east-1",
      "dynamodb": {
        "ApproximateCreationDateTime": 1700000060,
        "Keys": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" }
        },
        "NewImage": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" },
          "name": { "S": "Ada" },
          "age": { "N": "37" },
          "avatar": { "B": "AAEC" },
          "active": { "BOOL": true },
          "address": { "M": { "city": { "S": "Paris" }, "zip": { "S": "75001" } } },
          "history": { "L": [ { "N": "1" }, { "S": "x" } ] },
          "tags": { "SS": [ "a", "b" ] },
          "scores": { "NS": [ "1.5", "10" ] },
          "blobs": { "BS": [ "AQ==", "Ag==" ] },
          "expiresAt": { "N": "1700003600" }
        },
        "OldImage": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" },
          "name": { "S": "Ada" },
          "age": { "N": "36" },
          "avatar": { "B": "AAEC" },
          "active": { "BOOL": true },
          "nickname": { "NULL": true },
          "address": { "M": { "city": { "S": "Paris" }, "zip": { "S": "75001" } } },
          "history": { "L": [ { "N": "1" }, { "S": "x" } ] },
          "tags": { "SS": [ "a", "b" ] },
          "scores": { "NS": [ "1.5", "10" ] },
          "blobs": { "BS": [ "AQ==", "Ag==" ] }
        },
        "SequenceNumber": "4421584600000000017450439122",
        "SizeBytes": 252,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/2023-11-14T22:13:20.000"
    },
    {
      "eventID": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      "eventName": "REMOVE",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "us-east-1",
      "userIdentity": {
        "type": "Service",
        "principalId": "dynamodb.amazonaws.com"
      },
      "dynamodb": {
        "ApproximateCreationDateTime": 1700007200,
        "Keys": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" }
        },
        "OldImage": {
          "pk": { "S": "user#42" },
          "sk": { "N": "1" },
          "name": { "S": "Ada" },
          "age": { "N": "37" },
          "avatar": { "B": "AAEC" },
          "active": { "BOOL": true },
          "address": { "M": { "city": { "S": "Paris" }, "zip": { "S": "75001" } } },
          "history": { "L": [ { "N": "1" }, { "S": "x" } ] },
          "tags": { "SS": [ "a", "b" ] },
          "scores": { "NS": [ "1.5", "10" ] },
          "blobs": { "BS": [ "AQ==", "Ag==" ] },
          "expiresAt": { "N": "1700003600" }
        },
        "SequenceNumber": "4421584700000000017450440015",
        "SizeBytes": 135,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/2023-11-14T22:13:20.000"
    }
  ]
}
)JSON");
}

}  // namespace test
}  // namespace triggers
}  // namespace tablestream
