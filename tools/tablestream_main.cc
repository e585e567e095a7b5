// Copyright 2026 The tablestream Authors.
//
// The `tablestream` command: one DynamoDB-shaped operation per run, or the
// demo. See tools/cli_args.h for the arguments and UsageText() for help.
//
// Exit status: 0 on success; 1 when the operation failed (the error JSON is
// on stderr); 2 on a usage error.

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "api/dispatcher.h"
#include "tablestream/engine.h"
#include "tablestream/errors.h"
#include "tools/cli_args.h"
#include "tools/crash/crash_command.h"
#include "tools/demo.h"
#include "tools/tail.h"
#include "tools/triggers_cli.h"

namespace tablestream {
namespace cli {
namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

int UsageError(const absl::Status& status) {
  std::cerr << "tablestream: " << status.message() << "\n"
            << "Run 'tablestream --help' for usage.\n";
  return kExitUsage;
}

int OperationError(const absl::Status& status) {
  std::cerr << api::FormatError(status) << "\n";
  return kExitError;
}

absl::StatusOr<std::unique_ptr<Engine>> OpenEngine(const CliArgs& args) {
  Options options;
  if (args.stream_retention_seconds.has_value()) {
    options.stream_retention_seconds = *args.stream_retention_seconds;
  }
  return Engine::Open(options, args.db_path);
}

// Set by SIGINT and SIGTERM while `tail --follow` or `run-triggers` runs.
std::atomic<bool> stop_requested{false};

void RequestStop(int) { stop_requested.store(true); }

void StopOnSignals() {
  struct sigaction action = {};
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int RunTailCommand(const CliArgs& args) {
  TailOptions options;
  options.table_name = *args.table_name;
  if (args.from) options.from = *args.from;
  options.follow = args.follow;
  options.consumer = args.consumer;
  if (options.follow) StopOnSignals();
  absl::StatusOr<std::unique_ptr<Engine>> engine = OpenEngine(args);
  if (!engine.ok()) return OperationError(engine.status());
  absl::Status status = RunTail(**engine, options, stop_requested, std::cout);
  if (!status.ok()) return OperationError(status);
  return 0;
}

int RunTriggersCommand(const CliArgs& args) {
  StopOnSignals();
  absl::StatusOr<std::unique_ptr<Engine>> engine = OpenEngine(args);
  if (!engine.ok()) return OperationError(engine.status());
  absl::Status status =
      RunTriggers(engine->get(), args.until_idle, stop_requested);
  if (!status.ok()) return OperationError(status);
  return 0;
}

// The event source mapping operations and list-dead-letters.
int RunTriggerOperationCommand(const CliArgs& args) {
  std::string text = "{}";
  if (args.cli_input_json.has_value()) {
    absl::StatusOr<std::string> loaded = LoadCliInput(*args.cli_input_json);
    if (!loaded.ok()) return UsageError(loaded.status());
    text = *loaded;
  } else if (!TriggerInputIsOptional(args.command)) {
    return UsageError(absl::InvalidArgumentError(
        args.command + " needs its request: --cli-input-json '<JSON>'"));
  }
  absl::StatusOr<api::Json> request = api::ParseJson(text);
  if (!request.ok()) return OperationError(request.status());
  absl::StatusOr<std::unique_ptr<Engine>> engine = OpenEngine(args);
  if (!engine.ok()) return OperationError(engine.status());
  absl::StatusOr<api::Json> response =
      RunTriggerOperation(engine->get(), args.command, *request);
  if (!response.ok()) return OperationError(response.status());
  std::cout << api::FormatJson(*response) << "\n";
  return 0;
}

int Run(const std::vector<std::string>& argv) {
  if (!argv.empty() && argv[0] == "crash-test") {
    return crash::RunCrashCommand(
        std::vector<std::string>(argv.begin() + 1, argv.end()), std::cout,
        std::cerr);
  }
  absl::StatusOr<CliArgs> args =
      ParseCliArgs(argv, std::getenv(kDbEnvironmentVariable));
  if (!args.ok()) return UsageError(args.status());
  if (args->help) {
    std::cout << UsageText();
    return 0;
  }
  if (args->command.empty()) {
    std::cerr << UsageText();
    return kExitUsage;
  }

  if (args->command == "tail") return RunTailCommand(*args);
  if (args->command == "run-triggers") return RunTriggersCommand(*args);
  if (IsTriggerOperation(args->command)) {
    return RunTriggerOperationCommand(*args);
  }

  if (args->command == "demo") {
    if (args->cli_input_json.has_value()) {
      return UsageError(
          absl::InvalidArgumentError("demo takes no --cli-input-json"));
    }
    absl::StatusOr<std::unique_ptr<Engine>> engine = OpenEngine(*args);
    if (!engine.ok()) return OperationError(engine.status());
    absl::Status status = RunDemo(engine->get(), args->db_path, std::cout);
    if (!status.ok()) return OperationError(status);
    return 0;
  }

  absl::StatusOr<std::string> operation = ResolveOperation(args->command);
  if (!operation.ok()) return UsageError(operation.status());
  std::string text = "{}";
  if (args->cli_input_json.has_value()) {
    absl::StatusOr<std::string> loaded = LoadCliInput(*args->cli_input_json);
    if (!loaded.ok()) return UsageError(loaded.status());
    text = *loaded;
  } else if (!InputIsOptional(*operation)) {
    return UsageError(absl::InvalidArgumentError(
        args->command +
        " needs its request: --cli-input-json '<JSON>' or "
        "--cli-input-json file://PATH"));
  }
  // Check the JSON before touching the database.
  absl::StatusOr<api::Json> request = api::ParseJson(text);
  if (!request.ok()) return OperationError(request.status());

  absl::StatusOr<std::unique_ptr<Engine>> engine = OpenEngine(*args);
  if (!engine.ok()) return OperationError(engine.status());
  api::JsonApi json_api(engine->get());
  absl::StatusOr<api::Json> response = json_api.Call(*operation, *request);
  if (!response.ok()) return OperationError(response.status());
  std::cout << api::FormatJson(*response) << "\n";
  return 0;
}

}  // namespace
}  // namespace cli
}  // namespace tablestream

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return tablestream::cli::Run(args);
}
