// Copyright 2026 The tablestream Authors.
//
// Test data: the three stream records of the literal Lambda event in
// dynamodb-streams-semantics.md section 1.3 (a PutItem, an UpdateItem and a
// TTL delete on table Users, keys pk (S) and sk (N), NEW_AND_OLD_IMAGES), as
// StreamRecords, and that event's text. For the triggers tests only.

#ifndef TABLESTREAM_TRIGGERS_SAMPLE_RECORDS_H_
#define TABLESTREAM_TRIGGERS_SAMPLE_RECORDS_H_

#include <string>
#include <vector>

#include "api/json_reader.h"
#include "tablestream/stream.h"

namespace tablestream {
namespace triggers {
namespace test {

inline constexpr char kSampleStreamArn[] =
    "arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/"
    "2023-11-14T22:13:20.000";

// INSERT, MODIFY, REMOVE (by TTL), in stream order.
std::vector<StreamRecord> SampleRecords();

// Their SequenceNumbers, in order.
std::vector<std::string> SampleSequenceNumbers();

// The three records as Lambda event records (LambdaEventRecord).
std::vector<api::Json> SampleEventRecords();

// The literal event of section 1.3, parsed.
api::Json SampleLambdaEventLiteral();

}  // namespace test
}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_SAMPLE_RECORDS_H_
