#include "heed/core/status.h"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "heed/core/result.h"

namespace heed {
namespace {

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(Status, CarriesCodeMessageAndContext) {
  Status s = Status::NotFound("mention 7").WithContext("show");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "NOT_FOUND: show: mention 7");
}

TEST(Status, ResourceExhaustedCarriesRetryAfter) {
  Status s = Status::ResourceExhausted("429", std::chrono::milliseconds(1500));
  ASSERT_TRUE(s.retry_after().has_value());
  EXPECT_EQ(s.retry_after()->count(), 1500);
}

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  HEED_ASSIGN_OR_RETURN(int half, Half(x));
  HEED_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(Result, ValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.value_or(-1), -1);
}

Result<std::vector<std::string>> Words() { return std::vector<std::string>{"ciao", "hello"}; }

// Range-for over `*Call()` binds only what operator* returns; the Result itself is gone before
// the first iteration. A reference into it would dangle (ASan: stack-use-after-scope).
TEST(Result, DereferencedTemporaryOwnsItsValue) {
  static_assert(std::is_same_v<decltype(*Words()), std::vector<std::string>>);
  static_assert(std::is_same_v<decltype(Words().value()), std::vector<std::string>>);
  std::vector<std::string> seen;
  for (const std::string& word : *Words()) seen.push_back(word);
  EXPECT_EQ(seen, (std::vector<std::string>{"ciao", "hello"}));

  Result<std::vector<std::string>> named = Words();
  static_assert(std::is_same_v<decltype(*named), std::vector<std::string>&>);
  std::vector<std::string> moved = *std::move(named);
  EXPECT_EQ(moved.size(), 2u);
}

TEST(Result, OkStatusWithoutValueBecomesInternal) {
  Result<int> r{Status::Ok()};
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

Status FailIfNegative(int x) {
  HEED_RETURN_IF_ERROR(x < 0 ? Status::InvalidArgument("neg") : Status::Ok());
  return Status::Ok();
}

TEST(Result, ReturnIfError) {
  EXPECT_TRUE(FailIfNegative(1).ok());
  EXPECT_EQ(FailIfNegative(-1).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed
