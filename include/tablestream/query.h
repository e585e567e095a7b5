// Copyright 2026 The tablestream Authors.
//
// Query and Scan requests and results, shaped after DynamoDB's.
//
// Both read a page: at most `limit` items are read (evaluated), and a page
// stops once the items read reach 1 MB. The filter expression is applied to
// the items read, so `count` (items returned) can be below `scanned_count`
// (items read), and a page can be empty while `last_evaluated_key` says there
// is more. `last_evaluated_key` is set whenever the page stopped at the limit
// or at 1 MB (even if no item follows, as DynamoDB does); pass it back as
// `exclusive_start_key` for the next page.

#ifndef TABLESTREAM_QUERY_H_
#define TABLESTREAM_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "tablestream/attribute_value.h"
#include "tablestream/item.h"

namespace tablestream {

// DynamoDB's Select.
enum class Select {
  kAllAttributes,       // the default without a projection
  kSpecificAttributes,  // the default with a projection
  kCount,               // only count and scanned_count
};

// The size of a page: DynamoDB's 1 MB.
inline constexpr int64_t kMaxPageBytes = 1024 * 1024;

struct QueryRequest {
  std::string table_name;
  // "pk = :p", optionally "AND" one of sk = < <= > >= :v, sk BETWEEN :a AND
  // :b, begins_with(sk, :s).
  std::string key_condition_expression;
  std::optional<std::string> filter_expression;  // not on key attributes
  std::optional<std::string> projection_expression;
  ExpressionPlaceholders placeholders;
  std::optional<Select> select;
  std::optional<int> limit;  // >= 1
  bool scan_index_forward = true;
  std::optional<Item> exclusive_start_key;
  bool consistent_read = false;  // accepted; every read is consistent
};

struct ScanRequest {
  std::string table_name;
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  ExpressionPlaceholders placeholders;
  std::optional<Select> select;
  std::optional<int> limit;  // >= 1
  std::optional<Item> exclusive_start_key;
  // Parallel scan: this call reads segment `segment` of `total_segments`
  // (1..1000000). Segments split the table by a hash of the partition key.
  std::optional<int> segment;
  std::optional<int> total_segments;
  bool consistent_read = false;
};

// The result of Query and Scan.
struct ReadPage {
  std::vector<Item> items;  // empty with Select kCount
  int count = 0;            // items that passed the filter
  int scanned_count = 0;    // items read
  std::optional<Item> last_evaluated_key;
};

}  // namespace tablestream

#endif  // TABLESTREAM_QUERY_H_
