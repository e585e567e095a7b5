// Copyright 2026 The tablestream Authors.
//
// Silences libprotobuf's log: parsing fuzzed bytes makes it log an error for
// every string field with invalid UTF-8, which would drown libFuzzer's output.
// The parse still fails, and the decoders report that as corruption.

#ifndef TABLESTREAM_TESTS_FUZZ_PROTOBUF_QUIET_H_
#define TABLESTREAM_TESTS_FUZZ_PROTOBUF_QUIET_H_

#include <string>

#include "google/protobuf/stubs/logging.h"

namespace tablestream {
namespace fuzz {

inline void SilenceProtobufLog() {
  google::protobuf::SetLogHandler(
      [](google::protobuf::LogLevel, const char*, int, const std::string&) {});
}

}  // namespace fuzz
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_FUZZ_PROTOBUF_QUIET_H_
