// Copyright 2026 The tablestream Authors.

#include "util/attribute_canonical.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/number.h"

namespace tablestream {
namespace {

constexpr char kInvalid[] = "One or more parameter values were invalid: ";
constexpr char kNesting[] =
    "Nesting Levels have exceeded supported limits: Attributes in the item "
    "have nested levels beyond supported limit";

// Where a value sits: a stack of map names and list indices, rendered only
// when an error needs it ("a.b[2]").
class Path {
 public:
  void PushName(const std::string& name) { segments_.push_back({&name, 0}); }
  void PushIndex(size_t index) { segments_.push_back({nullptr, index}); }
  void Pop() { segments_.pop_back(); }

  // `message`, followed by ` in attribute "<path>"` unless the path is empty.
  absl::Status Error(std::string_view message) const {
    if (segments_.empty()) return ValidationError(message);
    std::string path;
    for (const Segment& s : segments_) {
      if (s.name == nullptr) {
        absl::StrAppend(&path, "[", s.index, "]");
      } else {
        if (!path.empty()) path.push_back('.');
        path.append(absl::Utf8SafeCHexEscape(*s.name));
      }
    }
    return ValidationError(
        absl::StrCat(AsAbsl(message), " in attribute \"", path, "\""));
  }

 private:
  struct Segment {
    const std::string* name;  // nullptr for a list index
    size_t index;
  };
  std::vector<Segment> segments_;
};

absl::Status CheckName(const std::string& name, const Path& path) {
  if (name.empty()) {
    return path.Error(absl::StrCat(
        kInvalid, "An attribute name is empty; names must be 1 to ",
        kMaxAttributeNameBytes, " bytes"));
  }
  if (name.size() > kMaxAttributeNameBytes) {
    return path.Error(absl::StrCat(kInvalid, "An attribute name is ",
                                   name.size(), " bytes; names must be 1 to ",
                                   kMaxAttributeNameBytes, " bytes"));
  }
  if (!IsValidUtf8(name)) {
    return path.Error(
        absl::StrCat(kInvalid, "An attribute name is not valid UTF-8"));
  }
  return absl::OkStatus();
}

absl::Status CheckUtf8(std::string_view s, const Path& path) {
  if (IsValidUtf8(s)) return absl::OkStatus();
  return path.Error(
      absl::StrCat(kInvalid, "A string value is not valid UTF-8"));
}

bool StrictlyAscending(const std::vector<std::string>& set) {
  for (size_t i = 1; i < set.size(); ++i) {
    if (!(set[i - 1] < set[i])) return false;
  }
  return true;
}

// "[a, b]", elements rendered by `render`.
template <typename Render>
std::string ListText(const std::vector<std::string>& set, Render render) {
  std::string text = "[";
  for (size_t i = 0; i < set.size(); ++i) {
    if (i > 0) text.append(", ");
    text.append(render(set[i]));
  }
  text.push_back(']');
  return text;
}

// Sorts an SS or BS bytewise, refusing duplicates. Leaves `set` unchanged on
// error.
absl::Status SortByteSet(AttributeType type, std::vector<std::string>* set,
                         const Path& path) {
  if (StrictlyAscending(*set)) return absl::OkStatus();
  std::vector<std::string_view> sorted(set->begin(), set->end());
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    if (type == AttributeType::kSS) {
      return path.Error(
          absl::StrCat(kInvalid, "Input collection ",
                       ListText(*set, [](const std::string& s) { return s; }),
                       " contains duplicates."));
    }
    return path.Error(absl::StrCat(
        kInvalid, "Input collection ",
        ListText(*set,
                 [](const std::string& s) { return absl::Base64Escape(s); }),
        "of type BS contains duplicates."));
  }
  std::sort(set->begin(), set->end());
  return absl::OkStatus();
}

// Normalizes and sorts an NS numerically, refusing duplicates.
absl::Status SortNumberSet(std::vector<std::string>* set, const Path& path) {
  std::vector<Number> numbers;
  numbers.reserve(set->size());
  for (const std::string& text : *set) {
    absl::StatusOr<Number> number = Number::Parse(text);
    if (!number.ok()) return path.Error(ErrorMessage(number.status()));
    numbers.push_back(*number);
  }
  std::sort(numbers.begin(), numbers.end());
  for (size_t i = 1; i < numbers.size(); ++i) {
    if (numbers[i - 1] == numbers[i]) {
      return path.Error("Input collection contains duplicates");
    }
  }
  for (size_t i = 0; i < numbers.size(); ++i) {
    std::string& text = (*set)[i];
    text.clear();
    numbers[i].AppendTo(&text);
  }
  return absl::OkStatus();
}

absl::Status CanonicalizeInPlace(AttributeValue* value, int depth, Path* path) {
  if (depth > kMaxNestingDepth) return path->Error(kNesting);
  switch (value->type()) {
    case AttributeType::kS:
      return CheckUtf8(value->scalar(), *path);
    case AttributeType::kN: {
      absl::StatusOr<Number> number = Number::Parse(value->scalar());
      if (!number.ok()) return path->Error(ErrorMessage(number.status()));
      // Already canonical in the common case: keep the string.
      std::string text = number->ToString();
      if (text != value->scalar()) *value = AttributeValue::N(std::move(text));
      return absl::OkStatus();
    }
    case AttributeType::kB:
    case AttributeType::kBool:
    case AttributeType::kNull:
      return absl::OkStatus();
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS: {
      std::vector<std::string>* set = &value->mutable_set();
      if (set->empty()) {
        const char* what = value->type() == AttributeType::kSS
                               ? "An string set  may not be empty"
                           : value->type() == AttributeType::kNS
                               ? "An number set  may not be empty"
                               : "Binary sets should not be empty";
        return path->Error(absl::StrCat(kInvalid, what));
      }
      if (value->type() == AttributeType::kNS) {
        return SortNumberSet(set, *path);
      }
      if (value->type() == AttributeType::kSS) {
        for (const std::string& s : *set) {
          if (absl::Status st = CheckUtf8(s, *path); !st.ok()) return st;
        }
      }
      return SortByteSet(value->type(), set, *path);
    }
    case AttributeType::kM:
      for (auto& [name, element] : value->mutable_map()) {
        if (absl::Status s = CheckName(name, *path); !s.ok()) return s;
        path->PushName(name);
        absl::Status s = CanonicalizeInPlace(&element, depth + 1, path);
        path->Pop();
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    case AttributeType::kL: {
      std::vector<AttributeValue>& list = value->mutable_list();
      for (size_t i = 0; i < list.size(); ++i) {
        path->PushIndex(i);
        absl::Status s = CanonicalizeInPlace(&list[i], depth + 1, path);
        path->Pop();
        if (!s.ok()) return s;
      }
      return absl::OkStatus();
    }
  }
  return path->Error("Supplied AttributeValue has an unknown type");
}

int64_t NumberSize(const std::string& canonical) {
  absl::StatusOr<Number> number = Number::Parse(canonical);
  // Canonical input always parses; the fallback only keeps a broken caller
  // from crashing.
  return number.ok() ? number->SizeBytes()
                     : 1 + static_cast<int64_t>(canonical.size() + 1) / 2;
}

}  // namespace

absl::StatusOr<AttributeValue> CanonicalizeValue(const AttributeValue& value,
                                                 int depth) {
  AttributeValue copy = value;
  Path path;
  if (absl::Status s = CanonicalizeInPlace(&copy, depth, &path); !s.ok()) {
    return s;
  }
  return copy;
}

absl::Status CanonicalizeItem(Item* item) {
  Path path;
  for (auto& [name, value] : *item) {
    if (absl::Status s = CheckName(name, path); !s.ok()) return s;
    path.PushName(name);
    absl::Status s = CanonicalizeInPlace(&value, 1, &path);
    path.Pop();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

int64_t AttributeValueSize(const AttributeValue& value) {
  switch (value.type()) {
    case AttributeType::kS:
    case AttributeType::kB:
      return static_cast<int64_t>(value.scalar().size());
    case AttributeType::kN:
      return NumberSize(value.scalar());
    case AttributeType::kBool:
    case AttributeType::kNull:
      return 1;
    case AttributeType::kSS:
    case AttributeType::kBS: {
      int64_t size = 0;
      for (const std::string& s : value.set()) size += s.size();
      return size;
    }
    case AttributeType::kNS: {
      int64_t size = 0;
      for (const std::string& s : value.set()) size += NumberSize(s);
      return size;
    }
    case AttributeType::kM: {
      int64_t size = 3;
      for (const auto& [name, element] : value.map()) {
        size +=
            static_cast<int64_t>(name.size()) + AttributeValueSize(element) + 1;
      }
      return size;
    }
    case AttributeType::kL: {
      int64_t size = 3;
      for (const AttributeValue& element : value.list()) {
        size += AttributeValueSize(element) + 1;
      }
      return size;
    }
  }
  return 0;
}

int64_t ItemSize(const Item& item) {
  int64_t size = 0;
  for (const auto& [name, value] : item) {
    size += static_cast<int64_t>(name.size()) + AttributeValueSize(value);
  }
  return size;
}

int CompareScalar(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() == AttributeType::kN) {
    return CompareCanonicalNumbers(a.scalar(), b.scalar());
  }
  return a.scalar().compare(b.scalar());
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* const end = p + s.size();
  while (p < end) {
    // ASCII fast path, 8 bytes at a time.
    if (end - p >= 8) {
      uint64_t chunk;
      std::memcpy(&chunk, p, 8);
      if ((chunk & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int len;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlongs
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // no overlongs
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    if (end - p < len) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += len;
  }
  return true;
}

}  // namespace tablestream
