// Copyright 2026 The tablestream Authors.
//
// The expression grammar: precedence, nesting, every function, every error,
// and what the compiled forms do when evaluated or applied.

#include "engine/expression_parser.h"

#include <map>
#include <string>
#include <vector>

#include "engine/reserved_words.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using V = AttributeValue;

V N(const char* n) { return V::N(n); }
V S(const char* s) { return V::S(s); }

class ExpressionTest : public ::testing::Test {
 protected:
  ExpressionTest() {
    values_ = {{":one", N("1")},
               {":two", N("2")},
               {":three", N("3")},
               {":s", S("abc")},
               {":pre", S("ab")},
               {":list", V::L({N("7")})},
               {":ss", V::SS({"x"})},
               {":type_n", S("N")},
               {":type_bad", S("INT")},
               {":zero", N("0")},
               {":big", N("99999999999999999999999999999999999999")}};
    names_ = {{"#n", "name"}, {"#k", "key.with.dots"}, {"#size", "size"}};
  }

  absl::StatusOr<Condition> Cond(const std::string& text) {
    ExpressionAttributes a;
    a.names = &names_;
    a.values = &values_;
    return ParseConditionExpression(text, "ConditionExpression", &a);
  }
  // Evaluates `text` on `item`; fails the test on a parse error.
  bool Eval(const std::string& text, const Item& item) {
    auto c = Cond(text);
    EXPECT_TRUE(c.ok()) << text << ": " << c.status();
    if (!c.ok()) return false;
    auto r = EvaluateCondition(*c, &item);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status();
    return r.ok() && *r;
  }
  std::string CondError(const std::string& text) {
    auto c = Cond(text);
    EXPECT_FALSE(c.ok()) << text;
    EXPECT_EQ(ExceptionName(c.status()), "ValidationException");
    return ErrorMessage(c.status());
  }

  absl::StatusOr<std::vector<UpdateAction>> Upd(const std::string& text) {
    ExpressionAttributes a;
    a.names = &names_;
    a.values = &values_;
    return ParseUpdateExpression(text, &a);
  }
  // Applies `text` to `item` (keyed by pk).
  absl::StatusOr<Item> Apply(const std::string& text, const Item& item) {
    auto actions = Upd(text);
    if (!actions.ok()) return actions.status();
    Item key = {{"pk", S("k")}};
    return ApplyUpdate(*actions, &item, key, {"pk"});
  }
  std::string UpdError(const std::string& text) {
    auto u = Upd(text);
    EXPECT_FALSE(u.ok()) << text;
    return ErrorMessage(u.status());
  }

  std::map<std::string, std::string> names_;
  std::map<std::string, AttributeValue> values_;
};

// ---- Conditions: precedence and nesting ----

TEST_F(ExpressionTest, AndBindsTighterThanOr) {
  // a = 1 OR (b = 1 AND c = 2)
  const std::string e = "a = :one OR b = :one AND c = :two";
  EXPECT_TRUE(Eval(e, {{"a", N("1")}, {"b", N("0")}, {"c", N("0")}}));
  EXPECT_TRUE(Eval(e, {{"a", N("0")}, {"b", N("1")}, {"c", N("2")}}));
  EXPECT_FALSE(Eval(e, {{"a", N("0")}, {"b", N("1")}, {"c", N("0")}}));
  // (a = 1 OR b = 1) AND c = 2 differs on the first item.
  EXPECT_FALSE(Eval("(a = :one OR b = :one) AND c = :two",
                    {{"a", N("1")}, {"b", N("0")}, {"c", N("0")}}));
}

TEST_F(ExpressionTest, NotBindsTighterThanAndButLooserThanComparison) {
  // (NOT a = 1) AND b = 1
  const std::string e = "NOT a = :one AND b = :one";
  EXPECT_TRUE(Eval(e, {{"a", N("2")}, {"b", N("1")}}));
  EXPECT_FALSE(Eval(e, {{"a", N("1")}, {"b", N("1")}}));
  EXPECT_FALSE(Eval(e, {{"a", N("2")}, {"b", N("2")}}));
  EXPECT_TRUE(Eval("NOT (a = :one AND b = :one)", {{"a", N("1")}}));
  EXPECT_TRUE(Eval("NOT NOT a = :one", {{"a", N("1")}}));
  auto c = Cond("NOT a = :one AND b = :one");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->kind, Condition::Kind::kAnd);
  EXPECT_EQ(c->children[0].kind, Condition::Kind::kNot);
}

TEST_F(ExpressionTest, BetweenTakesTheFirstAnd) {
  const std::string e = "a BETWEEN :one AND :three AND b = :one";
  EXPECT_TRUE(Eval(e, {{"a", N("2")}, {"b", N("1")}}));
  EXPECT_FALSE(Eval(e, {{"a", N("4")}, {"b", N("1")}}));
  EXPECT_FALSE(Eval(e, {{"a", N("2")}, {"b", N("2")}}));
  EXPECT_TRUE(Eval("a BETWEEN :one AND :one", {{"a", N("1")}}));
}

TEST_F(ExpressionTest, DeeplyNestedParentheses) {
  EXPECT_TRUE(Eval("((((a = :one))))", {{"a", N("1")}}));
  EXPECT_TRUE(Eval("(a = :two OR (b = :two OR (c = :one)))", {{"c", N("1")}}));
}

TEST_F(ExpressionTest, KeywordsAreCaseInsensitive) {
  EXPECT_TRUE(Eval("a = :one and not b = :one or c = :one", {{"a", N("1")}}));
  EXPECT_TRUE(Eval("a between :one and :two", {{"a", N("2")}}));
  EXPECT_TRUE(Eval("a in (:two, :one)", {{"a", N("1")}}));
}

TEST_F(ExpressionTest, Comparators) {
  Item item = {{"a", N("2")}};
  EXPECT_TRUE(Eval("a = :two", item));
  EXPECT_TRUE(Eval("a <> :one", item));
  EXPECT_TRUE(Eval("a <> :one", {}));  // missing: <> is true
  EXPECT_TRUE(Eval("a < :three", item));
  EXPECT_TRUE(Eval("a <= :two", item));
  EXPECT_TRUE(Eval("a > :one", item));
  EXPECT_TRUE(Eval("a >= :two", item));
  EXPECT_FALSE(Eval("a > :two", item));
  EXPECT_TRUE(Eval(":one < a", item));
  EXPECT_FALSE(Eval("a < :s", item));  // type mismatch: false
  EXPECT_TRUE(Eval("a = b", {{"a", N("1")}, {"b", N("1")}}));
  EXPECT_TRUE(Eval("a<:three", item));  // no spaces needed
}

TEST_F(ExpressionTest, In) {
  EXPECT_TRUE(Eval("a IN (:one)", {{"a", N("1")}}));
  EXPECT_TRUE(Eval("a IN (:two, :three, :one)", {{"a", N("1")}}));
  EXPECT_FALSE(Eval("a IN (:two, :three)", {{"a", N("1")}}));
  EXPECT_FALSE(Eval("a IN (:two, :three)", {}));
}

TEST_F(ExpressionTest, EveryFunction) {
  Item item = {{"s", S("abcdef")},
               {"n", N("5")},
               {"l", V::L({N("7"), S("x")})},
               {"ss", V::SS({"x", "y"})},
               {"m", V::M({{"k", S("v")}})}};
  EXPECT_TRUE(Eval("attribute_exists(s)", item));
  EXPECT_FALSE(Eval("attribute_exists(zz)", item));
  EXPECT_TRUE(Eval("attribute_exists(m.k)", item));
  EXPECT_TRUE(Eval("attribute_not_exists(m.zz)", item));
  EXPECT_TRUE(Eval("attribute_type(n, :type_n)", item));
  EXPECT_FALSE(Eval("attribute_type(s, :type_n)", item));
  EXPECT_TRUE(Eval("begins_with(s, :pre)", item));
  EXPECT_FALSE(Eval("begins_with(n, :pre)", item));
  EXPECT_TRUE(Eval("contains(s, :pre)", item));
  EXPECT_TRUE(Eval("contains(l, :list)", {{"l", V::L({V::L({N("7")})})}}));
  EXPECT_TRUE(
      Eval("contains(ss, #n)", {{"ss", V::SS({"q"})}, {"name", S("q")}}));
  EXPECT_TRUE(Eval("size(s) = :zero OR size(s) > :three", item));
  EXPECT_TRUE(Eval("size(l) = :two", item));
  EXPECT_TRUE(Eval("size(ss) BETWEEN :one AND :two", item));
  EXPECT_TRUE(Eval("size(m) = :one", item));
  EXPECT_FALSE(Eval("size(n) = :one", item));  // N has no size: false
}

TEST_F(ExpressionTest, NestedPathsAndPlaceholders) {
  Item item = {{"m", V::M({{"l", V::L({N("0"), V::M({{"x", N("1")}})})}})},
               {"name", S("abc")},
               {"key.with.dots", N("2")},
               {"size", N("3")}};
  EXPECT_TRUE(Eval("m.l[1].x = :one", item));
  EXPECT_TRUE(Eval("m.l[0] = :zero", item));
  EXPECT_FALSE(Eval("attribute_exists(m.l[2])", item));
  EXPECT_TRUE(Eval("#n = :s", item));
  EXPECT_TRUE(Eval("#k = :two", item));  // one name with dots in it
  EXPECT_TRUE(Eval("#size = :three", item));
  EXPECT_TRUE(Eval("size(#n) = :three", item));
}

// ---- Conditions: errors ----

TEST_F(ExpressionTest, SyntaxErrorsNameTokenAndNear) {
  EXPECT_EQ(CondError("a = = :one"),
            "Invalid ConditionExpression: Syntax error; token: \"=\", near: "
            "\"= =\"");
  EXPECT_EQ(CondError("a ="),
            "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", "
            "near: \"=\"");
  EXPECT_EQ(CondError("a = :one b"),
            "Invalid ConditionExpression: Syntax error; token: \"b\", near: "
            "\":one b\"");
  EXPECT_EQ(CondError("a = :one ;"),
            "Invalid ConditionExpression: Syntax error; token: \";\", near: "
            "\":one ;\"");
  EXPECT_THAT(CondError("(a = :one"), HasSubstr("token: \"<EOF>\""));
  EXPECT_THAT(CondError("a BETWEEN :one :two"), HasSubstr("token: \":two\""));
  EXPECT_THAT(CondError("a IN :one"), HasSubstr("Syntax error"));
  EXPECT_THAT(CondError("a"), HasSubstr("token: \"<EOF>\""));
  EXPECT_THAT(CondError("a[x] = :one"), HasSubstr("token: \"x\""));
  EXPECT_THAT(CondError("a = # "), HasSubstr("Syntax error; token: \"#\""));
}

TEST_F(ExpressionTest, EmptyExpression) {
  EXPECT_EQ(CondError("  "),
            "Invalid ConditionExpression: The expression can not be empty;");
}

TEST_F(ExpressionTest, SyntaxErrorWinsOverEarlierSemanticError) {
  EXPECT_THAT(CondError("name = :nope AND"), HasSubstr("Syntax error"));
}

TEST_F(ExpressionTest, ReservedWords) {
  EXPECT_EQ(ReservedWordCount(), 573u);
  EXPECT_TRUE(IsReservedWord("name"));
  EXPECT_TRUE(IsReservedWord("Status"));
  EXPECT_FALSE(IsReservedWord("pk"));
  EXPECT_EQ(CondError("name = :one"),
            "Invalid ConditionExpression: Attribute name is a reserved "
            "keyword; reserved keyword: name");
  EXPECT_THAT(CondError("a.Status = :one"),
              HasSubstr("reserved keyword: Status"));
  EXPECT_TRUE(Eval("#n = :one", {{"name", N("1")}}));
}

TEST_F(ExpressionTest, UndefinedPlaceholders) {
  EXPECT_EQ(CondError("#nope = :one"),
            "Invalid ConditionExpression: An expression attribute name used "
            "in the document path is not defined; attribute name: #nope");
  EXPECT_EQ(CondError("a = :nope"),
            "Invalid ConditionExpression: An expression attribute value used "
            "in expression is not defined; attribute value: :nope");
}

TEST_F(ExpressionTest, FunctionErrors) {
  EXPECT_EQ(CondError("frobnicate(a)"),
            "Invalid ConditionExpression: Invalid function name; function: "
            "frobnicate");
  EXPECT_EQ(CondError("size(a)"),
            "Invalid ConditionExpression: The function is not allowed to be "
            "used this way in an expression; function: size");
  EXPECT_EQ(CondError("attribute_exists(a) = :one"),
            "Invalid ConditionExpression: The function is not allowed to be "
            "used this way in an expression; function: attribute_exists");
  EXPECT_EQ(CondError("if_not_exists(a, :one) = :one"),
            "Invalid ConditionExpression: The function is not allowed in a "
            "condition expression; function: if_not_exists");
  EXPECT_EQ(CondError("attribute_exists(a, b)"),
            "Invalid ConditionExpression: Incorrect number of operands for "
            "operator or function; operator or function: attribute_exists, "
            "number of operands: 2");
  EXPECT_EQ(CondError("begins_with(a)"),
            "Invalid ConditionExpression: Incorrect number of operands for "
            "operator or function; operator or function: begins_with, number "
            "of operands: 1");
  EXPECT_EQ(CondError("attribute_exists(:one)"),
            "Invalid ConditionExpression: Operator or function requires a "
            "document path; operator or function: attribute_exists");
  EXPECT_EQ(CondError("size(:s) = :one"),
            "Invalid ConditionExpression: Operator or function requires a "
            "document path; operator or function: size");
  EXPECT_EQ(CondError("attribute_type(a, :type_bad)"),
            "Invalid ConditionExpression: Invalid attribute type name found; "
            "type: INT, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
  EXPECT_EQ(CondError("attribute_type(a, :one)"),
            "Invalid ConditionExpression: Incorrect operand type for operator "
            "or function; operator or function: attribute_type, operand "
            "type: N");
  EXPECT_EQ(CondError("begins_with(a, :one)"),
            "Invalid ConditionExpression: Incorrect operand type for operator "
            "or function; operator or function: begins_with, operand type: N");
}

TEST_F(ExpressionTest, OperandRules) {
  EXPECT_EQ(CondError("a BETWEEN :three AND :one"),
            "Invalid ConditionExpression: The BETWEEN operator requires upper "
            "bound to be greater than or equal to lower bound; lower bound "
            "operand: AttributeValue: {N:3}, upper bound operand: "
            "AttributeValue: {N:1}");
  EXPECT_EQ(CondError("a = a"),
            "Invalid ConditionExpression: The first operand must be distinct "
            "from the remaining operands for this operator or function; "
            "operator: =, first operand: [a]");
  EXPECT_THAT(CondError("a IN (b, a)"), HasSubstr("operator: IN"));
}

// ---- Updates ----

TEST_F(ExpressionTest, SetArithmeticAndFunctions) {
  Item item = {{"pk", S("k")}, {"n", N("5")}, {"l", V::L({N("1")})}};
  auto r = Apply(
      "SET n = n + :two, m = :three - n, l = list_append(l, :list), "
      "f = if_not_exists(f, :one), g = if_not_exists(n, :one), "
      "h = list_append(:list, if_not_exists(h, :list))",
      item);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->at("n"), N("7"));
  EXPECT_EQ(r->at("m"), N("-2"));
  EXPECT_EQ(r->at("l"), V::L({N("1"), N("7")}));
  EXPECT_EQ(r->at("f"), N("1"));
  EXPECT_EQ(r->at("g"), N("5"));
  EXPECT_EQ(r->at("h"), V::L({N("7"), N("7")}));
}

TEST_F(ExpressionTest, ArithmeticAtThirtyEightDigits) {
  Item item = {{"pk", S("k")},
               {"n", N("99999999999999999999999999999999999998")}};
  auto r = Apply("SET n = n + :one", item);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->at("n"), N("99999999999999999999999999999999999999"));
  auto over = Apply("SET n = n + :big", *r);
  ASSERT_FALSE(over.ok());
  EXPECT_THAT(over.status().message(), HasSubstr("38 significant digits"));
  auto down = Apply("SET n = n - :big", *r);
  ASSERT_TRUE(down.ok()) << down.status();
  EXPECT_EQ(down->at("n"), N("0"));
  // 0.1 + 1E37-ish needs 39 digits: refused rather than rounded.
  values_[":tenth"] = N("0.1");
  auto precise = Apply("SET n = n + :tenth", *r);
  EXPECT_FALSE(precise.ok());
}

TEST_F(ExpressionTest, ArithmeticIsExactDecimal) {
  values_[":a"] = N("0.1");
  values_[":b"] = N("0.2");
  values_[":c"] = N("-12345678901234567890.123456789012345678");
  values_[":top"] = N("9.9999999999999999999999999999999999999E+125");
  values_[":tiny"] = N("1E-130");
  Item item = {{"pk", S("k")}};
  auto r = Apply("SET x = :a + :b, y = :c - :c, z = :c + :c", item);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->at("x"), N("0.3"));
  EXPECT_EQ(r->at("y"), N("0"));
  EXPECT_EQ(r->at("z"), N("-24691357802469135780.246913578024691356"));
  // 1E-130 - 0.1 needs 130 digits: refused, not rounded.
  auto wide = Apply("SET w = :tiny - :a", item);
  EXPECT_THAT(wide.status().message(), HasSubstr("38 significant digits"));
  auto overflow = Apply("SET x = :top + :top", item);
  EXPECT_THAT(overflow.status().message(), HasSubstr("Number overflow"));
  auto negative = Apply("SET x = :zero - :top - :top", item);
  EXPECT_FALSE(negative.ok());  // syntax: one operator per SET value
  EXPECT_THAT(negative.status().message(), HasSubstr("Syntax error"));
}

TEST_F(ExpressionTest, RemoveAttributesAndListElements) {
  Item item = {{"pk", S("k")},
               {"a", V::L({N("2"), N("3"), N("4"), N("5")})},
               {"m", V::M({{"x", N("1")}, {"y", N("2")}})},
               {"z", N("0")}};
  auto r = Apply("REMOVE a[1], a[2], m.x, z", item);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->at("a"), V::L({N("2"), N("5")}));
  EXPECT_EQ(r->at("m"), V::M({{"y", N("2")}}));
  EXPECT_EQ(r->count("z"), 0u);
  // Indexes refer to the old list, also when SET and REMOVE mix.
  auto mixed = Apply("REMOVE a[1] SET a[3] = :one", item);
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  EXPECT_EQ(mixed->at("a"), V::L({N("2"), N("4"), N("1")}));
  // Out of range: nothing happens.
  auto past = Apply("REMOVE a[9]", item);
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(past->at("a"), item.at("a"));
}

TEST_F(ExpressionTest, AddAndDelete) {
  Item item = {{"pk", S("k")}, {"n", N("1")}, {"ss", V::SS({"x", "y"})}};
  values_[":sy"] = V::SS({"y"});
  values_[":sz"] = V::SS({"z"});
  auto r = Apply("ADD n :two, ss :sz, fresh :one", item);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->at("n"), N("3"));
  EXPECT_EQ(r->at("fresh"), N("1"));
  EXPECT_EQ(r->at("ss"), V::SS({"x", "y", "z"}));
  auto d = Apply("DELETE ss :sy", *r);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->at("ss"), V::SS({"x", "z"}));
  // The same attribute in ADD and DELETE overlaps, as in DynamoDB.
  EXPECT_THAT(UpdError("ADD ss :sz DELETE ss :sy"),
              HasSubstr("Two document paths overlap"));
  // Nested ADD.
  Item nested = {{"pk", S("k")}, {"m", V::M({{"c", N("1")}})}};
  auto n2 = Apply("ADD m.c :two", nested);
  ASSERT_TRUE(n2.ok()) << n2.status();
  EXPECT_EQ(n2->at("m"), V::M({{"c", N("3")}}));
}

TEST_F(ExpressionTest, UpdateTypeMismatchesAtRunTime) {
  Item item = {{"pk", S("k")}, {"s", S("x")}, {"l", V::L({})}};
  auto add = Apply("ADD s :one", item);
  EXPECT_THAT(add.status().message(),
              HasSubstr("An operand in the update expression has an "
                        "incorrect data type"));
  auto plus = Apply("SET l = l + :one", item);
  EXPECT_THAT(plus.status().message(), HasSubstr("incorrect data type"));
  auto missing = Apply("SET x = nope + :one", item);
  EXPECT_THAT(missing.status().message(),
              HasSubstr("refers to an attribute that does not exist"));
  auto bad_path = Apply("SET s.x = :one", item);
  EXPECT_THAT(bad_path.status().message(),
              HasSubstr("document path provided in the update expression is "
                        "invalid for update"));
  auto key = Apply("SET pk = :s", item);
  EXPECT_THAT(key.status().message(),
              HasSubstr("Cannot update attribute pk. This attribute is part "
                        "of the key"));
}

TEST_F(ExpressionTest, UpdateErrors) {
  EXPECT_EQ(UpdError(""),
            "Invalid UpdateExpression: The expression can not be empty;");
  EXPECT_EQ(UpdError("SET a = :one SET b = :one"),
            "Invalid UpdateExpression: The \"SET\" section can only be used "
            "once in an update expression;");
  EXPECT_EQ(UpdError("SET a = :one, a = :two"),
            "Invalid UpdateExpression: Two document paths overlap with each "
            "other; must remove or rewrite one of these paths; path one: [a], "
            "path two: [a]");
  EXPECT_EQ(UpdError("SET a.b = :one REMOVE a"),
            "Invalid UpdateExpression: Two document paths overlap with each "
            "other; must remove or rewrite one of these paths; path one: [a, "
            "b], path two: [a]");
  EXPECT_EQ(UpdError("SET a.b = :one REMOVE a[1]"),
            "Invalid UpdateExpression: Two document paths conflict with each "
            "other; must remove or rewrite one of these paths; path one: [a, "
            "b], path two: [a, [1]]");
  EXPECT_TRUE(Upd("SET a.b = :one, a.c = :two REMOVE a.d[0], a.d[1]").ok());
  EXPECT_EQ(UpdError("ADD a :s"),
            "Invalid UpdateExpression: Incorrect operand type for operator or "
            "function; operator: ADD, operand type: STRING");
  EXPECT_EQ(UpdError("DELETE a :one"),
            "Invalid UpdateExpression: Incorrect operand type for operator or "
            "function; operator: DELETE, operand type: NUMBER");
  EXPECT_EQ(UpdError("SET a = :s + :one"),
            "Invalid UpdateExpression: Incorrect operand type for operator or "
            "function; operator or function: +, operand type: S");
  EXPECT_EQ(UpdError("SET a = list_append(a, :one)"),
            "Invalid UpdateExpression: Incorrect operand type for operator or "
            "function; operator or function: list_append, operand type: N");
  EXPECT_EQ(UpdError("SET a = size(b)"),
            "Invalid UpdateExpression: The function is not allowed in an "
            "update expression; function: size");
  EXPECT_EQ(UpdError("SET a = if_not_exists(:one, :two)"),
            "Invalid UpdateExpression: Operator or function requires a "
            "document path; operator or function: if_not_exists");
  EXPECT_EQ(UpdError("SET a = if_not_exists(a)"),
            "Invalid UpdateExpression: Incorrect number of operands for "
            "operator or function; operator or function: if_not_exists, "
            "number of operands: 1");
  EXPECT_EQ(UpdError("SET a = :one + :two + :three"),
            "Invalid UpdateExpression: Syntax error; token: \"+\", near: "
            "\":two +\"");
  EXPECT_THAT(UpdError("UPSERT a = :one"), HasSubstr("token: \"UPSERT\""));
  EXPECT_THAT(UpdError("SET a :one"), HasSubstr("token: \":one\""));
  EXPECT_THAT(UpdError("ADD a b"), HasSubstr("token: \"b\""));
  EXPECT_THAT(UpdError("SET name = :one"), HasSubstr("reserved keyword: name"));
  EXPECT_TRUE(Upd("set a = :one remove b add c :one delete d :ss").ok());
}

// ---- Projections ----

TEST_F(ExpressionTest, Projection) {
  ExpressionAttributes a;
  a.names = &names_;
  auto p = ParseProjectionExpression("a, b.c, l[2], #n", &a);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(p->size(), 4u);
  EXPECT_EQ(PathForMessage((*p)[2]), "[l, [2]]");
  EXPECT_EQ((*p)[3][0].name, "name");
  auto overlap = ParseProjectionExpression("a, a.b", &a);
  EXPECT_EQ(ErrorMessage(overlap.status()),
            "Invalid ProjectionExpression: Two document paths overlap with "
            "each other; must remove or rewrite one of these paths; path "
            "one: [a], path two: [a, b]");
  auto syntax = ParseProjectionExpression("a,", &a);
  EXPECT_THAT(ErrorMessage(syntax.status()), HasSubstr("<EOF>"));
  auto value = ParseProjectionExpression("a, :one", &a);
  EXPECT_THAT(ErrorMessage(value.status()), HasSubstr("token: \":one\""));
}

}  // namespace
}  // namespace tablestream
