// CpprestTransport against a real cpprest listener on 127.0.0.1 (never any other host).
// cpprest must not define its U() macro: it collides with GoogleTest and other code.
#define _TURN_OFF_PLATFORM_STRING

#include "cpprest_transport.h"

#include <arpa/inet.h>
#include <cpprest/http_listener.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "heed/connectors/connector.h"

namespace heed::connectors {
namespace {

using web::http::http_request;
using web::http::methods;
using web::http::status_codes;
using web::http::experimental::listener::http_listener;

// A port that was free a moment ago: bind port 0 on loopback, read it, close.
int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

const std::string kBinaryBody("ok \xFF\xFE\x00 caf\xC3\xA9", 11);

class CpprestTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Another process may grab the port between probing and listening: try a few.
    for (int attempt = 0; attempt < 5 && !listener_; ++attempt) {
      port_ = FreeLoopbackPort();
      ASSERT_GT(port_, 0);
      base_ = "http://127.0.0.1:" + std::to_string(port_);
      auto listener = std::make_unique<http_listener>(base_ + "/");
      Configure(*listener);
      try {
        listener->open().wait();
        listener_ = std::move(listener);
      } catch (const std::exception&) {
      }
    }
    ASSERT_TRUE(listener_ != nullptr) << "could not listen on 127.0.0.1";
  }

  static void Configure(http_listener& listener) {
    listener.support(methods::GET, [](http_request req) {
      std::string path = req.relative_uri().path();
      if (path == "/slow") {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        try {
          web::http::http_response late(status_codes::OK);
          late.set_body(std::vector<unsigned char>{'l', 'a', 't', 'e'});
          req.reply(late).wait();
        } catch (const std::exception&) {  // the client has given up: expected
        }
        return;
      }
      web::http::http_response resp(path == "/missing" ? status_codes::NotFound : status_codes::OK);
      resp.headers().add("X-Heed-Test", "yes");
      resp.headers().add("X-Saw-Auth", req.headers().has("Authorization") ? "1" : "0");
      resp.headers().add("X-Saw-Query", req.relative_uri().query());
      resp.set_body(std::vector<unsigned char>(kBinaryBody.begin(), kBinaryBody.end()));
      req.reply(resp).wait();
    });
    listener.support(methods::POST, [](http_request req) {
      auto body = req.extract_vector().get();
      web::http::http_response resp(status_codes::Created);
      resp.headers().add("X-Content-Type", req.headers().content_type());
      resp.headers().add("X-Idempotency-Key", req.headers().has("Idempotency-Key")
                                                  ? req.headers().find("Idempotency-Key")->second
                                                  : std::string("-"));
      resp.set_body(std::move(body));
      req.reply(resp).wait();
    });
  }
  void TearDown() override {
    if (listener_) listener_->close().wait();
  }

  HttpRequest Request(const std::string& path) {
    HttpRequest r;
    r.url = base_ + path;
    r.timeout = Millis(2000);
    return r;
  }

  int port_ = 0;
  std::string base_;
  std::unique_ptr<http_listener> listener_;
  std::unique_ptr<HttpTransport> transport_ = MakeCpprestTransport();
};

TEST_F(CpprestTransportTest, GetRoundTripsStatusHeadersAndBinaryBody) {
  HttpRequest r = Request("/api/v1/x?types%5B%5D=mention&min_id=0");
  r.headers.emplace_back("Authorization", "Bearer abc");
  auto response = transport_->Send(r);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, kBinaryBody);
  EXPECT_EQ(response->Header("x-heed-test").value_or(""), "yes");
  EXPECT_EQ(response->Header("X-Saw-Auth").value_or(""), "1");
  EXPECT_EQ(response->Header("X-Saw-Query").value_or(""), "types%5B%5D=mention&min_id=0");

  // Connections (clients) are reused; a second request works the same.
  auto again = transport_->Send(Request("/missing"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->status, 404);  // an HTTP error is still a successful Send
}

TEST_F(CpprestTransportTest, PostSendsBodyAndHeaders) {
  HttpRequest r = Request("/api/v1/statuses");
  r.method = "POST";
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("Idempotency-Key", "reply-7");
  r.body = R"({"status":"@a caf)"
           "\xC3\xA9"
           R"("})";
  auto response = transport_->Send(r);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, r.body);
  EXPECT_EQ(response->Header("X-Content-Type").value_or(""), "application/json");
  EXPECT_EQ(response->Header("X-Idempotency-Key").value_or(""), "reply-7");
}

TEST_F(CpprestTransportTest, BodyOverCapIsDataLoss) {
  auto small = MakeCpprestTransport(CpprestTransportOptions{.max_body_bytes = 4});
  auto response = small->Send(Request("/big"));
  EXPECT_EQ(response.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(response.status().message().find("larger than 4 bytes"), std::string::npos);
}

TEST_F(CpprestTransportTest, TimeoutIsDeadlineExceeded) {
  HttpRequest r = Request("/slow?access_token=hush");
  r.timeout = Millis(100);
  auto start = std::chrono::steady_clock::now();
  auto response = transport_->Send(r);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(350));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kDeadlineExceeded)
      << response.status().ToString();
  EXPECT_EQ(response.status().message().find("hush"), std::string::npos);
  EXPECT_NE(response.status().message().find("access_token=REDACTED"), std::string::npos);
}

TEST_F(CpprestTransportTest, ConnectionRefusedIsUnavailable) {
  int port = FreeLoopbackPort();
  ASSERT_GT(port, 0);
  HttpRequest r = Request("/");
  r.url = "http://127.0.0.1:" + std::to_string(port) + "/x?token=hush";
  auto response = transport_->Send(r);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable) << response.status().ToString();
  EXPECT_EQ(response.status().message().find("hush"), std::string::npos);
}

TEST_F(CpprestTransportTest, RejectsBadInputWithoutThrowing) {
  HttpRequest r = Request("/");
  r.method = "DELETE";
  EXPECT_EQ(transport_->Send(r).status().code(), StatusCode::kInvalidArgument);
  r = Request("/");
  r.url = "not a url";
  EXPECT_EQ(transport_->Send(r).status().code(), StatusCode::kInvalidArgument);
  r = Request("/");
  r.url = "ftp://127.0.0.1/";
  EXPECT_EQ(transport_->Send(r).status().code(), StatusCode::kInvalidArgument);
  r = Request("/");
  r.headers.emplace_back("X-Evil", "a\r\nInjected: 1");
  EXPECT_EQ(transport_->Send(r).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed::connectors
