// Copyright 2026 The tablestream Authors.
//
// `tablestream demo`: the DynamoDB Streams lesson
// (reference/dynamodb-streams-lesson.md), run on a local database.
//
// 1. Creates a table with a NEW_AND_OLD_IMAGES stream.
// 2. Inserts an item, modifies it (an attribute changed with UpdateItem PUT,
//    another removed with UpdateItem DELETE), deletes it.
// 3. Reads the stream (DescribeStream, GetShardIterator TRIM_HORIZON,
//    GetRecords) and prints each record as the lesson's Lambda handler does
//    ("New item added: ...", "Item modified. Old: ... New: ...",
//    "Item removed: ...") and as JSON.
// 4. Repeats the writes on tables with KEYS_ONLY, NEW_IMAGE and OLD_IMAGE
//    streams and shows what each record carries, ending with a summary.
//
// The demo's tables are named "demo-pets-<view type>". If they exist they
// are deleted first, so the demo can run again on the same database; other
// tables are left alone. Everything goes through JsonApi, so the requests
// and responses shown are exactly what the command line takes and prints.

#ifndef TABLESTREAM_TOOLS_DEMO_H_
#define TABLESTREAM_TOOLS_DEMO_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace cli {

// Runs the demo on `engine` (borrowed), printing to `out`. `db_path` is only
// shown. Returns the first error of any operation.
absl::Status RunDemo(Engine* engine, const std::string& db_path,
                     std::ostream& out);

}  // namespace cli
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_DEMO_H_
