// Sending e-mail: the message as Jointly composes it and the Mailer
// interface the service layer is given. The implementation over SMTP
// (mail/smtp/, libcurl) is a target of its own that only apps/ and tests
// link; without a configured server, apps/ gives the service an
// UnconfiguredMailer, which refuses every message saying how to configure
// one. MIME is composed by the pure ComposeMime (mail/mime.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace jointly {

// An address with an optional display name: "Jo Bloggs <jo@example.gov.uk>".
// The address is ASCII (user@domain); the name may be any UTF-8 on one line.
struct Mailbox {
  std::string name;  // may be empty
  std::string address;
  bool operator==(const Mailbox&) const = default;
};

// A file sent with a message, as its reader will save it.
struct MailAttachment {
  std::string file_name;   // "Commissioning letter.pdf"; UTF-8, no folder
  std::string media_type;  // "application/pdf"
  std::string content;     // the bytes, any
};

struct MailMessage {
  // Who the message is from. An empty address means the sender the server
  // was configured with (`serve --mail-from`), with this name if given.
  Mailbox from;
  std::vector<Mailbox> to;  // one or more
  std::vector<Mailbox> cc;
  std::string subject;  // one line of UTF-8
  std::string body;     // plain text, UTF-8; line ends \n or \r\n
  std::vector<MailAttachment> attachments;
};

// Where messages go: the SMTP server's URL ("smtp://host:port" or
// "smtps://host:port"; user:password@ before the host if it needs them) and
// the address the server sends from (the envelope sender, and From unless
// the message names another).
struct MailServer {
  std::string url;
  std::string mail_from;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends `message` to its To and Cc recipients. Returns InvalidArgument
  // (rule "mail-message", naming each bad field) for a message that cannot
  // be sent as it is (no recipient, a bad address, a subject with a line
  // break...); FailedPrecondition (rule "mail-not-configured") when no
  // server is configured; Unavailable naming the server when it cannot be
  // reached, refuses the message, or does not answer in time. Nothing is
  // known to be sent unless it returns OK. Thread-safe.
  virtual Status Send(const MailMessage& message) = 0;
};

// The Mailer of a server started without --smtp-url: every Send is
// FailedPrecondition "e-mail is not configured: start the server with
// --smtp-url", so a page can say why nothing was sent.
class UnconfiguredMailer : public Mailer {
 public:
  Status Send(const MailMessage& message) override;
};

// The checks Send makes of any message before it is sent: InvalidArgument
// (rule "mail-message") with one field error per problem ("to[1]",
// "subject", "attachments[0].media_type"...), else OK.
Status ValidateMailMessage(const MailMessage& message);

// Whether `address` is one Jointly sends to or from: ASCII, user@domain,
// no spaces, angle brackets, quotes or line breaks, up to 254 characters.
bool IsSendableAddress(std::string_view address);

// Checks a MailServer before a server starts: InvalidArgument (rule
// "mail-server") unless the URL is smtp:// or smtps:// with a host and the
// sender is a sendable address.
Status ValidateMailServer(const MailServer& server);

// The server's URL without any user name or password, for messages.
std::string MailServerForDisplay(std::string_view url);

}  // namespace jointly
