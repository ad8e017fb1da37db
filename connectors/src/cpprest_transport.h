// The production HttpTransport over cpprestsdk (implementation in cpprest_transport.cc, the only
// file that includes cpprest client headers). This header is cpprest-free.
//
// Behaviour: per-request timeout (HttpRequest.timeout), TLS certificate verification always on,
// request headers passed through (Content-Type applies to the body; Host/Content-Length are set
// by the library), bodies handled as bytes, response headers copied (the library folds repeated
// headers into one comma-separated value). Never throws: connection/TLS failures ->
// kUnavailable, timeout -> kDeadlineExceeded, bad URL/method/header -> kInvalidArgument, a body
// over max_body_bytes -> kDataLoss. Messages carry the URL only through RedactUrl and never
// header values. Thread-safe; clients are cached per (scheme://authority, timeout) so
// connections are reused.
#pragma once

#include <cstddef>
#include <memory>

#include "heed/core/http.h"

namespace heed::connectors {

struct CpprestTransportOptions {
  size_t max_body_bytes = size_t{16} << 20;  // 16 MiB
};

std::unique_ptr<HttpTransport> MakeCpprestTransport(const CpprestTransportOptions& options);

}  // namespace heed::connectors
