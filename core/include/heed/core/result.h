// Result<T>: either a T or a non-OK Status explaining why there is no T.
// A Result never holds an OK status without a value (constructing one is a programming error
// and is turned into kInternal).
//
// Thread safety: like T.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "heed/core/status.h"

namespace heed {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(data_).ok()) {
      data_ = Status::Internal("Result constructed from an OK status without a value");
    }
  }

  bool ok() const { return std::holds_alternative<T>(data_); }

  // The error, or OK when a value is present.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  // REQUIRES: ok().
  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  // By value, not T&&: a reference into a temporary Result dangles once the full expression
  // ends, and range-for over `*store.List()` keeps only the reference alive (ASan:
  // stack-use-after-scope). The value moved out lives as long as the loop.
  T value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<T>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Status> data_;
};

}  // namespace heed

#define HEED_CONCAT_INNER_(a, b) a##b
#define HEED_CONCAT_(a, b) HEED_CONCAT_INNER_(a, b)

namespace heed::internal {
inline const Status& AsStatus(const Status& status) { return status; }
template <typename T>
Status AsStatus(const Result<T>& result) {
  return result.status();
}
}  // namespace heed::internal

// Evaluates expr (a Status, or a Result whose value is not needed); returns its status from the
// enclosing function if it is not OK.
#define HEED_RETURN_IF_ERROR(expr)                                  \
  do {                                                              \
    ::heed::Status heed_status_ = ::heed::internal::AsStatus(expr); \
    if (!heed_status_.ok()) return heed_status_;                    \
  } while (false)

// Evaluates expr (a Result<T>); on error returns its status, else moves the value into lhs.
// lhs may be a declaration: HEED_ASSIGN_OR_RETURN(auto rows, store.List());
#define HEED_ASSIGN_OR_RETURN(lhs, expr) \
  HEED_ASSIGN_OR_RETURN_IMPL_(HEED_CONCAT_(heed_result_, __LINE__), lhs, expr)
#define HEED_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
