// Copyright 2026 The tablestream Authors.
//
// The public AttributeValue type (include/tablestream/attribute_value.h).

#include "tablestream/attribute_value.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tablestream {

const char* AttributeTypeName(AttributeType type) {
  switch (type) {
    case AttributeType::kS:
      return "S";
    case AttributeType::kN:
      return "N";
    case AttributeType::kB:
      return "B";
    case AttributeType::kBool:
      return "BOOL";
    case AttributeType::kNull:
      return "NULL";
    case AttributeType::kM:
      return "M";
    case AttributeType::kL:
      return "L";
    case AttributeType::kSS:
      return "SS";
    case AttributeType::kNS:
      return "NS";
    case AttributeType::kBS:
      return "BS";
  }
  return "?";
}

AttributeValue::AttributeValue() = default;

AttributeValue AttributeValue::S(std::string s) {
  AttributeValue v;
  v.type_ = AttributeType::kS;
  v.scalar_ = std::move(s);
  return v;
}

AttributeValue AttributeValue::N(std::string n) {
  AttributeValue v;
  v.type_ = AttributeType::kN;
  v.scalar_ = std::move(n);
  return v;
}

AttributeValue AttributeValue::B(std::string bytes) {
  AttributeValue v;
  v.type_ = AttributeType::kB;
  v.scalar_ = std::move(bytes);
  return v;
}

AttributeValue AttributeValue::Bool(bool b) {
  AttributeValue v;
  v.type_ = AttributeType::kBool;
  v.boolean_ = b;
  return v;
}

AttributeValue AttributeValue::Null() { return AttributeValue(); }

AttributeValue AttributeValue::M(Item m) {
  AttributeValue v;
  v.type_ = AttributeType::kM;
  v.map_ = std::move(m);
  return v;
}

AttributeValue AttributeValue::L(std::vector<AttributeValue> l) {
  AttributeValue v;
  v.type_ = AttributeType::kL;
  v.list_ = std::move(l);
  return v;
}

AttributeValue AttributeValue::SS(std::vector<std::string> ss) {
  AttributeValue v;
  v.type_ = AttributeType::kSS;
  v.set_ = std::move(ss);
  return v;
}

AttributeValue AttributeValue::NS(std::vector<std::string> ns) {
  AttributeValue v;
  v.type_ = AttributeType::kNS;
  v.set_ = std::move(ns);
  return v;
}

AttributeValue AttributeValue::BS(std::vector<std::string> bs) {
  AttributeValue v;
  v.type_ = AttributeType::kBS;
  v.set_ = std::move(bs);
  return v;
}

bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case AttributeType::kS:
    case AttributeType::kN:
    case AttributeType::kB:
      return a.scalar_ == b.scalar_;
    case AttributeType::kBool:
      return a.boolean_ == b.boolean_;
    case AttributeType::kNull:
      return true;
    case AttributeType::kM:
      return a.map_ == b.map_;
    case AttributeType::kL:
      return a.list_ == b.list_;
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS:
      return a.set_ == b.set_;
  }
  return false;
}

std::string AttributeValue::DebugString() const {
  auto quote = [](const std::string& s) {
    return absl::StrCat("\"", absl::CHexEscape(s), "\"");
  };
  std::string body;
  switch (type_) {
    case AttributeType::kS:
    case AttributeType::kN:
    case AttributeType::kB:
      body = quote(scalar_);
      break;
    case AttributeType::kBool:
      body = boolean_ ? "true" : "false";
      break;
    case AttributeType::kNull:
      body = "true";
      break;
    case AttributeType::kM: {
      std::vector<std::string> parts;
      for (const auto& [name, value] : map_) {
        parts.push_back(absl::StrCat(quote(name), ":", value.DebugString()));
      }
      body = absl::StrCat("{", absl::StrJoin(parts, ","), "}");
      break;
    }
    case AttributeType::kL: {
      std::vector<std::string> parts;
      for (const AttributeValue& v : list_) parts.push_back(v.DebugString());
      body = absl::StrCat("[", absl::StrJoin(parts, ","), "]");
      break;
    }
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS: {
      std::vector<std::string> parts;
      for (const std::string& e : set_) parts.push_back(quote(e));
      body = absl::StrCat("[", absl::StrJoin(parts, ","), "]");
      break;
    }
  }
  return absl::StrCat("{\"", AttributeTypeName(type_), "\":", body, "}");
}

}  // namespace tablestream
