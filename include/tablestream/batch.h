// Copyright 2026 The tablestream Authors.
//
// BatchGetItem and BatchWriteItem, shaped after DynamoDB's.
//
// BatchGetItem reads 1 to 100 distinct keys across tables from one
// consistent snapshot. Items are returned until the response reaches 16 MB;
// the keys left over come back in unprocessed_keys, as DynamoDB returns them.
//
// BatchWriteItem puts or deletes 1 to 25 distinct items across tables (16 MB
// in all, no conditions). Every request is validated before anything is
// written. The whole batch is committed in ONE write batch, so it is atomic,
// which is stronger than DynamoDB (which applies each request on its own);
// each item that really changes gets its stream record. unprocessed_items is
// always empty: the engine never throttles.

#ifndef TABLESTREAM_BATCH_H_
#define TABLESTREAM_BATCH_H_

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tablestream/attribute_value.h"
#include "tablestream/item.h"

namespace tablestream {

inline constexpr size_t kMaxBatchGetKeys = 100;
inline constexpr size_t kMaxBatchWriteRequests = 25;
// The most a BatchGetItem response carries, and a BatchWriteItem request.
inline constexpr int64_t kMaxBatchBytes = 16 * 1024 * 1024;

// DynamoDB's KeysAndAttributes: the keys to read in one table and how.
struct KeysAndAttributes {
  std::vector<Item> keys;
  std::vector<std::string> attributes_to_get;  // not with the projection
  bool consistent_read = false;  // accepted; every read is consistent
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
};

struct BatchGetItemRequest {
  // Table name -> what to read there.
  std::map<std::string, KeysAndAttributes> request_items;
};

struct BatchGetItemResult {
  // Table name -> the items found (missing keys are left out).
  std::map<std::string, std::vector<Item>> responses;
  // Table name -> keys not read because the response reached 16 MB; pass
  // them back in a new request.
  std::map<std::string, KeysAndAttributes> unprocessed_keys;
};

struct PutRequest {
  Item item;
};
struct DeleteRequest {
  Item key;
};
using WriteRequest = std::variant<PutRequest, DeleteRequest>;

struct BatchWriteItemRequest {
  // Table name -> its writes.
  std::map<std::string, std::vector<WriteRequest>> request_items;
};

struct BatchWriteItemResult {
  // Always empty (present as DynamoDB returns it).
  std::map<std::string, std::vector<WriteRequest>> unprocessed_items;
};

}  // namespace tablestream

#endif  // TABLESTREAM_BATCH_H_
