// Copyright 2026 The tablestream Authors.
//
// Byte encodings for RocksDB keys: fixed-width big-endian integers, and an
// order-preserving encoding of DynamoDB key values (S, N, B), so that the
// bytewise order of keys is DynamoDB's key order.
//
// Everything here is stored in keys on disk: never change an encoding.
// All functions are thread-compatible (they touch only their arguments).

#ifndef TABLESTREAM_UTIL_KEY_ENCODING_H_
#define TABLESTREAM_UTIL_KEY_ENCODING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// Big-endian fixed-width integers: bytewise order is numeric order.
void PutFixed64BE(std::string* out, uint64_t v);
void PutFixed32BE(std::string* out, uint32_t v);
// REQUIRES: p points to at least 8 (4) readable bytes.
uint64_t DecodeFixed64BE(const char* p);
uint32_t DecodeFixed32BE(const char* p);

// Appends the order-preserving, self-delimiting encoding of a key value, so
// that concatenated encodings of (partition, sort) compare bytewise in
// DynamoDB key order:
//   S, B: the raw bytes with each 0x00 written as 0x00 0xFF, then 0x00 0x01.
//         Bytewise over the raw bytes: "a" < "a\0" < "ab".
//   N:    Number::AppendOrderedKey (numeric order).
// The type is not encoded; the reader knows it from the key schema.
// REQUIRES: key_value is canonical (N normalized) and of type S, N or B.
void AppendOrderedKeyComponent(std::string* out,
                               const AttributeValue& key_value);

// Decodes one component of type `type` from the front of *in and advances
// *in past it. Corrupt input, or a type other than S, N or B, gives an
// InternalServerError status; *in is then unchanged.
absl::StatusOr<AttributeValue> DecodeOrderedKeyComponent(std::string_view* in,
                                                         AttributeType type);

}  // namespace tablestream

#endif  // TABLESTREAM_UTIL_KEY_ENCODING_H_
