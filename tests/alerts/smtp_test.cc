// SmtpChannel against a real SMTP server: a local aiosmtpd sink started by the test, which
// parses each message with Python's e-mail package (an independent reader of what heed wrote).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "heed/alerts/smtp_channel.h"
#include "test_support.h"

namespace heed::alerts {
namespace {

class SmtpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sink_ = std::make_unique<testing::SmtpSink>(dir_.path());
    std::string error = sink_->Start();
    ASSERT_EQ(error, "");
  }

  SmtpOptions Options() const {
    SmtpOptions o;
    o.server = "smtp://127.0.0.1:" + std::to_string(sink_->port());
    o.from = "heed@example.com";
    o.to = {"care@example.com", "lead@example.com"};
    o.starttls = StartTls::kNo;
    o.timeout = Millis(10000);
    o.zone = *TimeZone::Make("Europe/Rome");
    return o;
  }

  rapidjson::Document Received(int n) {
    rapidjson::Document doc;
    std::string json = sink_->WaitForMessage(n);
    EXPECT_FALSE(json.empty()) << "message " << n << " never arrived";
    doc.Parse(json.c_str());
    return doc;
  }

  static std::string Header(const rapidjson::Document& doc, const std::string& name) {
    for (const auto& h : doc["headers"].GetArray()) {
      if (name == h[0].GetString()) return h[1].GetString();
    }
    return "";
  }

  static Alert Sample() {
    Alert a = testing::SampleAlert();
    a.author = "giulia";
    return a;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::SmtpSink> sink_;
};

TEST_F(SmtpTest, DeliversAProperMessageToEveryRecipient) {
  auto channel = std::move(*SmtpChannel::Make("mail", Options()));
  ASSERT_TRUE(channel->Send(Sample()).ok());
  rapidjson::Document m = Received(1);
  EXPECT_STREQ(m["mail_from"].GetString(), "heed@example.com");
  ASSERT_EQ(m["rcpt_tos"].Size(), 2u);
  EXPECT_STREQ(m["rcpt_tos"][1].GetString(), "lead@example.com");
  EXPECT_EQ(std::string(m["subject"].GetString()),
            "heed: BREACHED first reply for mastodon post #42 by @giulia (due 14:05, 35m ago)");
  EXPECT_EQ(Header(m, "From"), "heed@example.com");
  EXPECT_EQ(Header(m, "To"), "care@example.com, lead@example.com");
  EXPECT_EQ(Header(m, "Date"), "Mon, 23 Nov 2026 13:40:00 +0000");
  EXPECT_EQ(Header(m, "MIME-Version"), "1.0");
  EXPECT_EQ(Header(m, "Content-Type"), "text/plain; charset=\"utf-8\"");
  std::string id = Header(m, "Message-ID");
  EXPECT_EQ(id.front(), '<');
  EXPECT_NE(id.find("@example.com>"), std::string::npos);
  std::string body = m["body"].GetString();
  EXPECT_NE(body.find("Post: \"Il pacco non è mai arrivato!\""), std::string::npos) << body;
}

TEST_F(SmtpTest, Utf8SubjectArrivesDecodedAndHeaderInjectionIsNeutralised) {
  auto channel = std::move(*SmtpChannel::Make("mail", Options()));
  Alert a = Sample();
  a.author = "giulià\r\nBcc: victim@example.com";
  ASSERT_TRUE(channel->Send(a).ok());
  rapidjson::Document m = Received(1);
  std::string subject = m["subject"].GetString();
  EXPECT_NE(subject.find("by @giulià Bcc: victim@example.com (due"), std::string::npos) << subject;
  EXPECT_EQ(Header(m, "Bcc"), "");
  ASSERT_EQ(m["rcpt_tos"].Size(), 2u);  // nobody was added
  std::string raw = m["raw"].GetString();
  EXPECT_NE(raw.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(raw.find("\nBcc:"), std::string::npos);
}

TEST_F(SmtpTest, LineStartingWithADotArrivesIntact) {
  // Quoted-printable breaks "Post: \"" + 68 letters after 75 characters, so the encoded line
  // after the soft break starts with '.': only libcurl's dot-stuffing keeps it from being eaten.
  auto channel = std::move(*SmtpChannel::Make("mail", Options()));
  Alert a = Sample();
  a.excerpt = std::string(68, 'a') + ".tail";
  ASSERT_TRUE(channel->Send(a).ok());
  rapidjson::Document m = Received(1);
  EXPECT_NE(std::string(m["raw"].GetString()).find("=\r\n.tail"), std::string::npos);
  EXPECT_NE(std::string(m["body"].GetString()).find(a.excerpt), std::string::npos);

  Digest d;
  d.local_date = "2026-11-24";
  d.held = {Sample()};
  ASSERT_TRUE(channel->SendDigest(d).ok());
  rapidjson::Document digest = Received(2);
  EXPECT_EQ(std::string(digest["subject"].GetString()).rfind("heed digest 2026-11-24", 0), 0u);
  EXPECT_NE(std::string(digest["body"].GetString()).find("Held during quiet hours:"),
            std::string::npos);
}

TEST_F(SmtpTest, RefusedRecipientIsAnErrorWithTheServersReply) {
  SmtpOptions o = Options();
  o.to = {"refuse@example.com"};
  auto channel = std::move(*SmtpChannel::Make("mail", o));
  Status s = channel->Send(Sample());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find("SMTP 550"), std::string::npos) << s.message();
}

TEST_F(SmtpTest, DeadServerIsAnError) {
  SmtpOptions o = Options();
  int port = sink_->port();
  sink_.reset();  // the sink is gone: nothing listens on the port any more
  o.server = "smtp://127.0.0.1:" + std::to_string(port);
  o.timeout = Millis(3000);
  auto channel = std::move(*SmtpChannel::Make("mail", o));
  Status s = channel->Send(Sample());
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("smtp channel mail (smtp://127.0.0.1:"), std::string::npos)
      << s.message();
}

TEST(SmtpOptionsTest, ValidatesServerAddressesAndCredentialSafety) {
  SmtpOptions o;
  o.server = "smtp://mail.example.com:587";
  o.from = "heed@example.com";
  o.to = {"care@example.com"};
  EXPECT_TRUE(SmtpChannel::Make("m", o).ok());

  SmtpOptions bad = o;
  bad.server = "http://mail.example.com";
  EXPECT_NE(SmtpChannel::Make("m", bad).status().message().find("smtp://"), std::string::npos);
  bad.server = "smtp://user:pw@mail.example.com";
  EXPECT_FALSE(SmtpChannel::Make("m", bad).ok());
  bad = o;
  bad.to = {};
  EXPECT_FALSE(SmtpChannel::Make("m", bad).ok());
  bad = o;
  bad.to = {"care@example.com\r\nRCPT TO:<x@y>"};
  EXPECT_FALSE(SmtpChannel::Make("m", bad).ok());

  // A password never crosses the network in clear.
  SmtpOptions creds = o;
  creds.username = "heed";
  creds.password = "hunter2";
  creds.starttls = StartTls::kTry;
  Result<std::unique_ptr<SmtpChannel>> clear = SmtpChannel::Make("m", creds);
  ASSERT_FALSE(clear.ok());
  EXPECT_NE(clear.status().message().find("unencrypted"), std::string::npos);
  EXPECT_EQ(clear.status().message().find("hunter2"), std::string::npos);
  creds.starttls = StartTls::kRequired;
  EXPECT_TRUE(SmtpChannel::Make("m", creds).ok());
  creds.starttls = StartTls::kNo;
  creds.server = "smtps://mail.example.com";
  EXPECT_TRUE(SmtpChannel::Make("m", creds).ok());
  creds.server = "smtp://127.0.0.1:2525";  // loopback relay
  EXPECT_TRUE(SmtpChannel::Make("m", creds).ok());

  EXPECT_EQ(*ParseStartTls("required"), StartTls::kRequired);
  EXPECT_FALSE(ParseStartTls("yes").ok());
}

}  // namespace
}  // namespace heed::alerts
