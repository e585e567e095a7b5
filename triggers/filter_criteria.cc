// Copyright 2026 The tablestream Authors.

#include "triggers/filter_criteria.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "triggers/event_pattern.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

constexpr size_t kMaxFilters = 5;
constexpr size_t kMaxPatternLength = 4096;

absl::Status CriteriaError(absl::string_view what) {
  return MakeError(kInvalidParameterValueException,
                   absl::StrCat("FilterCriteria ", what));
}

}  // namespace

struct FilterCriteria::Compiled {
  api::Json json = api::Json::object();
  std::vector<EventPattern> patterns;
};

FilterCriteria::FilterCriteria() : compiled_(std::make_shared<Compiled>()) {}

absl::StatusOr<FilterCriteria> FilterCriteria::Parse(
    const api::Json& criteria) {
  auto compiled = std::make_shared<Compiled>();
  if (criteria.is_null()) return FilterCriteria();
  if (!criteria.is_object()) {
    return CriteriaError(absl::StrCat("is a JSON ", criteria.type_name(),
                                      "; expected {\"Filters\":[...]}"));
  }
  for (auto it = criteria.begin(); it != criteria.end(); ++it) {
    if (it.key() != "Filters") {
      return CriteriaError(absl::StrCat("has unknown member \"", it.key(),
                                        "\"; the only member is Filters"));
    }
  }
  compiled->json = criteria;
  auto filters = criteria.find("Filters");
  if (filters == criteria.end() || filters->is_null()) {
    return FilterCriteria(std::move(compiled));
  }
  if (!filters->is_array()) {
    return CriteriaError("Filters must be a list of {\"Pattern\": \"...\"}");
  }
  if (filters->size() > kMaxFilters) {
    return CriteriaError(absl::StrCat("has ", filters->size(),
                                      " filters; the limit is ", kMaxFilters));
  }
  for (size_t i = 0; i < filters->size(); ++i) {
    const api::Json& filter = (*filters)[i];
    const std::string where = absl::StrCat("Filters[", i, "]");
    if (!filter.is_object()) {
      return CriteriaError(absl::StrCat(where,
                                        " must be an object with "
                                        "a Pattern"));
    }
    for (auto it = filter.begin(); it != filter.end(); ++it) {
      if (it.key() != "Pattern") {
        return CriteriaError(absl::StrCat(where, " has unknown member \"",
                                          it.key(),
                                          "\"; the only member is Pattern"));
      }
    }
    auto pattern = filter.find("Pattern");
    if (pattern == filter.end() || !pattern->is_string()) {
      return CriteriaError(absl::StrCat(
          where, ".Pattern must be a string holding a JSON object"));
    }
    const std::string& text = pattern->get_ref<const std::string&>();
    if (text.size() > kMaxPatternLength) {
      return CriteriaError(absl::StrCat(where, ".Pattern is ", text.size(),
                                        " characters; the limit is ",
                                        kMaxPatternLength));
    }
    absl::StatusOr<EventPattern> compiled_pattern = EventPattern::Parse(text);
    if (!compiled_pattern.ok()) {
      return MakeError(kInvalidParameterValueException,
                       absl::StrCat(ErrorMessage(compiled_pattern.status()),
                                    " (in ", where, ".Pattern)"));
    }
    compiled->patterns.push_back(*std::move(compiled_pattern));
  }
  return FilterCriteria(std::move(compiled));
}

bool FilterCriteria::Matches(const api::Json& event_record) const {
  if (compiled_->patterns.empty()) return true;
  for (const EventPattern& pattern : compiled_->patterns) {
    if (pattern.Matches(event_record)) return true;
  }
  return false;
}

bool FilterCriteria::empty() const { return compiled_->patterns.empty(); }

const api::Json& FilterCriteria::ToJson() const { return compiled_->json; }

}  // namespace triggers
}  // namespace tablestream
