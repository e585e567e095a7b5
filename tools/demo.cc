// Copyright 2026 The tablestream Authors.

#include "tools/demo.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "api/dispatcher.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace cli {
namespace {

using api::Json;

constexpr char kTablePrefix[] = "demo-pets-";
// GetRecords calls per shard before the demo gives up; it needs one or two.
constexpr int kMaxGetRecordsCalls = 100;

std::string Compact(const Json& json) { return api::FormatJson(json, -1); }

std::string TableFor(const std::string& view_type) {
  return absl::StrCat(kTablePrefix, absl::AsciiStrToLower(absl::StrReplaceAll(
                                        view_type, {{"_", "-"}})));
}

// The members a record's "dynamodb" carries, of Keys, NewImage, OldImage.
std::string Carries(const Json& record) {
  std::vector<std::string> members;
  for (const char* m : {"Keys", "NewImage", "OldImage"}) {
    if (record["dynamodb"].contains(m)) members.push_back(m);
  }
  return absl::StrJoin(members, ", ");
}

// What the lesson's Lambda handler prints for `record`; a missing image is
// {} there, as record.get('dynamodb', {}).get('NewImage', {}) gives.
std::string HandlerLine(const Json& record) {
  const Json& data = record["dynamodb"];
  std::string old_image = Compact(data.value("OldImage", Json::object()));
  std::string new_image = Compact(data.value("NewImage", Json::object()));
  std::string event = record["eventName"].get<std::string>();
  if (event == "INSERT") return "New item added: " + new_image;
  if (event == "MODIFY") {
    return absl::StrCat("Item modified. Old: ", old_image, " New: ", new_image);
  }
  return "Item removed: " + old_image;
}

// For a MODIFY with both images: which attributes changed, appeared or went.
std::string DescribeChange(const Json& record) {
  const Json& data = record["dynamodb"];
  if (!data.contains("OldImage") || !data.contains("NewImage")) return "";
  const Json& before = data["OldImage"];
  const Json& after = data["NewImage"];
  std::vector<std::string> changed, added, removed;
  for (const auto& [name, value] : before.items()) {
    if (!after.contains(name)) {
      removed.push_back(name);
    } else if (after[name] != value) {
      changed.push_back(name);
    }
  }
  for (const auto& [name, value] : after.items()) {
    if (!before.contains(name)) added.push_back(name);
  }
  std::vector<std::string> parts;
  if (!changed.empty())
    parts.push_back("changed: " + absl::StrJoin(changed, ", "));
  if (!added.empty()) parts.push_back("added: " + absl::StrJoin(added, ", "));
  if (!removed.empty())
    parts.push_back("removed: " + absl::StrJoin(removed, ", "));
  return absl::StrJoin(parts, "; ");
}

std::string Indent(const std::string& text, const std::string& prefix) {
  return prefix + absl::StrReplaceAll(text, {{"\n", "\n" + prefix}});
}

class Demo {
 public:
  Demo(Engine* engine, std::ostream& out) : api_(engine), out_(out) {}

  absl::Status Run(const std::string& db_path);

 private:
  // Calls `operation`; when `show`, first prints the equivalent command.
  absl::StatusOr<Json> Call(const std::string& operation, const Json& request,
                            bool show);
  void Heading(const std::string& title);

  // Deletes `table` if it exists, then creates it with a `view_type` stream.
  // Returns the stream ARN.
  absl::StatusOr<std::string> CreateTable(const std::string& table,
                                          const std::string& view_type,
                                          bool show);
  // The lesson's three writes: insert, modify (change one attribute, remove
  // another), delete.
  absl::Status Write(const std::string& table, bool show);
  // Every record of every shard of the stream, oldest first.
  absl::StatusOr<std::vector<Json>> ReadStream(const std::string& stream_arn,
                                               bool show);

  api::JsonApi api_;
  std::ostream& out_;
};

absl::StatusOr<Json> Demo::Call(const std::string& operation,
                                const Json& request, bool show) {
  if (show) {
    std::string cli_name;
    for (const api::OperationInfo& op : api::JsonApi::OperationTable()) {
      if (op.name == operation) cli_name = op.cli_name;
    }
    out_ << "$ tablestream " << cli_name << " --cli-input-json '"
         << Compact(request) << "'\n";
  }
  absl::StatusOr<Json> response = api_.Call(operation, request);
  if (!response.ok()) {
    return MakeError(ExceptionName(response.status()),
                     absl::StrCat(operation, " failed in the demo: ",
                                  ErrorMessage(response.status())));
  }
  return response;
}

void Demo::Heading(const std::string& title) {
  out_ << "\n" << title << "\n" << std::string(title.size(), '=') << "\n\n";
}

absl::StatusOr<std::string> Demo::CreateTable(const std::string& table,
                                              const std::string& view_type,
                                              bool show) {
  absl::StatusOr<Json> existing =
      api_.Call("DescribeTable", Json{{"TableName", table}});
  if (existing.ok()) {
    out_ << "(table " << table << " exists from an earlier run: deleting it)\n";
    TABLESTREAM_RETURN_IF_ERROR(
        Call("DeleteTable", Json{{"TableName", table}}, false).status());
  } else if (ExceptionName(existing.status()) != kResourceNotFoundException) {
    return existing.status();
  }
  Json request = {
      {"TableName", table},
      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
      {"AttributeDefinitions",
       {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
      {"StreamSpecification",
       {{"StreamEnabled", true}, {"StreamViewType", view_type}}},
  };
  TABLESTREAM_ASSIGN_OR_RETURN(Json response,
                               Call("CreateTable", request, show));
  const Json& description = response["TableDescription"];
  if (!description.contains("LatestStreamArn")) {
    return MakeError(kInternalServerError,
                     "CreateTable with a stream returned no LatestStreamArn");
  }
  std::string arn = description["LatestStreamArn"].get<std::string>();
  if (show) {
    out_ << "  -> table " << table << " is "
         << description["TableStatus"].get<std::string>() << "; its stream is "
         << arn << "\n";
  }
  return arn;
}

absl::Status Demo::Write(const std::string& table, bool show) {
  Json key = {{"pk", {{"S", "pet#1"}}}};
  Json item = {{"pk", {{"S", "pet#1"}}},
               {"name", {{"S", "Whiskers"}}},
               {"species", {{"S", "cat"}}},
               {"age", {{"N", "3"}}},
               {"nickname", {{"S", "Mr. W"}}}};
  TABLESTREAM_RETURN_IF_ERROR(
      Call("PutItem", {{"TableName", table}, {"Item", item}}, show).status());
  Json updates = {{"age", {{"Action", "PUT"}, {"Value", {{"N", "4"}}}}},
                  {"nickname", {{"Action", "DELETE"}}}};
  TABLESTREAM_RETURN_IF_ERROR(
      Call("UpdateItem",
           {{"TableName", table}, {"Key", key}, {"AttributeUpdates", updates}},
           show)
          .status());
  return Call("DeleteItem", {{"TableName", table}, {"Key", key}}, show)
      .status();
}

absl::StatusOr<std::vector<Json>> Demo::ReadStream(
    const std::string& stream_arn, bool show) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      Json description,
      Call("DescribeStream", {{"StreamArn", stream_arn}}, show));
  const Json& shards = description["StreamDescription"]["Shards"];
  if (show) {
    out_ << "  -> " << shards.size()
         << (shards.size() == 1 ? " shard" : " shards") << ", status "
         << description["StreamDescription"]["StreamStatus"].get<std::string>()
         << "\n";
  }
  std::vector<Json> records;
  for (const Json& shard : shards) {
    TABLESTREAM_ASSIGN_OR_RETURN(Json iterator,
                                 Call("GetShardIterator",
                                      {{"StreamArn", stream_arn},
                                       {"ShardId", shard["ShardId"]},
                                       {"ShardIteratorType", "TRIM_HORIZON"}},
                                      show));
    Json next = iterator["ShardIterator"];
    for (int calls = 0; calls < kMaxGetRecordsCalls; ++calls) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          Json page,
          Call("GetRecords", {{"ShardIterator", next}}, show && calls == 0));
      for (const Json& record : page["Records"]) records.push_back(record);
      if (show && calls == 0) {
        out_ << "  -> " << page["Records"].size() << " records\n";
      }
      // An open shard keeps giving iterators; stop once it is drained.
      if (page["Records"].empty() || !page.contains("NextShardIterator")) {
        break;
      }
      next = page["NextShardIterator"];
    }
  }
  return records;
}

absl::Status Demo::Run(const std::string& db_path) {
  out_ << "tablestream demo: DynamoDB Streams and stream view types\n"
       << "database: " << db_path << "\n"
       << "Each step shows the command-line call that does it.\n";

  const std::string main_view = "NEW_AND_OLD_IMAGES";
  const std::string main_table = TableFor(main_view);
  Heading("1. Create a table with a " + main_view + " stream");
  TABLESTREAM_ASSIGN_OR_RETURN(std::string arn,
                               CreateTable(main_table, main_view, true));

  Heading(
      "2. Insert an item, modify it (age changes, nickname is removed), "
      "delete it");
  TABLESTREAM_RETURN_IF_ERROR(Write(main_table, true));

  Heading("3. Read the stream");
  TABLESTREAM_ASSIGN_OR_RETURN(std::vector<Json> records,
                               ReadStream(arn, true));

  Heading("4. Each record, as the lesson's Lambda handler prints it");
  std::map<std::string, std::map<std::string, std::string>> carries;
  for (size_t i = 0; i < records.size(); ++i) {
    const Json& record = records[i];
    std::string event = record["eventName"].get<std::string>();
    carries[main_view][event] = Carries(record);
    out_ << "[" << i + 1 << "] " << event << "\n"
         << HandlerLine(record) << "\n";
    std::string change = DescribeChange(record);
    if (!change.empty()) out_ << "    (" << change << ")\n";
    out_ << "record:\n" << Indent(api::FormatJson(record), "    ") << "\n\n";
  }

  Heading("5. The same writes on tables with the other view types");
  const std::vector<std::string> other_views = {"KEYS_ONLY", "NEW_IMAGE",
                                                "OLD_IMAGE"};
  for (const std::string& view : other_views) {
    std::string table = TableFor(view);
    out_ << "-- " << view << " (table " << table << ") --\n";
    TABLESTREAM_ASSIGN_OR_RETURN(std::string view_arn,
                                 CreateTable(table, view, false));
    TABLESTREAM_RETURN_IF_ERROR(Write(table, false));
    TABLESTREAM_ASSIGN_OR_RETURN(std::vector<Json> view_records,
                                 ReadStream(view_arn, false));
    for (const Json& record : view_records) {
      std::string event = record["eventName"].get<std::string>();
      carries[view][event] = Carries(record);
      out_ << absl::StrFormat("%-7s carries %s\n", event, Carries(record))
           << "        handler: " << HandlerLine(record) << "\n"
           << "        dynamodb: " << Compact(record["dynamodb"]) << "\n";
    }
    out_ << "\n";
  }

  Heading("Summary: what a record carries, by view type and event");
  out_ << absl::StrFormat("%-20s %-16s %-26s %s\n", "view type", "INSERT",
                          "MODIFY", "REMOVE");
  std::vector<std::string> views = {main_view};
  views.insert(views.end(), other_views.begin(), other_views.end());
  for (const std::string& view : views) {
    out_ << absl::StrFormat("%-20s %-16s %-26s %s\n", view,
                            carries[view]["INSERT"], carries[view]["MODIFY"],
                            carries[view]["REMOVE"]);
  }
  out_ << "\nKEYS_ONLY needs a read of the table to learn anything more; "
          "NEW_IMAGE shows the\nresult, OLD_IMAGE what was there before; "
          "NEW_AND_OLD_IMAGES shows exactly what\nchanged without reading "
          "the table.\n";
  return absl::OkStatus();
}

}  // namespace

absl::Status RunDemo(Engine* engine, const std::string& db_path,
                     std::ostream& out) {
  Demo demo(engine, out);
  return demo.Run(db_path);
}

}  // namespace cli
}  // namespace tablestream
