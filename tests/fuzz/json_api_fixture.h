// Copyright 2026 The tablestream Authors.
//
// JsonApiFixture: one engine in a temporary directory, with a few tables for
// fuzzed requests to hit, shared by the JSON API fuzz target and the corpus
// generator so that the seed requests (stream ARNs, iterators) are valid in
// the fuzzer's engine.
//
// The engine runs on a ManualClock that starts at a fixed time and moves only
// when the fixture resets a table, so stream ARNs and iterators come out the
// same in every process. Writes are not durable (nothing needs to survive a
// power loss here). Iterators never expire.
//
// Tables (each created from JSON, as a user would):
//   Fuzz   pk S (HASH), sk N (RANGE), stream NEW_AND_OLD_IMAGES
//   FuzzB  id B (HASH), stream KEYS_ONLY
//   FuzzN  id N (HASH), no stream
//
// Not thread-safe: one fuzzing thread.

#ifndef TABLESTREAM_TESTS_FUZZ_JSON_API_FIXTURE_H_
#define TABLESTREAM_TESTS_FUZZ_JSON_API_FIXTURE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "api/dispatcher.h"
#include "tablestream/clock.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace fuzz {

class JsonApiFixture {
 public:
  // Opens the engine in a new temporary directory and creates the tables.
  // Aborts the process if that fails.
  JsonApiFixture();
  // Closes the engine and removes its directory.
  ~JsonApiFixture();

  JsonApiFixture(const JsonApiFixture&) = delete;
  JsonApiFixture& operator=(const JsonApiFixture&) = delete;

  // Runs one request. After a table operation that succeeded, puts the
  // tables back as described above (deletes any other table, recreates a
  // fixture table that was deleted or updated).
  absl::StatusOr<api::Json> Call(std::string_view operation,
                                 std::string_view request_text);

  // Like Call, but aborts the process with the error if the call fails.
  api::Json MustCall(std::string_view operation, std::string_view request_text);

  // The latest stream ARN of the table "Fuzz".
  std::string FuzzStreamArn();

 private:
  void CreateTable(const std::string& name);
  void ResetTables();

  std::string dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<api::JsonApi> api_;
};

}  // namespace fuzz
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_FUZZ_JSON_API_FIXTURE_H_
