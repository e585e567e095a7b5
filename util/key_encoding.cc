// Copyright 2026 The tablestream Authors.

#include "util/key_encoding.h"

#include <cassert>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/number.h"

namespace tablestream {
namespace {

// S and B escaping. Never change: stored in item keys.
constexpr char kEscape = '\x00';
constexpr char kEscapedZero = '\xFF';
constexpr char kTerminator = '\x01';

absl::Status Corrupt(std::string_view why) {
  return MakeError(kInternalServerError,
                   absl::StrCat("corrupt key component: ", AsAbsl(why)));
}

void AppendEscaped(std::string* out, std::string_view bytes) {
  out->reserve(out->size() + bytes.size() + 2);
  const char* p = bytes.data();
  const char* const limit = p + bytes.size();
  while (p < limit) {
    const void* zero = std::memchr(p, 0, limit - p);
    if (zero == nullptr) {
      out->append(p, limit - p);
      break;
    }
    const char* z = static_cast<const char*>(zero);
    out->append(p, z - p);
    out->push_back(kEscape);
    out->push_back(kEscapedZero);
    p = z + 1;
  }
  out->push_back(kEscape);
  out->push_back(kTerminator);
}

// Decodes an escaped byte string from the front of *in into *bytes.
absl::Status DecodeEscaped(std::string_view* in, std::string* bytes) {
  const char* p = in->data();
  const char* const limit = p + in->size();
  while (true) {
    const void* zero = std::memchr(p, 0, limit - p);
    if (zero == nullptr) return Corrupt("unterminated byte string");
    const char* z = static_cast<const char*>(zero);
    bytes->append(p, z - p);
    if (z + 1 == limit) return Corrupt("truncated escape");
    if (z[1] == kTerminator) {
      in->remove_prefix(z + 2 - in->data());
      return absl::OkStatus();
    }
    if (z[1] != kEscapedZero) return Corrupt("bad escape");
    bytes->push_back('\0');
    p = z + 2;
  }
}

}  // namespace

void PutFixed64BE(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out->append(buf, 8);
}

void PutFixed32BE(std::string* out, uint32_t v) {
  char buf[4];
  for (int i = 3; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out->append(buf, 4);
}

uint64_t DecodeFixed64BE(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

uint32_t DecodeFixed32BE(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

void AppendOrderedKeyComponent(std::string* out,
                               const AttributeValue& key_value) {
  if (key_value.type() == AttributeType::kN) {
    absl::StatusOr<Number> number = Number::Parse(key_value.scalar());
    // Validation refuses bad numbers long before a key is built; should one
    // slip through, a release build encodes it as zero rather than crash.
    assert(number.ok());
    (number.ok() ? *number : Number()).AppendOrderedKey(out);
    return;
  }
  AppendEscaped(out, key_value.scalar());
}

absl::StatusOr<AttributeValue> DecodeOrderedKeyComponent(std::string_view* in,
                                                         AttributeType type) {
  switch (type) {
    case AttributeType::kN: {
      std::string_view rest = *in;
      absl::StatusOr<Number> number = Number::DecodeOrderedKey(&rest);
      if (!number.ok()) return number.status();
      *in = rest;
      return AttributeValue::N(number->ToString());
    }
    case AttributeType::kS:
    case AttributeType::kB: {
      std::string_view rest = *in;
      std::string bytes;
      if (absl::Status s = DecodeEscaped(&rest, &bytes); !s.ok()) return s;
      *in = rest;
      return type == AttributeType::kS ? AttributeValue::S(std::move(bytes))
                                       : AttributeValue::B(std::move(bytes));
    }
    default:
      return Corrupt(
          absl::StrCat("type ", AttributeTypeName(type), " cannot be a key"));
  }
}

}  // namespace tablestream
