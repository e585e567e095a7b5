// Copyright 2026 The tablestream Authors.

#include "tools/cli_args.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/dispatcher.h"

namespace tablestream {
namespace cli {
namespace {

constexpr char kFilePrefix[] = "file://";

std::string OperationList() {
  std::string out;
  for (const api::OperationInfo& op : api::JsonApi::OperationTable()) {
    if (!out.empty()) out += ", ";
    out += op.cli_name;
  }
  return out +
         ", create-event-source-mapping, list-event-source-mappings, "
         "get-event-source-mapping, update-event-source-mapping, "
         "delete-event-source-mapping, list-dead-letters, run-triggers, tail, "
         "demo";
}

// Splits "--name=value" into its parts; `value` is unset without '='.
void SplitOption(const std::string& arg, std::string* name,
                 std::optional<std::string>* value) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos) {
    *name = arg;
    value->reset();
  } else {
    *name = arg.substr(0, eq);
    *value = arg.substr(eq + 1);
  }
}

}  // namespace

absl::StatusOr<CliArgs> ParseCliArgs(const std::vector<std::string>& args,
                                     const char* env_db) {
  CliArgs out;
  out.db_path =
      (env_db != nullptr && *env_db != '\0') ? env_db : kDefaultDbPath;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h" || arg == "help") {
      out.help = true;
      continue;
    }
    if (absl::StartsWith(arg, "-")) {
      std::string name;
      std::optional<std::string> value;
      SplitOption(arg, &name, &value);
      if (name == "--follow" && !value.has_value()) {
        out.follow = true;
        continue;
      }
      if (name == "--until-idle" && !value.has_value()) {
        out.until_idle = true;
        continue;
      }
      if (name != "--db" && name != "--cli-input-json" &&
          name != "--stream-retention-seconds" && name != "--table-name" &&
          name != "--from" && name != "--consumer") {
        return absl::InvalidArgumentError(absl::StrCat(
            "unknown option \"", name,
            "\"; options are --db DIR, --cli-input-json JSON, "
            "--stream-retention-seconds N, --help, and "
            "for tail: --table-name T, --from POSITION, --follow, "
            "--consumer NAME; for run-triggers: --until-idle"));
      }
      if (!value.has_value()) {
        if (i + 1 >= args.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("option ", name, " needs a value"));
        }
        value = args[++i];
      }
      if (name == "--db") {
        out.db_path = *value;
      } else if (name == "--stream-retention-seconds") {
        int64_t seconds = 0;
        if (!absl::SimpleAtoi(*value, &seconds) || seconds < 1) {
          return absl::InvalidArgumentError(absl::StrCat(
              "--stream-retention-seconds needs a whole number of seconds "
              "of at least 1, not \"",
              *value, "\""));
        }
        out.stream_retention_seconds = seconds;
      } else if (name == "--table-name") {
        out.table_name = *value;
      } else if (name == "--from") {
        out.from = *value;
      } else if (name == "--consumer") {
        out.consumer = *value;
      } else {
        out.cli_input_json = *value;
      }
      continue;
    }
    if (!out.command.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unexpected argument \"", arg, "\" after operation \"", out.command,
          "\"; pass the request with "
          "--cli-input-json"));
    }
    out.command = arg;
  }
  const bool tail_options =
      out.table_name || out.from || out.follow || out.consumer;
  if (out.command == "tail") {
    if (!out.table_name) {
      return absl::InvalidArgumentError("tail needs --table-name T");
    }
    if (out.cli_input_json) {
      return absl::InvalidArgumentError("tail takes no --cli-input-json");
    }
  } else if (tail_options && !out.help) {
    return absl::InvalidArgumentError(
        "--table-name, --from, --follow and --consumer are options of tail");
  }
  if (out.until_idle && out.command != "run-triggers" && !out.help) {
    return absl::InvalidArgumentError("--until-idle is an option of "
                                      "run-triggers");
  }
  if (out.command == "run-triggers" && out.cli_input_json) {
    return absl::InvalidArgumentError("run-triggers takes no --cli-input-json");
  }
  if (out.db_path.empty()) {
    return absl::InvalidArgumentError("--db needs a non-empty directory");
  }
  return out;
}

absl::StatusOr<std::string> LoadCliInput(const std::string& value) {
  if (!absl::StartsWith(value, kFilePrefix)) return value;
  std::string path = value.substr(sizeof(kFilePrefix) - 1);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read --cli-input-json file \"", path, "\""));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat("error reading --cli-input-json file \"", path, "\""));
  }
  return contents.str();
}

absl::StatusOr<std::string> ResolveOperation(const std::string& cli_name) {
  std::optional<std::string> op = api::JsonApi::OperationFromCliName(cli_name);
  if (!op.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown operation \"", cli_name,
                     "\"; valid operations: ", OperationList()));
  }
  return *op;
}

bool InputIsOptional(const std::string& operation) {
  return operation == "ListTables" || operation == "ListStreams";
}

std::string UsageText() {
  std::string out = absl::StrCat(
      "usage: tablestream [--db DIR] <operation> --cli-input-json JSON\n"
      "       tablestream [--db DIR] demo\n"
      "       tablestream [--db DIR] tail --table-name T [--from POSITION]\n"
      "                   [--follow] [--consumer NAME]\n"
      "\n"
      "Runs one DynamoDB or DynamoDB Streams operation on a local tablestream\n"
      "database and prints the response JSON, as the AWS CLI does. On error "
      "it\n"
      "prints {\"__type\": \"<Exception>\", \"message\": \"...\"} on stderr "
      "and "
      "exits 1;\n"
      "usage errors exit 2.\n"
      "\n"
      "options:\n"
      "  --db DIR               database directory (created if missing).\n"
      "                         Default: $",
      kDbEnvironmentVariable, " if set, else ", kDefaultDbPath,
      "\n"
      "  --cli-input-json JSON  the request, as AWS API JSON; or file://PATH\n"
      "                         to read it from a file. Optional for "
      "list-tables\n"
      "                         and list-streams.\n"
      "  --stream-retention-seconds N\n"
      "                         how long stream records stay readable.\n"
      "                         Default: 86400 (24 hours, as DynamoDB)\n"
      "  --help                 this text\n"
      "\n"
      "operations:\n");
  for (const api::OperationInfo& op : api::JsonApi::OperationTable()) {
    absl::StrAppendFormat(&out, "  %-20s %s\n", op.cli_name, op.summary);
  }
  absl::StrAppendFormat(&out, "  %-20s %s\n", "tail",
                        "print a table's stream records, one JSON per line");
  absl::StrAppend(
      &out,
      "      --from POSITION    TRIM_HORIZON (default), LATEST or\n"
      "                         AT_TIMESTAMP:<epoch seconds>\n"
      "      --follow           wait for new records until interrupted\n"
      "      --consumer NAME    resume from and checkpoint this consumer\n"
      "                         (created at --from if it does not exist)\n");
  absl::StrAppend(
      &out,
      "\n"
      "triggers (Lambda's operation names and JSON; FunctionName is\n"
      "exec:<command line>, python:<file.py>:<function>, or a C++ handler\n"
      "registered by the program that embeds the engine):\n"
      "  create-event-source-mapping, list-event-source-mappings,\n"
      "  get-event-source-mapping, update-event-source-mapping,\n"
      "  delete-event-source-mapping\n"
      "  list-dead-letters    on-failure records ({\"UUID\"?, "
      "\"Destination\"?})\n"
      "  run-triggers         run the exec:/python: mappings until "
      "interrupted\n"
      "      --until-idle       stop once every mapping has caught up\n\n");
  absl::StrAppendFormat(&out, "  %-20s %s\n", "demo",
                        "walk through streams and their view types (start "
                        "here)");
  absl::StrAppend(
      &out,
      "\n"
      "example:\n"
      "  tablestream create-table --cli-input-json '{\"TableName\": \"Pets\",\n"
      "    \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": "
      "\"HASH\"}],\n"
      "    \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", "
      "\"AttributeType\": \"S\"}],\n"
      "    \"StreamSpecification\": {\"StreamEnabled\": true,\n"
      "                            \"StreamViewType\": "
      "\"NEW_AND_OLD_IMAGES\"}}'\n");
  return out;
}

}  // namespace cli
}  // namespace tablestream
