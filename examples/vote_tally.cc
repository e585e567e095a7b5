// Copyright 2026 The tablestream Authors.

#include "examples/vote_tally.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace examples {
namespace {

absl::Status CreateTableIfMissing(Engine* engine, const std::string& name,
                                  const std::string& key, bool stream) {
  CreateTableRequest request;
  request.table_name = name;
  request.key_schema = {{key, KeyType::kHash}};
  request.attribute_definitions = {{key, ScalarAttributeType::kS}};
  if (stream) {
    StreamSpecification spec;
    spec.stream_enabled = true;
    spec.stream_view_type = StreamViewType::kNewImage;
    request.stream_specification = spec;
  }
  absl::Status status = engine->CreateTable(request).status();
  if (ExceptionName(status) == kResourceInUseException) {
    return absl::OkStatus();
  }
  return status;
}

absl::StatusOr<std::map<std::string, int64_t>> ScanCounts(
    Engine* engine, const std::string& table,
    const std::function<void(const Item&, std::map<std::string, int64_t>*)>&
        add) {
  std::map<std::string, int64_t> counts;
  ScanRequest request;
  request.table_name = table;
  while (true) {
    TABLESTREAM_ASSIGN_OR_RETURN(ReadPage page, engine->Scan(request));
    for (const Item& item : page.items) add(item, &counts);
    if (!page.last_evaluated_key) return counts;
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

}  // namespace

TriggerResponse TallyBatch(const TriggerBatch& batch) {
  std::map<std::string, int64_t> votes;
  for (const StreamRecord& record : batch.records) {
    if (record.event_name != EventName::kInsert || !record.dynamodb.new_image) {
      continue;
    }
    auto candidate = record.dynamodb.new_image->find("Candidate");
    if (candidate != record.dynamodb.new_image->end()) {
      ++votes[candidate->second.scalar()];
    }
  }
  TriggerResponse response;
  for (const auto& [candidate, n] : votes) {
    UpdateItemRequest add;
    add.table_name = kTallyTable;
    add.key = {{"Candidate", AttributeValue::S(candidate)}};
    add.update_expression = "ADD #c :n";
    add.placeholders.names = std::map<std::string, std::string>{{"#c", "Count"}};
    add.placeholders.values =
        Item{{":n", AttributeValue::N(absl::StrCat(n))}};
    response.writes.push_back(std::move(add));
  }
  return response;
}

absl::Status SetUpVoteTally(Engine* engine, TriggerRuntime* runtime) {
  TABLESTREAM_RETURN_IF_ERROR(
      CreateTableIfMissing(engine, kVotesTable, "VoteId", true));
  TABLESTREAM_RETURN_IF_ERROR(
      CreateTableIfMissing(engine, kTallyTable, "Candidate", false));
  ListEventSourceMappingsRequest list;
  list.function_name = kTallyFunction;
  TABLESTREAM_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings,
                               runtime->ListEventSourceMappings(list));
  if (!mappings.empty()) return absl::OkStatus();
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription votes,
                               engine->DescribeTable(kVotesTable));
  CreateEventSourceMappingRequest request;
  request.event_source_arn = votes.latest_stream_arn.value_or("");
  request.function_name = kTallyFunction;
  request.starting_position = "TRIM_HORIZON";
  return runtime->CreateEventSourceMapping(request).status();
}

absl::Status RegisterVoteTally(TriggerRuntime* runtime) {
  return runtime->RegisterHandler(kTallyFunction, TallyBatch);
}

absl::Status CastVote(Engine* engine, const std::string& vote_id,
                      const std::string& candidate) {
  PutItemRequest request;
  request.table_name = kVotesTable;
  request.item = {{"VoteId", AttributeValue::S(vote_id)},
                  {"Candidate", AttributeValue::S(candidate)}};
  return engine->PutItem(request).status();
}

absl::StatusOr<std::map<std::string, int64_t>> ReadTally(Engine* engine) {
  return ScanCounts(engine, kTallyTable,
                    [](const Item& item, std::map<std::string, int64_t>* c) {
                      int64_t n = 0;
                      auto count = item.find("Count");
                      if (count != item.end() &&
                          absl::SimpleAtoi(count->second.scalar(), &n)) {
                        (*c)[item.at("Candidate").scalar()] += n;
                      }
                    });
}

absl::StatusOr<std::map<std::string, int64_t>> CountVotes(Engine* engine) {
  return ScanCounts(engine, kVotesTable,
                    [](const Item& item, std::map<std::string, int64_t>* c) {
                      ++(*c)[item.at("Candidate").scalar()];
                    });
}

}  // namespace examples
}  // namespace tablestream
