// Copyright 2026 The tablestream Authors.

#include "api/ttl_json.h"

#include "util/status_macros.h"

namespace tablestream {
namespace api {

absl::StatusOr<UpdateTimeToLiveRequest> ParseUpdateTimeToLiveRequest(
    const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "UpdateTimeToLiveInput", "",
                        {"TableName", "TimeToLiveSpecification"}));
  UpdateTimeToLiveRequest request;
  TABLESTREAM_ASSIGN_OR_RETURN(request.table_name,
                               r.RequiredString("TableName"));
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* spec_json,
                               r.Required("TimeToLiveSpecification"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader spec,
      ObjectReader::New(*spec_json, "TimeToLiveSpecification",
                        r.PathOf("TimeToLiveSpecification"),
                        {"Enabled", "AttributeName"}));
  TABLESTREAM_ASSIGN_OR_RETURN(const Json* enabled, spec.Required("Enabled"));
  TABLESTREAM_ASSIGN_OR_RETURN(
      request.time_to_live_specification.enabled,
      ReadBool(*enabled, spec.PathOf("Enabled")));
  TABLESTREAM_ASSIGN_OR_RETURN(
      request.time_to_live_specification.attribute_name,
      spec.RequiredString("AttributeName"));
  return request;
}

absl::StatusOr<std::string> ParseDescribeTimeToLiveRequest(const Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ObjectReader r,
      ObjectReader::New(json, "DescribeTimeToLiveInput", "", {"TableName"}));
  return r.RequiredString("TableName");
}

Json UpdateTimeToLiveResponse(const TimeToLiveSpecification& spec) {
  return Json{{"TimeToLiveSpecification",
               Json{{"Enabled", spec.enabled},
                    {"AttributeName", spec.attribute_name}}}};
}

Json DescribeTimeToLiveResponse(const TimeToLiveDescription& description) {
  Json out = Json::object();
  out["TimeToLiveStatus"] = description.time_to_live_status;
  if (description.attribute_name.has_value()) {
    out["AttributeName"] = *description.attribute_name;
  }
  return Json{{"TimeToLiveDescription", std::move(out)}};
}

}  // namespace api
}  // namespace tablestream
