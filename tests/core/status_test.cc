#include "heed/core/status.h"

#include <gtest/gtest.h>

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
