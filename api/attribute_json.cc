// Copyright 2026 The tablestream Authors.

#include "api/attribute_json.h"

#include <array>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/status_macros.h"

namespace tablestream {
namespace api {
namespace {

// DynamoDB allows 32 levels; the engine checks that. This bound only keeps a
// hostile request from exhausting the stack before the engine sees it.
constexpr int kMaxParseDepth = 64;

constexpr std::array<std::string_view, 10> kTypeNames = {
    "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};

std::string Join(std::string_view path, std::string_view member) {
  if (path.empty()) return std::string(member);
  return absl::StrCat(AsAbsl(path), ".", AsAbsl(member));
}

absl::StatusOr<std::vector<std::string>> ReadStrings(const Json& json,
                                                     std::string_view path,
                                                     bool base64) {
  if (!json.is_array()) return NotAList(json, path);
  std::vector<std::string> out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    std::string element_path =
        absl::StrCat(AsAbsl(path), ".", i + 1, ".member");
    TABLESTREAM_ASSIGN_OR_RETURN(std::string s,
                                 ReadString(json[i], element_path));
    if (base64) {
      TABLESTREAM_ASSIGN_OR_RETURN(s, DecodeBase64(s, element_path));
    }
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<AttributeValue> ParseValue(const Json& json,
                                          std::string_view path, int depth);

absl::StatusOr<Item> ParseItem(const Json& json, std::string_view path,
                               int depth) {
  if (!json.is_object()) return NotAMap(json, path);
  Item item;
  for (const auto& [name, value] : json.items()) {
    if (value.is_null()) continue;  // Coral drops null map values
    TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue v,
                                 ParseValue(value, Join(path, name), depth));
    item.emplace(name, std::move(v));
  }
  return item;
}

// Parses the one type member `type` of an attribute value.
absl::StatusOr<AttributeValue> ParseTyped(std::string_view type,
                                          const Json& json,
                                          std::string_view path, int depth) {
  std::string member_path = Join(path, type);
  if (type == "S" || type == "N" || type == "B") {
    TABLESTREAM_ASSIGN_OR_RETURN(std::string s, ReadString(json, member_path));
    if (type == "S") return AttributeValue::S(std::move(s));
    if (type == "N") return AttributeValue::N(std::move(s));
    TABLESTREAM_ASSIGN_OR_RETURN(std::string bytes,
                                 DecodeBase64(s, member_path));
    return AttributeValue::B(std::move(bytes));
  }
  if (type == "BOOL" || type == "NULL") {
    TABLESTREAM_ASSIGN_OR_RETURN(bool b, ReadBool(json, member_path));
    if (type == "BOOL") return AttributeValue::Bool(b);
    if (!b) {
      return ValidationError(
          "One or more parameter values were invalid: Null attribute value "
          "types must have the value of true");
    }
    return AttributeValue::Null();
  }
  if (type == "M") {
    TABLESTREAM_ASSIGN_OR_RETURN(Item m, ParseItem(json, member_path, depth));
    return AttributeValue::M(std::move(m));
  }
  if (type == "L") {
    if (!json.is_array()) return NotAList(json, member_path);
    std::vector<AttributeValue> list;
    list.reserve(json.size());
    for (size_t i = 0; i < json.size(); ++i) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          AttributeValue v,
          ParseValue(json[i], absl::StrCat(member_path, ".", i + 1, ".member"),
                     depth));
      list.push_back(std::move(v));
    }
    return AttributeValue::L(std::move(list));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::vector<std::string> set,
      ReadStrings(json, member_path, /*base64=*/type == "BS"));
  if (type == "SS") return AttributeValue::SS(std::move(set));
  if (type == "NS") return AttributeValue::NS(std::move(set));
  return AttributeValue::BS(std::move(set));
}

absl::StatusOr<AttributeValue> ParseValue(const Json& json,
                                          std::string_view path, int depth) {
  if (depth >= kMaxParseDepth) {
    return ValidationError(
        "Nesting Levels have exceeded supported limits: Attributes in the "
        "item have nested levels beyond supported limit");
  }
  if (!json.is_object()) return NotAStructure(json, path);
  const Json* typed = nullptr;
  std::string_view type;
  int count = 0;
  for (const auto& [name, member] : json.items()) {
    std::string_view matched;
    for (std::string_view t : kTypeNames) {
      if (t == name) matched = t;
    }
    if (matched.empty()) {
      return ValidationError(absl::StrCat(
          "Unknown member \"", name, "\" in AttributeValue",
          path.empty() ? "" : absl::StrCat(" at '", AsAbsl(path), "'"),
          "; allowed: S, N, B, BOOL, NULL, M, L, SS, NS, BS"));
    }
    if (member.is_null()) continue;
    ++count;
    typed = &member;
    type = matched;
  }
  if (count == 0) {
    return ValidationError(
        "Supplied AttributeValue is empty, must contain exactly one of the "
        "supported datatypes");
  }
  if (count > 1) {
    return ValidationError(
        "Supplied AttributeValue has more than one datatypes set, must "
        "contain exactly one of the supported datatypes");
  }
  return ParseTyped(type, *typed, path, depth + 1);
}

int Base64Index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

absl::StatusOr<AttributeValue> AttributeValueFromJson(const Json& json,
                                                      std::string_view path) {
  return ParseValue(json, path, 0);
}

absl::StatusOr<Item> ItemFromJson(const Json& json, std::string_view path) {
  return ParseItem(json, path, 0);
}

Json AttributeValueToJson(const AttributeValue& value) {
  Json out = Json::object();
  const char* type = AttributeTypeName(value.type());
  switch (value.type()) {
    case AttributeType::kS:
    case AttributeType::kN:
      out[type] = value.scalar();
      break;
    case AttributeType::kB:
      out[type] = EncodeBase64(value.scalar());
      break;
    case AttributeType::kBool:
      out[type] = value.boolean();
      break;
    case AttributeType::kNull:
      out[type] = true;
      break;
    case AttributeType::kM:
      out[type] = ItemToJson(value.map());
      break;
    case AttributeType::kL: {
      Json list = Json::array();
      for (const AttributeValue& v : value.list()) {
        list.push_back(AttributeValueToJson(v));
      }
      out[type] = std::move(list);
      break;
    }
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS: {
      Json set = Json::array();
      for (const std::string& s : value.set()) {
        set.push_back(value.type() == AttributeType::kBS ? EncodeBase64(s) : s);
      }
      out[type] = std::move(set);
      break;
    }
  }
  return out;
}

Json ItemToJson(const Item& item) {
  Json out = Json::object();
  for (const auto& [name, value] : item) {
    out[name] = AttributeValueToJson(value);
  }
  return out;
}

std::string EncodeBase64(std::string_view bytes) {
  return absl::Base64Escape(absl::string_view(bytes.data(), bytes.size()));
}

absl::StatusOr<std::string> DecodeBase64(std::string_view text,
                                         std::string_view path) {
  auto fail = [&](std::string_view why) {
    return MakeError(
        kSerializationException,
        absl::StrCat("'", AsAbsl(text), "' can not be converted to a Blob: ",
                     AsAbsl(why), " (at '", AsAbsl(path), "')"));
  };
  if (text.size() % 4 != 0) {
    return fail(absl::StrCat(
        "Base64 encoded length is expected a multiple of 4 bytes but found: ",
        text.size()));
  }
  size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') {
    ++pad;
  }
  size_t data_chars = text.size() - pad;
  for (size_t i = 0; i < data_chars; ++i) {
    if (Base64Index(text[i]) < 0) {
      return fail(absl::StrCat("Invalid Base64 character: '",
                               absl::string_view(&text[i], 1), "'"));
    }
  }
  // Canonical form: the bits after the last byte must be zero.
  if (pad > 0) {
    int last = Base64Index(text[data_chars - 1]);
    int unused_mask = (pad == 1) ? 0x3 : 0xF;
    if ((last & unused_mask) != 0) {
      // Coral's spelling.
      return fail("Invalid last non-pad Base64 character dectected");
    }
  }
  std::string out;
  out.reserve(data_chars * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < data_chars; ++i) {
    buffer = (buffer << 6) | static_cast<uint32_t>(Base64Index(text[i]));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace api
}  // namespace tablestream
