// Copyright 2026 The tablestream Authors.
//
// Fuzzes the JSON API (api/dispatcher.h JsonApi::CallWithText): request
// parsing and everything the engine does with a request, on one engine per
// process (json_api_fixture.h). The input is the operation name, a newline,
// then the request JSON text:
//
//   PutItem
//   {"TableName":"Fuzz","Item":{"pk":{"S":"a"},"sk":{"N":"1"}}}
//
// An input without a known operation name before the newline goes to an
// operation chosen by its first byte, with the whole input as the request.
// Checks that every request either succeeds with a response that prints as
// JSON and parses back, or fails with a typed DynamoDB error
// (DESIGN.md guarantee 9: invalid requests are refused with a clear, typed
// error), never InternalServerError, a crash, an uncaught exception, a leak
// or undefined behaviour. A request that succeeds is also run a second time
// when it is a read (GetItem, DescribeTable, ...): it must give the same
// response.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/dispatcher.h"
#include "tablestream/errors.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_api_fixture.h"

namespace tablestream {
namespace {

fuzz::JsonApiFixture* fixture = nullptr;

void CloseFixture() {
  delete fixture;
  fixture = nullptr;
}

bool IsRead(std::string_view operation) {
  return operation == "GetItem" || operation == "DescribeTable" ||
         operation == "ListTables" || operation == "DescribeStream" ||
         operation == "ListStreams" || operation == "GetRecords";
}

}  // namespace
}  // namespace tablestream

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  tablestream::fixture = new tablestream::fuzz::JsonApiFixture();
  std::atexit(tablestream::CloseFixture);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tablestream;  // NOLINT: a fuzz entry point
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const auto* operations =
      new std::vector<std::string>(api::JsonApi::Operations());

  std::string operation;
  std::string_view request = input;
  const size_t newline = input.find('\n');
  if (newline != std::string_view::npos) {
    const std::string_view name = input.substr(0, newline);
    for (const std::string& op : *operations) {
      if (name == op) {
        operation = op;
        request = input.substr(newline + 1);
      }
    }
  }
  if (operation.empty()) {
    if (size == 0) return 0;
    operation = (*operations)[data[0] % operations->size()];
  }

  absl::StatusOr<api::Json> response = fixture->Call(operation, request);
  if (!response.ok()) {
    const std::string name = ExceptionName(response.status());
    FUZZ_CHECK(!name.empty() && name != kInternalServerError,
               operation << ": " << response.status().ToString());
    FUZZ_CHECK(!api::FormatError(response.status()).empty(), "empty error");
    return 0;
  }
  const std::string text = api::FormatJson(*response);
  absl::StatusOr<api::Json> parsed = api::ParseJson(text);
  FUZZ_CHECK(parsed.ok(), operation << " response is not JSON: " << text);
  if (IsRead(operation)) {
    absl::StatusOr<api::Json> again = fixture->Call(operation, request);
    FUZZ_CHECK(again.ok() && *again == *response,
               operation << " is not repeatable: " << text);
  }
  return 0;
}
