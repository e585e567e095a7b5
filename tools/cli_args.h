// Copyright 2026 The tablestream Authors.
//
// Command-line arguments of the `tablestream` command:
//
//   tablestream [--db DIR] [--stream-retention-seconds N] [--help] <operation>
//               [--cli-input-json JSON]
//   tablestream [--db DIR] demo
//   tablestream [--db DIR] tail --table-name T [--from POSITION] [--follow]
//                               [--consumer NAME]
//   tablestream [--db DIR] run-triggers [--until-idle]
//
// <operation> is an AWS CLI name (put-item, get-records, ...). JSON is the
// request text, or file://PATH to read it from a file, as with the AWS CLI.
// Options may come before or after the operation, as "--opt value" or
// "--opt=value". The database directory is --db, else $TABLESTREAM_DB, else
// ./tablestream-data.
//
// Pure functions except LoadCliInput, which reads a file: thread-safe.

#ifndef TABLESTREAM_TOOLS_CLI_ARGS_H_
#define TABLESTREAM_TOOLS_CLI_ARGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tablestream {
namespace cli {

inline constexpr char kDefaultDbPath[] = "./tablestream-data";
inline constexpr char kDbEnvironmentVariable[] = "TABLESTREAM_DB";

struct CliArgs {
  std::string db_path;
  bool help = false;
  // The first non-option argument: an AWS CLI operation name or "demo";
  // empty when there was none.
  std::string command;
  // The --cli-input-json value as given (JSON text or file://PATH).
  std::optional<std::string> cli_input_json;
  // --stream-retention-seconds: Options::stream_retention_seconds for this
  // run; unset keeps the default (24 hours). Always positive.
  std::optional<int64_t> stream_retention_seconds;
  // tail only: --table-name, --from (TRIM_HORIZON, LATEST or
  // AT_TIMESTAMP:<epoch seconds>; default TRIM_HORIZON), --follow,
  // --consumer.
  std::optional<std::string> table_name;
  std::optional<std::string> from;
  bool follow = false;
  std::optional<std::string> consumer;
  // run-triggers only: --until-idle.
  bool until_idle = false;
};

// Parses `args` (argv without argv[0]). `env_db` is the value of
// $TABLESTREAM_DB, or nullptr when it is unset. A usage error (an unknown
// option, an option without its value, a second operation) is an
// InvalidArgument status whose message says what was wrong.
absl::StatusOr<CliArgs> ParseCliArgs(const std::vector<std::string>& args,
                                     const char* env_db);

// The request text of a --cli-input-json value: the value itself, or the
// contents of PATH for "file://PATH". InvalidArgument if the file cannot be
// read.
absl::StatusOr<std::string> LoadCliInput(const std::string& value);

// Maps an AWS CLI operation name to the API name ("put-item" -> "PutItem").
// InvalidArgument naming the valid operations when there is none.
absl::StatusOr<std::string> ResolveOperation(const std::string& cli_name);

// Whether the operation (API name) may run without --cli-input-json, its
// request having no required member (ListTables, ListStreams).
bool InputIsOptional(const std::string& operation);

// The --help text: synopsis, options with defaults, one line per operation.
std::string UsageText();

}  // namespace cli
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CLI_ARGS_H_
