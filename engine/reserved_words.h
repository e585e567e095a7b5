// Copyright 2026 The tablestream Authors.
//
// DynamoDB's reserved words (developer guide, "Reserved words in DynamoDB":
// 573 words). An attribute name written bare in an expression must not be
// one of them; an expression names such an attribute through an
// ExpressionAttributeNames placeholder (#name) instead.
//
// Thread-safe: the word set is built once and never changes.

#ifndef TABLESTREAM_ENGINE_RESERVED_WORDS_H_
#define TABLESTREAM_ENGINE_RESERVED_WORDS_H_

#include <cstddef>
#include <string_view>

namespace tablestream {

// Whether `word` is reserved, compared case-insensitively ("Name", "NAME").
bool IsReservedWord(std::string_view word);

// The number of reserved words (573), for tests.
size_t ReservedWordCount();

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_RESERVED_WORDS_H_
