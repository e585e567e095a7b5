// Copyright 2026 The tablestream Authors.
//
// Every filter operator, positive and negative, on the Lambda event records
// of three real-shaped DynamoDB changes: 0 an INSERT, 1 a MODIFY, 2 a TTL
// REMOVE (see sample_records.h for their images).

#include "triggers/filter_criteria.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"
#include "triggers/lambda_event.h"
#include "triggers/sample_records.h"

namespace tablestream {
namespace triggers {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

api::Json Criteria(const std::vector<std::string>& patterns) {
  api::Json filters = api::Json::array();
  for (const std::string& p : patterns) filters.push_back({{"Pattern", p}});
  return {{"Filters", filters}};
}

// Indices of the sample records that `patterns` (ORed) let through.
std::vector<int> MatchingAny(const std::vector<std::string>& patterns) {
  absl::StatusOr<FilterCriteria> criteria =
      FilterCriteria::Parse(Criteria(patterns));
  EXPECT_TRUE(criteria.ok()) << criteria.status();
  std::vector<int> out;
  if (!criteria.ok()) return out;
  std::vector<api::Json> records = test::SampleEventRecords();
  for (size_t i = 0; i < records.size(); ++i) {
    if (criteria->Matches(records[i])) out.push_back(static_cast<int>(i));
  }
  return out;
}
std::vector<int> Matching(const std::string& pattern) {
  return MatchingAny({pattern});
}

// The parse error of `pattern`, checked to be Lambda's exception.
std::string ParseError(const api::Json& criteria) {
  absl::StatusOr<FilterCriteria> parsed = FilterCriteria::Parse(criteria);
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return "";
  EXPECT_EQ(ExceptionName(parsed.status()), "InvalidParameterValueException")
      << parsed.status();
  return std::string(parsed.status().message());
}
std::string PatternError(const std::string& pattern) {
  return ParseError(Criteria({pattern}));
}

bool MatchesEvent(const std::string& pattern, const char* event) {
  absl::StatusOr<FilterCriteria> c = FilterCriteria::Parse(Criteria({pattern}));
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() && c->Matches(api::Json::parse(event));
}

TEST(FilterCriteriaTest, EmptyCriteriaMatchEverything) {
  EXPECT_TRUE(FilterCriteria().empty());
  EXPECT_THAT(MatchingAny({}), ElementsAre(0, 1, 2));
  for (const char* text : {"{}", R"({"Filters":[]})", "null"}) {
    absl::StatusOr<FilterCriteria> c =
        FilterCriteria::Parse(api::Json::parse(text));
    ASSERT_TRUE(c.ok()) << text << ": " << c.status();
    EXPECT_TRUE(c->empty());
    EXPECT_TRUE(c->Matches(test::SampleEventRecords()[0]));
  }
}

TEST(FilterCriteriaTest, ExactStringOnTypedImagePaths) {
  EXPECT_THAT(Matching(R"({"dynamodb":{"NewImage":{"name":{"S":["Ada"]}}}})"),
              ElementsAre(0, 1));
  EXPECT_THAT(Matching(R"({"dynamodb":{"NewImage":{"name":{"S":["ada"]}}}})"),
              IsEmpty());
  EXPECT_THAT(Matching(R"({"dynamodb":{"OldImage":{"age":{"N":["37"]}}}})"),
              ElementsAre(2));
  EXPECT_THAT(Matching(R"({"dynamodb":{"Keys":{"sk":{"N":["1"]}}}})"),
              ElementsAre(0, 1, 2));
  // The attribute type is part of the path: sk is N, not S.
  EXPECT_THAT(Matching(R"({"dynamodb":{"Keys":{"sk":{"S":["1"]}}}})"),
              IsEmpty());
}

TEST(FilterCriteriaTest, EventNameAndSeveralValuesAreOr) {
  EXPECT_THAT(Matching(R"({"eventName":["INSERT"]})"), ElementsAre(0));
  EXPECT_THAT(Matching(R"({"eventName":["INSERT","REMOVE"]})"),
              ElementsAre(0, 2));
  EXPECT_THAT(Matching(R"({"eventName":["insert"]})"), IsEmpty());
}

TEST(FilterCriteriaTest, FieldsInOnePatternAreAnd) {
  EXPECT_THAT(Matching(R"({"eventName":["MODIFY","REMOVE"],
                          "dynamodb":{"NewImage":{"age":{"N":["37"]}}}})"),
              ElementsAre(1));
  // Every field named must be present.
  EXPECT_THAT(Matching(R"({"eventName":["INSERT"],"nosuchfield":["x"]})"),
              IsEmpty());
}

TEST(FilterCriteriaTest, UserIdentitySelectsTtlDeletes) {
  EXPECT_THAT(Matching(R"({"userIdentity":{"type":["Service"],
                          "principalId":["dynamodb.amazonaws.com"]}})"),
              ElementsAre(2));
  EXPECT_THAT(Matching(R"({"userIdentity":{"type":["User"]}})"), IsEmpty());
}

TEST(FilterCriteriaTest, Prefix) {
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"user#"}]}}}})"),
      ElementsAre(0, 1, 2));
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"User#"}]}}}})"),
      IsEmpty());
  // Only strings have prefixes.
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":[{"prefix":"13"}]}})"),
              IsEmpty());
}

TEST(FilterCriteriaTest, Suffix) {
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"Keys":{"pk":{"S":[{"suffix":"#42"}]}}}})"),
      ElementsAre(0, 1, 2));
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"Keys":{"pk":{"S":[{"suffix":"#43"}]}}}})"),
      IsEmpty());
}

TEST(FilterCriteriaTest, EqualsIgnoreCase) {
  EXPECT_THAT(Matching(R"({"eventName":[{"equals-ignore-case":"modify"}]})"),
              ElementsAre(1));
  EXPECT_THAT(Matching(R"({"eventName":[{"equals-ignore-case":"modif"}]})"),
              IsEmpty());
}

TEST(FilterCriteriaTest, AnythingBut) {
  EXPECT_THAT(Matching(R"({"eventName":[{"anything-but":["INSERT"]}]})"),
              ElementsAre(1, 2));
  EXPECT_THAT(Matching(R"({"eventName":[{"anything-but":"MODIFY"}]})"),
              ElementsAre(0, 2));
  EXPECT_THAT(
      Matching(
          R"({"eventName":[{"anything-but":["INSERT","MODIFY","REMOVE"]}]})"),
      IsEmpty());
  // A field that is absent is not "anything but": REMOVE has no NewImage.
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"name":{"S":[{"anything-but":"Bob"}]}}}})"),
      ElementsAre(0, 1));
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"SizeBytes":[{"anything-but":[130, 252]}]}})"),
      ElementsAre(2));
}

TEST(FilterCriteriaTest, AnythingButPrefixSuffixAndIgnoreCase) {
  EXPECT_THAT(Matching(R"({"eventName":[{"anything-but":{"prefix":"IN"}}]})"),
              ElementsAre(1, 2));
  EXPECT_THAT(Matching(R"({"eventName":[{"anything-but":{"suffix":"FY"}}]})"),
              ElementsAre(0, 2));
  EXPECT_THAT(
      Matching(
          R"({"eventName":[{"anything-but":{"equals-ignore-case":["insert","remove"]}}]})"),
      ElementsAre(1));
}

TEST(FilterCriteriaTest, ExistsOnLeaves) {
  // OldImage.nickname exists only before the MODIFY removed it.
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"OldImage":{"nickname":{"NULL":[{"exists":true}]}}}})"),
      ElementsAre(1));
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"nickname":{"NULL":[{"exists":false}]}}}})"),
      ElementsAre(1, 2));
  EXPECT_THAT(Matching(R"({"dynamodb":{"OldImage":[{"exists":false}]}})"),
              ElementsAre(0, 1, 2));  // OldImage is an object, not a leaf
  EXPECT_THAT(Matching(R"({"userIdentity":{"type":[{"exists":false}]}})"),
              ElementsAre(0, 1));
}

TEST(FilterCriteriaTest, ExistsOnAnObjectOrListNeverMatches) {
  // As Lambda documents: test the leaf, not the attribute.
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"NewImage":{"history":[{"exists":true}]}}})"),
      IsEmpty());
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"history":{"L":[{"exists":true}]}}}})"),
      IsEmpty());
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"history":{"L":{"S":[{"exists":true}]}}}}})"),
      ElementsAre(0, 1));
}

TEST(FilterCriteriaTest, NumericNeverMatchesDynamoDbNumbers) {
  // N values are strings in the record, so numeric operators do not apply.
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"age":{"N":[{"numeric":[">",0]}]}}}})"),
      IsEmpty());
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"age":{"N":[{"numeric":["=",36]}]}}}})"),
      IsEmpty());
}

TEST(FilterCriteriaTest, NumericOnJsonNumbers) {
  // SizeBytes: 130, 252, 135.
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":[{"numeric":[">",200]}]}})"),
              ElementsAre(1));
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"SizeBytes":[{"numeric":[">=",130,"<",200]}]}})"),
      ElementsAre(0, 2));
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"SizeBytes":[{"numeric":[">",130,"<=",135]}]}})"),
      ElementsAre(2));
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":[{"numeric":["=",135]}]}})"),
              ElementsAre(2));
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":[{"numeric":["<",130]}]}})"),
              IsEmpty());
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"ApproximateCreationDateTime":[{"numeric":[">=",1700000060]}]}})"),
      ElementsAre(1, 2));
  EXPECT_THAT(Matching(R"({"eventName":[{"numeric":[">",0]}]})"), IsEmpty());
}

TEST(FilterCriteriaTest, NumberLiteralsCompareByText) {
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":[130]}})"), ElementsAre(0));
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":[130.0]}})"), IsEmpty());
  EXPECT_THAT(Matching(R"({"dynamodb":{"SizeBytes":["130"]}})"), IsEmpty());
}

TEST(FilterCriteriaTest, BooleanLiterals) {
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"NewImage":{"active":{"BOOL":[true]}}}})"),
      ElementsAre(0, 1));
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"NewImage":{"active":{"BOOL":[false]}}}})"),
      IsEmpty());
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"NewImage":{"active":{"BOOL":["true"]}}}})"),
      IsEmpty());
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"OldImage":{"nickname":{"NULL":[true]}}}})"),
      ElementsAre(1));
}

TEST(FilterCriteriaTest, NullAndEmptyString) {
  EXPECT_TRUE(MatchesEvent(R"({"UserID":[null]})", R"({"UserID":null})"));
  EXPECT_FALSE(MatchesEvent(R"({"UserID":[null]})", R"({"UserID":"x"})"));
  EXPECT_FALSE(MatchesEvent(R"({"UserID":[null]})", R"({})"));
  EXPECT_TRUE(
      MatchesEvent(R"({"UserID":[{"exists":true}]})", R"({"UserID":null})"));

  StreamRecord record = test::SampleRecords()[0];
  (*record.dynamodb.new_image)["name"] = AttributeValue::S("");
  api::Json event = LambdaEventRecord(record, test::kSampleStreamArn);
  absl::StatusOr<FilterCriteria> empty = FilterCriteria::Parse(
      Criteria({R"({"dynamodb":{"NewImage":{"name":{"S":[""]}}}})"}));
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->Matches(event));
  EXPECT_FALSE(empty->Matches(test::SampleEventRecords()[0]));
}

TEST(FilterCriteriaTest, ArraysInTheEventMatchOnIntersection) {
  // tags is SS ["a","b"].
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"NewImage":{"tags":{"SS":["b","z"]}}}})"),
      ElementsAre(0, 1));
  EXPECT_THAT(Matching(R"({"dynamodb":{"NewImage":{"tags":{"SS":["z"]}}}})"),
              IsEmpty());
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"scores":{"NS":[{"prefix":"1."}]}}}})"),
      ElementsAre(0, 1));
}

TEST(FilterCriteriaTest, FieldsUnderOneObjectMatchInTheSameListElement) {
  // history is L [{"N":"1"},{"S":"x"}]: no single element has both.
  EXPECT_THAT(
      Matching(R"({"dynamodb":{"NewImage":{"history":{"L":{"N":["1"]}}}}})"),
      ElementsAre(0, 1));
  EXPECT_THAT(
      Matching(
          R"({"dynamodb":{"NewImage":{"history":{"L":{"N":["1"],"S":["x"]}}}}})"),
      IsEmpty());
}

TEST(FilterCriteriaTest, DollarOr) {
  EXPECT_THAT(Matching(R"({"$or":[{"eventName":["INSERT"]},
                                  {"userIdentity":{"type":["Service"]}}]})"),
              ElementsAre(0, 2));
  // Nested, inside dynamodb, and ANDed with the fields beside it.
  EXPECT_THAT(Matching(R"({"eventName":["MODIFY","REMOVE"],"dynamodb":{"$or":[
                            {"NewImage":{"age":{"N":["37"]}}},
                            {"OldImage":{"age":{"N":["37"]}}}]}})"),
              ElementsAre(1, 2));
  EXPECT_THAT(Matching(R"({"$or":[{"eventName":["X"]},{"eventName":["Y"]}]})"),
              IsEmpty());
}

TEST(FilterCriteriaTest, DuplicateKeysLastOneWins) {
  // AWS's own "AND" example repeats "dynamodb": only the OldImage part is
  // kept, so MODIFY (old age 36) does not match although its new age is 37.
  EXPECT_THAT(Matching(R"({"dynamodb":{"NewImage":{"age":{"N":["37"]}}},
                          "dynamodb":{"OldImage":{"age":{"N":["37"]}}}})"),
              ElementsAre(2));
  EXPECT_THAT(Matching(R"({"eventName":["INSERT"],"eventName":["REMOVE"]})"),
              ElementsAre(2));
}

TEST(FilterCriteriaTest, SeveralFiltersAreOr) {
  EXPECT_THAT(
      MatchingAny({R"({"eventName":["INSERT"]})",
                   R"({"dynamodb":{"OldImage":{"age":{"N":["37"]}}}})"}),
      ElementsAre(0, 2));
  EXPECT_THAT(MatchingAny({R"({"eventName":["X"]})", R"({"eventName":["Y"]})"}),
              IsEmpty());
}

TEST(FilterCriteriaTest, ToJsonReturnsTheCriteriaAsGiven) {
  api::Json given = Criteria({R"({"eventName":["INSERT"]})"});
  absl::StatusOr<FilterCriteria> c = FilterCriteria::Parse(given);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->ToJson(), given);
  EXPECT_FALSE(c->empty());
  FilterCriteria copy = *c;  // copies share the compiled patterns
  EXPECT_TRUE(copy.Matches(test::SampleEventRecords()[0]));
  EXPECT_FALSE(copy.Matches(test::SampleEventRecords()[1]));
}

TEST(FilterCriteriaTest, MalformedPatternsNameTheBadPart) {
  EXPECT_THAT(PatternError("{\"eventName\":"),
              HasSubstr("pattern is not valid JSON (in Filters[0].Pattern)"));
  EXPECT_THAT(PatternError("[1]"), HasSubstr("must be a JSON object"));
  EXPECT_THAT(PatternError("{}"), HasSubstr("empty object"));
  EXPECT_THAT(PatternError(R"({"eventName":"INSERT"})"),
              HasSubstr("\"eventName\" is \"INSERT\"; a pattern field holds "
                        "a list"));
  EXPECT_THAT(PatternError(R"({"eventName":[]})"),
              HasSubstr("\"eventName\" has an empty list"));
  EXPECT_THAT(PatternError(R"({"dynamodb":{"Keys":{}}})"),
              HasSubstr("\"dynamodb.Keys\" is an empty object"));
  EXPECT_THAT(PatternError(R"({"eventName":[["INSERT"]]})"),
              HasSubstr("\"eventName\" has [\"INSERT\"] in its list"));
  EXPECT_THAT(PatternError(R"({"eventName":[{"wildcard":"IN*"}]})"),
              HasSubstr("unknown operator \"wildcard\""));
  EXPECT_THAT(PatternError(R"({"eventName":[{"prefix":"A","suffix":"B"}]})"),
              HasSubstr("exactly one operator"));
  EXPECT_THAT(PatternError(R"({"eventName":[{"prefix":5}]})"),
              HasSubstr("\"prefix\" with 5; it takes a string"));
  EXPECT_THAT(PatternError(R"({"eventName":[{"exists":"yes"}]})"),
              HasSubstr("\"exists\" with \"yes\""));
  EXPECT_THAT(PatternError(R"({"eventName":[{"anything-but":[]}]})"),
              HasSubstr("empty \"anything-but\" list"));
  EXPECT_THAT(
      PatternError(R"({"eventName":[{"anything-but":{"wildcard":"x"}}]})"),
      HasSubstr("unknown operator \"wildcard\""));
  EXPECT_THAT(PatternError(R"({"eventName":[{"anything-but":[true]}]})"),
              HasSubstr("\"anything-but\" value true"));
  EXPECT_THAT(PatternError(R"({"$or":[{"eventName":["INSERT"]}]})"),
              HasSubstr("\"$or\" must be a list of at least two"));
  EXPECT_THAT(PatternError(R"({"$or":[{"eventName":["A"]},"B"]})"),
              HasSubstr("its alternatives are pattern objects"));
  // The second filter is named.
  EXPECT_THAT(ParseError(Criteria({R"({"eventName":["A"]})", "nope"})),
              HasSubstr("Filters[1].Pattern"));
}

TEST(FilterCriteriaTest, MalformedNumericRanges) {
  for (const char* numeric :
       {R"([">","a"])", R"(["<",5,">",1])", R"([">",1,">",2])",
        R"(["=",1,"<",2])", R"(["~",1])", R"([">",1,"<"])", "5",
        R"([">",10,"<",5])"}) {
    std::string pattern =
        std::string(R"({"dynamodb":{"SizeBytes":[{"numeric":)") + numeric +
        "}]}}";
    EXPECT_THAT(PatternError(pattern), HasSubstr("\"dynamodb.SizeBytes\""))
        << numeric;
  }
  EXPECT_THAT(PatternError(R"({"n":[{"numeric":[">",6e9]}]})"),
              HasSubstr("the range is -5e9 to 5e9"));
}

TEST(FilterCriteriaTest, LimitsOnFiltersAndPatternLength) {
  std::vector<std::string> six(6, R"({"eventName":["INSERT"]})");
  EXPECT_THAT(ParseError(Criteria(six)),
              HasSubstr("has 6 filters; the limit is 5"));
  std::vector<std::string> five(5, R"({"eventName":["INSERT"]})");
  EXPECT_TRUE(FilterCriteria::Parse(Criteria(five)).ok());

  const std::string head = R"({"eventName":[")";
  const std::string tail = R"("]})";
  std::string longest =
      head + std::string(4096 - head.size() - tail.size(), 'x') + tail;
  ASSERT_EQ(longest.size(), 4096u);
  EXPECT_TRUE(FilterCriteria::Parse(Criteria({longest})).ok());
  std::string too_long =
      head + std::string(4097 - head.size() - tail.size(), 'x') + tail;
  EXPECT_THAT(ParseError(Criteria({too_long})),
              HasSubstr("Filters[0].Pattern is 4097 characters; the limit is "
                        "4096"));
}

TEST(FilterCriteriaTest, MalformedCriteriaShape) {
  EXPECT_THAT(ParseError(api::Json::parse("[]")), HasSubstr("is a JSON array"));
  EXPECT_THAT(ParseError(api::Json::parse(R"({"Filter":[]})")),
              HasSubstr("unknown member \"Filter\""));
  EXPECT_THAT(ParseError(api::Json::parse(R"({"Filters":{}})")),
              HasSubstr("Filters must be a list"));
  EXPECT_THAT(ParseError(api::Json::parse(R"({"Filters":[{}]})")),
              HasSubstr("Filters[0].Pattern must be a string"));
  EXPECT_THAT(ParseError(api::Json::parse(R"({"Filters":[{"Pattern":{}}]})")),
              HasSubstr("Filters[0].Pattern must be a string"));
  EXPECT_THAT(ParseError(api::Json::parse(
                  R"({"Filters":[{"Pattern":"{}","Extra":1}]})")),
              HasSubstr("Filters[0] has unknown member \"Extra\""));
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
