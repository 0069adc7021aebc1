// The Mailer over SMTP, with libcurl: smtp:// (upgraded with STARTTLS when
// the server offers it, and then the server's certificate is checked) or
// smtps:// (TLS from the start). Only apps/ and tests link this target.
#pragma once

#include <memory>

#include "core/clock.h"
#include "mail/mailer.h"

namespace jointly {

struct SmtpTimeouts {
  long connect_seconds = 15;  // to reach the server and greet it
  long total_seconds = 120;   // for the whole message
};

// A Mailer sending through `server`. InvalidArgument (rule "mail-server")
// if ValidateMailServer refuses it; nothing is connected until a message is
// sent. Each Send opens its own connection, so the Mailer is thread-safe.
// Dates come from `clock`, which must outlive the Mailer.
StatusOr<std::unique_ptr<Mailer>> NewSmtpMailer(const MailServer& server, const Clock& clock,
                                                SmtpTimeouts timeouts = {});

}  // namespace jointly
