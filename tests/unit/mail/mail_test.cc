// E-mail as Jointly composes it (MIME: encoded headers, quoted-printable
// text, base64 attachments, CRLF), the checks made before sending, the
// Mailer of a server without --smtp-url, and the SMTP Mailer's errors when
// the server cannot be reached or does not answer. Sending to a real SMTP
// server and reading what arrived is tests/api/mail.test.mjs.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mail/mailer.h"
#include "mail/mime.h"
#include "mail/smtp/smtp_mailer.h"
#include "tests/fakes/fake_clock.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string DecodeBase64(std::string_view text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;  // padding and line breaks
    bits = bits << 6 | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>(bits >> count & 0xFF);
    }
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft break
    } else {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = text.find("\r\n", start)) != std::string_view::npos; start = end + 2) {
    out.emplace_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "the text does not end in CRLF";
  return out;
}

// Decodes a header made of "B" encoded-words.
std::string DecodeWords(std::string_view header) {
  std::string out;
  for (size_t at; (at = header.find("=?UTF-8?B?")) != std::string_view::npos;) {
    const size_t end = header.find("?=", at + 10);
    out += DecodeBase64(header.substr(at + 10, end - at - 10));
    header.remove_prefix(end + 2);
  }
  return out;
}

MailMessage Letter() {
  MailMessage m;
  m.from = {"Joint Inspection Secretariat", ""};
  m.to = {{"Chief Constable", "chief.constable@police.example"}, {"", "dls@cps.example"}};
  m.cc = {{"Ysgrifenyddiaeth – Arolygiaeth", "secretariat@example.gov.uk"}};
  m.subject =
      "Commissioning letter: joint inspection of the police and CPS response to "
      "rape – Swydd Gaerloyw ŵyl “2026”";
  m.body = "Dear Chief Constable,\n\nA line with = and trailing space \n.\n.. two dots\n" +
           std::string(200, 'x') + "\nCroeso – £10 ✓\n";
  m.attachments = {{"Commissioning letter.pdf", "application/pdf", std::string("%PDF-\0\xFF", 7)},
                   {"Llythyr comisiynu – ŵyl.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    std::string(1000, '\x80')}};
  return m;
}

TEST(Mime, Base64IsRfc4648) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
}

TEST(Mime, QuotedPrintableKeepsLinesShortAndEveryByte) {
  const std::string text = "a=b \nend space \t\n" + std::string(300, 'y') + "\r\nŵ £ ✓\n\nlast";
  const std::string qp = QuotedPrintable(text);
  for (const auto& line : Lines(qp + "\r\n")) {
    EXPECT_LE(line.size(), 76u) << line;
    EXPECT_TRUE(line.empty() || (line.back() != ' ' && line.back() != '\t')) << line;
    for (char c : line) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << line;
  }
  EXPECT_THAT(qp, HasSubstr("a=3Db=20\r\nend space =09\r\n"));
  std::string expected = text;
  for (size_t at; (at = expected.find("\r\n")) != std::string::npos;) expected.erase(at, 1);
  for (size_t at = 0; (at = expected.find('\n', at)) != std::string::npos; at += 2) {
    expected.replace(at, 1, "\r\n");
  }
  EXPECT_EQ(DecodeQuotedPrintable(qp), expected);
}

TEST(Mime, HeaderTextIsEncodedInWholeCharacters) {
  EXPECT_EQ(EncodeHeaderText("Plain subject", 69), "Plain subject");
  const std::string welsh = std::string(30, 'a') + "ŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵ✓✓✓✓✓ – “quoted”";
  const std::string encoded = EncodeHeaderText(welsh, 69);
  std::vector<std::string> words;
  for (const auto& line : Lines(encoded + "\r\n")) {
    const std::string word = line[0] == ' ' ? line.substr(1) : line;
    EXPECT_LE(word.size(), 75u);
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
    // Each word decodes to whole UTF-8 characters on its own.
    const std::string decoded = DecodeWords(word);
    EXPECT_TRUE((static_cast<unsigned char>(decoded.back()) & 0xC0) != 0xC0 &&
                (static_cast<unsigned char>(decoded.front()) & 0xC0) != 0x80)
        << word;
    words.push_back(word);
  }
  EXPECT_GT(words.size(), 1u);
  EXPECT_EQ(DecodeWords(encoded), welsh);
  // Long plain ASCII is encoded too, so no header line passes 78.
  EXPECT_EQ(DecodeWords(EncodeHeaderText(std::string(100, 'z'), 69)), std::string(100, 'z'));
}

TEST(Mime, AMessageWithAttachmentsIsMultipartInCrlfLines) {
  const MailMessage m = Letter();
  ASSERT_THAT(ValidateMailMessage(m), IsOk());
  const std::string mime =
      ComposeMime(m, {"Joint Inspection Secretariat", "jointly@example.gov.uk"}, 1764567113000000,
                  "abc123@example.gov.uk");
  const auto lines = Lines(mime);
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), 998u);
    for (char c : line) ASSERT_TRUE(c >= 0x20 && c < 0x7F) << "not ASCII: " << line;
  }
  EXPECT_THAT(mime, HasSubstr("Date: Mon, 01 Dec 2025 05:31:53 +0000\r\n"));
  EXPECT_THAT(mime, HasSubstr("From: Joint Inspection Secretariat <jointly@example.gov.uk>\r\n"));
  EXPECT_THAT(mime, HasSubstr("To: Chief Constable <chief.constable@police.example>,\r\n "
                              "dls@cps.example\r\n"));
  EXPECT_THAT(mime, HasSubstr("Message-ID: <abc123@example.gov.uk>\r\n"));
  EXPECT_THAT(mime, HasSubstr("MIME-Version: 1.0\r\n"));
  // The subject, unfolded, decodes to what was given.
  const size_t subject = mime.find("Subject: ");
  std::string header = mime.substr(subject, mime.find("\r\nMIME-Version") - subject);
  EXPECT_EQ(DecodeWords(header), m.subject);
  const size_t cc = mime.find("Cc: ");
  EXPECT_EQ(DecodeWords(mime.substr(cc, mime.find("\r\n", cc) - cc)),
            "Ysgrifenyddiaeth – Arolygiaeth");

  const size_t b = mime.find("boundary=\"") + 10;
  const std::string boundary = mime.substr(b, mime.find('"', b) - b);
  std::vector<std::string> parts;
  const std::string delimiter = "\r\n--" + boundary;
  size_t at = mime.find(delimiter);
  while (at != std::string::npos) {
    const size_t next = mime.find(delimiter, at + delimiter.size());
    if (next == std::string::npos) break;
    parts.push_back(mime.substr(at + delimiter.size() + 2, next - at - delimiter.size() - 2));
    at = next;
  }
  EXPECT_THAT(mime.substr(at), HasSubstr("--" + boundary + "--\r\n"));
  ASSERT_EQ(parts.size(), 3u);
  const auto body_of = [](const std::string& part) {
    return part.substr(part.find("\r\n\r\n") + 4);
  };
  EXPECT_THAT(parts[0], HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  const std::string text = DecodeQuotedPrintable(body_of(parts[0]));
  EXPECT_THAT(text, HasSubstr("A line with = and trailing space \r\n.\r\n.. two dots\r\n"));
  EXPECT_THAT(text, HasSubstr("Croeso – £10 ✓"));
  EXPECT_THAT(parts[1], HasSubstr("Content-Type: application/pdf;\r\n name=\"Commissioning "
                                  "letter.pdf\"\r\n"));
  EXPECT_THAT(parts[1], HasSubstr("Content-Disposition: attachment;\r\n filename=\"Commissioning "
                                  "letter.pdf\"\r\n"));
  EXPECT_EQ(DecodeBase64(body_of(parts[1])), m.attachments[0].content);
  EXPECT_THAT(parts[2],
              HasSubstr("filename*=UTF-8''Llythyr%20comisiynu%20%E2%80%93%20%C5%B5yl.docx"));
  EXPECT_EQ(DecodeBase64(body_of(parts[2])), m.attachments[1].content);
  for (const auto& line : Lines(body_of(parts[2]) + "\r\n")) EXPECT_LE(line.size(), 76u);
}

TEST(Mime, AMessageWithoutAttachmentsIsOnePart) {
  MailMessage m = Letter();
  m.attachments.clear();
  m.subject = "Fieldwork dates";
  const std::string mime = ComposeMime(m, {"", "jointly@example.gov.uk"}, 0, "x@example.gov.uk");
  EXPECT_THAT(mime, HasSubstr("Subject: Fieldwork dates\r\n"));
  EXPECT_THAT(mime, HasSubstr("From: jointly@example.gov.uk\r\n"));
  EXPECT_THAT(mime, HasSubstr("Content-Transfer-Encoding: quoted-printable\r\n\r\nDear"));
  EXPECT_THAT(mime, Not(HasSubstr("multipart")));
}

TEST(Mailer, MessagesAreCheckedBeforeSending) {
  EXPECT_THAT(ValidateMailMessage(Letter()), IsOk());
  MailMessage m = Letter();
  m.to = {};
  m.cc = {{"Two\nlines", "not an address"}};
  m.subject = "Injected\r\nBcc: everyone@example.com";
  m.body = std::string("a\0b", 3);
  m.attachments = {{"../secret.pdf", "pdf", "x"}};
  const Status s = ValidateMailMessage(m);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(s.rule(), "mail-message");
  std::vector<std::string> fields;
  for (const auto& e : s.field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"to", "cc[0].address", "cc[0].name", "subject", "body",
                                      "attachments[0].file_name", "attachments[0].media_type"}));
  for (const char* bad :
       {"a b@example.com", "<a@example.com>", "a@example.com\r\nRCPT", "é@example.com", "nobody"}) {
    EXPECT_FALSE(IsSendableAddress(bad)) << bad;
  }
  EXPECT_TRUE(IsSendableAddress("first.last+tag@sub.example.gov.uk"));
}

TEST(Mailer, WithoutAServerEveryMessageIsRefusedSayingHowToConfigureOne) {
  UnconfiguredMailer mailer;
  const Status s = mailer.Send(Letter());
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(s.rule(), "mail-not-configured");
  EXPECT_EQ(s.message(), "e-mail is not configured: start the server with --smtp-url");
}

TEST(Mailer, TheServerIsAnSmtpUrlAndTheSenderAnAddress) {
  const FakeClock clock;
  for (const char* url : {"smtp://mail.example.gov.uk:587", "smtps://mail.example.gov.uk",
                          "smtp://user:secret@127.0.0.1:2525"}) {
    EXPECT_THAT(ValidateMailServer({url, "jointly@example.gov.uk"}), IsOk()) << url;
  }
  for (const char* url : {"", "http://mail.example.gov.uk", "smtp://", "smtp:///path",
                          "smtp://host name", "mail.example.gov.uk:25"}) {
    auto s = NewSmtpMailer({url, "jointly@example.gov.uk"}, clock);
    EXPECT_THAT(s.status(), StatusIs(StatusCode::kInvalidArgument)) << url;
    EXPECT_EQ(s.status().rule(), "mail-server");
  }
  EXPECT_THAT(ValidateMailServer({"smtp://mail.example.gov.uk", "Jointly"}),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(MailServerForDisplay("smtps://user:p%40ss@mail.example.gov.uk:465"),
            "smtps://mail.example.gov.uk:465");
  EXPECT_EQ(MailServerForDisplay("smtp://mail.example.gov.uk"), "smtp://mail.example.gov.uk");
}

// A TCP socket on 127.0.0.1 at a port the kernel chose; listening if asked.
struct LocalSocket {
  explicit LocalSocket(bool listen) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
    EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port = ntohs(addr.sin_port);
    if (listen) {
      EXPECT_EQ(::listen(fd, 4), 0);
    }
  }
  ~LocalSocket() { close(fd); }
  int fd = -1;
  int port = 0;
};

TEST(SmtpMailer, AServerThatCannotBeReachedIsNamedInTheError) {
  const FakeClock clock;
  int port = 0;
  {
    LocalSocket closed(false);  // bound, never listening: connections are refused
    port = closed.port;
    const std::string url = "smtp://jointly:secret@127.0.0.1:" + std::to_string(port);
    auto mailer = NewSmtpMailer({url, "jointly@example.gov.uk"}, clock);
    ASSERT_TRUE(mailer.ok()) << mailer.status().ToString();
    const Status s = (*mailer)->Send(Letter());
    EXPECT_THAT(s, StatusIs(StatusCode::kUnavailable));
    EXPECT_THAT(s.message(), HasSubstr("Could not send the e-mail through smtp://127.0.0.1:" +
                                       std::to_string(port) + ": "));
    EXPECT_THAT(s.message(), Not(HasSubstr("secret")));
  }
}

TEST(SmtpMailer, AServerThatNeverAnswersTimesOut) {
  const FakeClock clock;
  LocalSocket silent(true);  // connections are accepted by the kernel, never greeted
  auto mailer =
      NewSmtpMailer({"smtp://127.0.0.1:" + std::to_string(silent.port), "jointly@example.gov.uk"},
                    clock, SmtpTimeouts{1, 2});
  ASSERT_TRUE(mailer.ok());
  const Status s = (*mailer)->Send(Letter());
  EXPECT_THAT(s, StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(s.message(), HasSubstr("smtp://127.0.0.1:" + std::to_string(silent.port)));
  EXPECT_THAT(s.message(), HasSubstr("timed out"));
}

}  // namespace
}  // namespace jointly
