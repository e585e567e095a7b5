// Copyright 2026 The tablestream Authors.

#include "engine/legacy_compile.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using V = AttributeValue;
using Op = ComparisonOperator;

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

Item Sample() {
  return Item{
      {"pk", V::S("k")},
      {"n", V::N("2")},
      {"s", V::S("hello")},
      {"b", V::B("hi there")},
      {"ns", V::NS({"2", "4", "7"})},
      {"ss", V::SS({"chinchilla", "dog"})},
      {"l", V::L({V::N("2"), V::N("4"), V::N("7")})},
      {"m", V::M({{"x", V::N("1")}})},
      {"z", V::Null()},
  };
}

ExpectedAttributeValue OpArgs(Op op, std::vector<V> args = {}) {
  ExpectedAttributeValue e;
  e.comparison_operator = op;
  e.attribute_value_list = std::move(args);
  return e;
}

ExpectedConditions One(const std::string& name, ExpectedAttributeValue e) {
  ExpectedConditions c;
  c.expected[name] = std::move(e);
  return c;
}

// Compiles and evaluates against Sample() (or a missing item).
bool Holds(const ExpectedConditions& expected, bool item_exists = true) {
  absl::StatusOr<Condition> c = CompileExpected(expected);
  EXPECT_TRUE(c.ok()) << c.status();
  if (!c.ok()) return false;
  const Item item = Sample();
  absl::StatusOr<bool> r = EvaluateCondition(*c, item_exists ? &item : nullptr);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() && *r;
}

bool OpHolds(const std::string& name, Op op, std::vector<V> args) {
  return Holds(One(name, OpArgs(op, std::move(args))));
}

std::string CompileError(const ExpectedConditions& expected) {
  absl::StatusOr<Condition> c = CompileExpected(expected);
  if (c.ok()) return "(compiled)";
  EXPECT_EQ(ExceptionName(c.status()), kValidationException);
  return ErrorMessage(c.status());
}

TEST(CompileExpectedTest, EmptyIsTrue) {
  absl::StatusOr<Condition> c = CompileExpected(ExpectedConditions());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->kind, Condition::Kind::kTrue);
  ExpectedConditions any;
  any.conditional_operator = ConditionalOperator::kOr;
  EXPECT_TRUE(Holds(any, /*item_exists=*/false));
}

TEST(CompileExpectedTest, ShortForms) {
  ExpectedAttributeValue value;
  value.value = V::N("2");
  EXPECT_TRUE(Holds(One("n", value)));
  EXPECT_FALSE(Holds(One("s", value)));
  EXPECT_FALSE(Holds(One("missing", value)));
  EXPECT_FALSE(Holds(One("n", value), /*item_exists=*/false));
  value.exists = true;
  EXPECT_TRUE(Holds(One("n", value)));
  value.value = V::N("3");
  EXPECT_FALSE(Holds(One("n", value)));

  ExpectedAttributeValue absent;
  absent.exists = false;
  EXPECT_TRUE(Holds(One("missing", absent)));
  EXPECT_FALSE(Holds(One("z", absent)));  // a NULL value exists
  EXPECT_TRUE(Holds(One("n", absent), /*item_exists=*/false));

  absl::StatusOr<Condition> c = CompileExpected(One("a", absent));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->kind, Condition::Kind::kAttributeNotExists);
  EXPECT_EQ(c->operands[0].path, TopLevel("a"));
}

TEST(CompileExpectedTest, ShortFormErrors) {
  ExpectedAttributeValue e;
  EXPECT_EQ(CompileError(One("a", e)),
            std::string(kInvalid) +
                "Value must be provided when Exists is null for Attribute: a");
  e.exists = true;
  EXPECT_EQ(CompileError(One("a", e)),
            std::string(kInvalid) +
                "Value must be provided when Exists is true for Attribute: a");
  e.exists = false;
  e.value = V::N("1");
  EXPECT_EQ(CompileError(One("a", e)),
            std::string(kInvalid) +
                "Value cannot be used when Exists is false for Attribute: a");
  ExpectedAttributeValue list_only;
  list_only.attribute_value_list = {V::N("1")};
  EXPECT_EQ(CompileError(One("a", list_only)),
            std::string(kInvalid) +
                "AttributeValueList can only be used with a ComparisonOperator "
                "for Attribute: a");
}

TEST(CompileExpectedTest, OperatorConflicts) {
  ExpectedAttributeValue e = OpArgs(Op::kEq, {V::N("1")});
  e.exists = true;
  EXPECT_EQ(CompileError(One("a", e)),
            std::string(kInvalid) +
                "Exists and ComparisonOperator cannot be used together for "
                "Attribute: a");
  e = OpArgs(Op::kEq, {V::N("1")});
  e.value = V::N("1");
  EXPECT_EQ(CompileError(One("a", e)),
            std::string(kInvalid) +
                "Value and AttributeValueList cannot be used together for "
                "Attribute: a");
  // Value alone stands for a one-element AttributeValueList.
  e = OpArgs(Op::kGt);
  e.value = V::N("1");
  EXPECT_TRUE(Holds(One("n", e)));
  e.value = V::N("5");
  EXPECT_FALSE(Holds(One("n", e)));
}

TEST(CompileExpectedTest, ArgumentCounts) {
  struct Case {
    Op op;
    std::vector<size_t> bad;
  };
  const std::vector<Case> cases = {
      {Op::kEq, {0, 2}},         {Op::kNe, {0, 2}},
      {Op::kLt, {0, 2}},         {Op::kLe, {0, 2}},
      {Op::kGt, {0, 2}},         {Op::kGe, {0, 2}},
      {Op::kContains, {0, 2}},   {Op::kNotContains, {0, 2}},
      {Op::kBeginsWith, {0, 2}}, {Op::kNull, {1, 2}},
      {Op::kNotNull, {1}},       {Op::kIn, {0}},
      {Op::kBetween, {0, 1, 3}},
  };
  for (const Case& c : cases) {
    for (size_t count : c.bad) {
      std::vector<V> args(count, V::N("1"));
      EXPECT_EQ(CompileError(One("a", OpArgs(c.op, args))),
                std::string(kInvalid) +
                    "Invalid number of argument(s) for the " +
                    ComparisonOperatorName(c.op) + " ComparisonOperator")
          << ComparisonOperatorName(c.op) << " " << count;
    }
  }
}

TEST(CompileExpectedTest, ArgumentTypes) {
  const std::vector<V> non_scalars = {V::SS({"a"}), V::NS({"1"}), V::BS({"x"}),
                                      V::L({}),     V::M({}),     V::Bool(true),
                                      V::Null()};
  for (Op op : {Op::kLt, Op::kLe, Op::kGt, Op::kGe, Op::kContains,
                Op::kNotContains, Op::kBeginsWith, Op::kIn}) {
    for (const V& v : non_scalars) {
      EXPECT_EQ(CompileError(One("a", OpArgs(op, {v}))),
                std::string(kInvalid) + "ComparisonOperator " +
                    ComparisonOperatorName(op) + " is not valid for " +
                    AttributeTypeName(v.type()) + " AttributeValue type");
    }
  }
  for (const V& v : non_scalars) {
    EXPECT_THAT(CompileError(One("a", OpArgs(Op::kBetween, {v, v}))),
                HasSubstr("ComparisonOperator BETWEEN is not valid for"));
  }
  EXPECT_EQ(CompileError(One("a", OpArgs(Op::kBeginsWith, {V::N("1")}))),
            std::string(kInvalid) +
                "ComparisonOperator BEGINS_WITH is not valid for N "
                "AttributeValue type");
  // EQ and NE take documents and sets.
  for (const V& v : non_scalars) {
    EXPECT_TRUE(CompileExpected(One("a", OpArgs(Op::kEq, {v}))).ok());
    EXPECT_TRUE(CompileExpected(One("a", OpArgs(Op::kNe, {v}))).ok());
  }
}

TEST(CompileExpectedTest, MixedTypesAndBetweenOrder) {
  const std::string same_type =
      std::string(kInvalid) +
      "AttributeValues inside AttributeValueList must be of same type";
  EXPECT_EQ(CompileError(One("a", OpArgs(Op::kIn, {V::N("3"), V::S("dog")}))),
            same_type);
  EXPECT_EQ(
      CompileError(One("a", OpArgs(Op::kBetween, {V::N("4"), V::S("dog")}))),
      same_type);
  const std::string order =
      "The BETWEEN condition was provided a range where the lower bound is "
      "greater than the upper bound";
  EXPECT_EQ(
      CompileError(One("a", OpArgs(Op::kBetween, {V::N("4"), V::N("3")}))),
      order);
  EXPECT_EQ(CompileError(One(
                "a", OpArgs(Op::kBetween, {V::S("dog"), V::S("aardvark")}))),
            order);
  // Numbers order numerically: 9 <= 10.
  EXPECT_TRUE(OpHolds("n", Op::kBetween, {V::N("1.5"), V::N("10")}));
  EXPECT_TRUE(OpHolds("n", Op::kBetween, {V::N("2"), V::N("2")}));
}

TEST(CompileExpectedTest, ValuesAreCanonicalized) {
  EXPECT_TRUE(OpHolds("n", Op::kEq, {V::N("2.000")}));
  EXPECT_TRUE(OpHolds("n", Op::kEq, {V::N("0.2E1")}));
  EXPECT_TRUE(OpHolds("ns", Op::kEq, {V::NS({"7", "2.0", "4"})}));
  EXPECT_TRUE(OpHolds("ss", Op::kEq, {V::SS({"dog", "chinchilla"})}));
  EXPECT_TRUE(OpHolds("ns", Op::kContains, {V::N("4.0")}));
  ExpectedAttributeValue value;
  value.value = V::N("+2");
  EXPECT_TRUE(Holds(One("n", value)));
  EXPECT_THAT(CompileError(One("n", OpArgs(Op::kEq, {V::N("abc")}))),
              HasSubstr("cannot be converted to a numeric value"));
  EXPECT_THAT(CompileError(One("n", OpArgs(Op::kEq, {V::SS({})}))),
              HasSubstr("may not be empty"));
  value.value = V::N("1e999");
  EXPECT_THAT(CompileError(One("n", value)), HasSubstr("Number overflow"));
}

TEST(CompileExpectedTest, OperatorSemantics) {
  EXPECT_TRUE(OpHolds("n", Op::kEq, {V::N("2")}));
  EXPECT_FALSE(OpHolds("n", Op::kEq, {V::S("2")}));
  EXPECT_TRUE(OpHolds("n", Op::kNe, {V::N("3")}));
  EXPECT_TRUE(OpHolds("n", Op::kNe, {V::S("2")}));
  EXPECT_FALSE(OpHolds("n", Op::kNe, {V::N("2")}));
  EXPECT_TRUE(OpHolds("m", Op::kEq, {V::M({{"x", V::N("1")}})}));
  EXPECT_TRUE(OpHolds("n", Op::kLe, {V::N("2")}));
  EXPECT_FALSE(OpHolds("n", Op::kLt, {V::N("2")}));
  EXPECT_TRUE(OpHolds("n", Op::kGe, {V::N("2")}));
  EXPECT_TRUE(OpHolds("s", Op::kGt, {V::S("aardvark")}));
  EXPECT_FALSE(OpHolds("n", Op::kGt, {V::S("1")}));  // type mismatch
  EXPECT_TRUE(OpHolds("b", Op::kLt, {V::B("zz")}));
  EXPECT_TRUE(OpHolds("z", Op::kNotNull, {}));
  EXPECT_FALSE(OpHolds("z", Op::kNull, {}));
  EXPECT_TRUE(OpHolds("s", Op::kContains, {V::S("ell")}));
  EXPECT_TRUE(OpHolds("b", Op::kContains, {V::B("here")}));
  EXPECT_TRUE(OpHolds("ns", Op::kContains, {V::N("4")}));
  EXPECT_TRUE(OpHolds("l", Op::kContains, {V::N("4")}));
  EXPECT_FALSE(OpHolds("l", Op::kContains, {V::N("1")}));
  EXPECT_FALSE(OpHolds("s", Op::kContains, {V::N("1")}));
  EXPECT_TRUE(OpHolds("s", Op::kNotContains, {V::S("dog")}));
  EXPECT_TRUE(OpHolds("s", Op::kNotContains, {V::N("1")}));
  EXPECT_FALSE(OpHolds("ns", Op::kNotContains, {V::N("4")}));
  EXPECT_FALSE(OpHolds("l", Op::kNotContains, {V::N("4")}));
  EXPECT_TRUE(OpHolds("s", Op::kBeginsWith, {V::S("hell")}));
  EXPECT_TRUE(OpHolds("b", Op::kBeginsWith, {V::B("hi")}));
  EXPECT_FALSE(OpHolds("n", Op::kBeginsWith, {V::S("2")}));
  EXPECT_TRUE(OpHolds("n", Op::kIn, {V::N("3"), V::N("2"), V::N("8")}));
  EXPECT_FALSE(OpHolds("n", Op::kIn, {V::N("1"), V::N("4")}));
  EXPECT_FALSE(OpHolds("ns", Op::kIn, {V::N("2")}));
  EXPECT_TRUE(OpHolds("s", Op::kBetween, {V::S("a"), V::S("z")}));
  EXPECT_FALSE(OpHolds("s", Op::kBetween, {V::N("1"), V::N("3")}));
}

TEST(CompileExpectedTest, MissingAttribute) {
  // Only NE, NULL (and the short form Exists false) hold on a missing
  // attribute; NOT_CONTAINS does not (DynamoDB).
  const std::vector<std::pair<Op, std::vector<V>>> cases = {
      {Op::kEq, {V::N("1")}},
      {Op::kNe, {V::N("1")}},
      {Op::kLt, {V::N("1")}},
      {Op::kLe, {V::N("1")}},
      {Op::kGt, {V::N("1")}},
      {Op::kGe, {V::N("1")}},
      {Op::kNull, {}},
      {Op::kNotNull, {}},
      {Op::kContains, {V::N("1")}},
      {Op::kNotContains, {V::N("1")}},
      {Op::kBeginsWith, {V::S("a")}},
      {Op::kIn, {V::N("1")}},
      {Op::kBetween, {V::N("0"), V::N("100")}},
  };
  for (const auto& [op, args] : cases) {
    const bool want = op == Op::kNe || op == Op::kNull;
    EXPECT_EQ(OpHolds("missing", op, args), want) << ComparisonOperatorName(op);
    EXPECT_EQ(Holds(One("n", OpArgs(op, args)), /*item_exists=*/false), want)
        << ComparisonOperatorName(op);
  }
}

TEST(CompileExpectedTest, ConditionalOperator) {
  ExpectedConditions c;
  ExpectedAttributeValue yes;
  yes.value = V::N("2");
  ExpectedAttributeValue no = OpArgs(Op::kEq, {V::N("999")});
  ExpectedAttributeValue absent;
  absent.exists = false;
  c.expected = {{"n", yes}, {"s", no}, {"q", absent}};
  EXPECT_FALSE(Holds(c));
  c.conditional_operator = ConditionalOperator::kOr;
  EXPECT_TRUE(Holds(c));
  c.expected = {{"n", no}, {"s", no}};
  EXPECT_FALSE(Holds(c));
  c.conditional_operator = ConditionalOperator::kAnd;
  c.expected = {{"n", yes}, {"q", absent}};
  EXPECT_TRUE(Holds(c));
  absl::StatusOr<Condition> compiled = CompileExpected(c);
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled->kind, Condition::Kind::kAnd);
  EXPECT_EQ(compiled->children.size(), 2u);
}

// --- AttributeUpdates ---

const std::vector<std::string> kKeys = {"pk"};

absl::StatusOr<CompiledUpdate> Compile(
    std::map<std::string, AttributeValueUpdate> updates) {
  return CompileAttributeUpdates(updates, kKeys);
}

AttributeValueUpdate U(AttributeAction action, std::optional<V> value = {}) {
  AttributeValueUpdate u;
  u.action = action;
  u.value = std::move(value);
  return u;
}

std::string UpdateError(std::map<std::string, AttributeValueUpdate> updates) {
  absl::StatusOr<CompiledUpdate> c = Compile(std::move(updates));
  if (c.ok()) return "(compiled)";
  EXPECT_EQ(ExceptionName(c.status()), kValidationException);
  return ErrorMessage(c.status());
}

Item ApplyCompiled(std::map<std::string, AttributeValueUpdate> updates,
                   const Item* old) {
  absl::StatusOr<CompiledUpdate> c = Compile(std::move(updates));
  EXPECT_TRUE(c.ok()) << c.status();
  if (!c.ok()) return Item();
  const Item key = {{"pk", V::S("k")}};
  absl::StatusOr<Item> item = ApplyUpdate(c->actions, old, key, kKeys);
  EXPECT_TRUE(item.ok()) << item.status();
  return item.ok() ? *item : Item();
}

TEST(CompileAttributeUpdatesTest, Actions) {
  const Item old = Sample();
  Item item =
      ApplyCompiled({{"s", U(AttributeAction::kPut, V::N("01.50"))},
                     {"n", U(AttributeAction::kAdd, V::N("-0.5"))},
                     {"c", U(AttributeAction::kAdd, V::N("3"))},
                     {"ns", U(AttributeAction::kAdd, V::NS({"10", "1"}))},
                     {"ss", U(AttributeAction::kDelete, V::SS({"dog"}))},
                     {"m", U(AttributeAction::kDelete)},
                     {"new", U(AttributeAction::kPut, V::SS({"b", "a"}))}},
                    &old);
  EXPECT_EQ(item.at("s"), V::N("1.5"));
  EXPECT_EQ(item.at("n"), V::N("1.5"));
  EXPECT_EQ(item.at("c"), V::N("3"));
  EXPECT_EQ(item.at("ns"), V::NS({"1", "2", "4", "7", "10"}));
  EXPECT_EQ(item.at("ss"), V::SS({"chinchilla"}));
  EXPECT_EQ(item.count("m"), 0u);
  EXPECT_EQ(item.at("new"), V::SS({"a", "b"}));

  absl::StatusOr<CompiledUpdate> c =
      Compile({{"a", U(AttributeAction::kDelete)},
               {"b", U(AttributeAction::kDelete, V::SS({"x"}))},
               {"c", U(AttributeAction::kPut, V::S("v"))},
               {"d", U(AttributeAction::kAdd, V::N("1"))}});
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->actions.size(), 4u);
  EXPECT_EQ(c->actions[0].kind, UpdateAction::Kind::kRemove);
  EXPECT_EQ(c->actions[1].kind, UpdateAction::Kind::kDelete);
  EXPECT_EQ(c->actions[2].kind, UpdateAction::Kind::kSet);
  EXPECT_EQ(c->actions[3].kind, UpdateAction::Kind::kAdd);
  EXPECT_EQ(c->actions[3].path, TopLevel("d"));
  EXPECT_EQ(UpdatedTopLevelNames(c->actions),
            (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(CompileAttributeUpdatesTest, AddListAppends) {
  const Item old = Sample();
  Item item =
      ApplyCompiled({{"l", U(AttributeAction::kAdd, V::L({V::S("x")}))},
                     {"fresh", U(AttributeAction::kAdd, V::L({V::N("1")}))}},
                    &old);
  EXPECT_EQ(item.at("l"), V::L({V::N("2"), V::N("4"), V::N("7"), V::S("x")}));
  EXPECT_EQ(item.at("fresh"), V::L({V::N("1")}));
  absl::StatusOr<CompiledUpdate> c =
      Compile({{"s", U(AttributeAction::kAdd, V::L({V::S("x")}))}});
  ASSERT_TRUE(c.ok());
  const Item key = {{"pk", V::S("k")}};
  EXPECT_FALSE(ApplyUpdate(c->actions, &old, key, kKeys).ok());
}

TEST(CompileAttributeUpdatesTest, Errors) {
  const std::string no_value =
      std::string(kInvalid) +
      "Only DELETE action is allowed when no attribute value is specified";
  EXPECT_EQ(UpdateError({{"a", U(AttributeAction::kPut)}}), no_value);
  EXPECT_EQ(UpdateError({{"a", U(AttributeAction::kAdd)}}), no_value);
  for (const V& v : {V::S("1"), V::N("1"), V::B("b"), V::Bool(true), V::Null(),
                     V::L({}), V::M({})}) {
    EXPECT_EQ(UpdateError({{"a", U(AttributeAction::kDelete, v)}}),
              std::string(kInvalid) +
                  "DELETE action with value is not supported for the type " +
                  AttributeTypeName(v.type()));
  }
  for (const V& v :
       {V::S("1"), V::B("b"), V::Bool(true), V::Null(), V::M({})}) {
    EXPECT_EQ(UpdateError({{"a", U(AttributeAction::kAdd, v)}}),
              std::string(kInvalid) +
                  "ADD action is not supported for the type " +
                  AttributeTypeName(v.type()));
  }
  for (AttributeAction action : {AttributeAction::kPut, AttributeAction::kAdd,
                                 AttributeAction::kDelete}) {
    std::optional<V> value;
    if (action != AttributeAction::kDelete) value = V::N("1");
    EXPECT_EQ(
        UpdateError({{"a", U(AttributeAction::kPut, V::N("1"))},
                     {"pk", U(action, value)}}),
        std::string(kInvalid) +
            "Cannot update attribute pk. This attribute is part of the key");
  }
  EXPECT_THAT(UpdateError({{"a", U(AttributeAction::kPut, V::N("x1"))}}),
              HasSubstr("cannot be converted to a numeric value"));
  EXPECT_THAT(
      UpdateError({{"a", U(AttributeAction::kAdd, V::NS({"1", "1.0"}))}}),
      HasSubstr("duplicates"));
}

TEST(CompileAttributeUpdatesTest, CreatesItem) {
  auto creates = [](std::map<std::string, AttributeValueUpdate> updates) {
    absl::StatusOr<CompiledUpdate> c = Compile(std::move(updates));
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() && c->creates_item;
  };
  EXPECT_TRUE(creates({}));
  EXPECT_FALSE(creates({{"a", U(AttributeAction::kDelete)}}));
  EXPECT_FALSE(creates({{"a", U(AttributeAction::kDelete)},
                        {"b", U(AttributeAction::kDelete, V::SS({"x"}))}}));
  EXPECT_TRUE(creates({{"a", U(AttributeAction::kDelete)},
                       {"b", U(AttributeAction::kPut, V::S("x"))}}));
  EXPECT_TRUE(creates({{"a", U(AttributeAction::kAdd, V::N("1"))}}));
  // A missing item with ADD: created from the key, as from 0.
  Item item =
      ApplyCompiled({{"a", U(AttributeAction::kAdd, V::N("5"))}}, nullptr);
  EXPECT_EQ(item, (Item{{"pk", V::S("k")}, {"a", V::N("5")}}));
}

}  // namespace
}  // namespace tablestream
