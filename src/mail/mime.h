// A MailMessage as the bytes SMTP carries (RFC 5322 with MIME, RFC 2045-
// 2047 and 2231): CRLF line ends, headers in ASCII (UTF-8 names and
// subjects as encoded-words, attachment file names as RFC 2231
// parameters), the text as quoted-printable UTF-8, attachments in base64
// in a multipart/mixed body. Pure: the date and the Message-ID come in.
// Lines starting with a dot are left as they are; the SMTP client stuffs
// them (libcurl does).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mail/mailer.h"

namespace jointly {

// The message as sent from `from`, dated `now_micros` (UTC), with
// Message-ID `message_id` (without angle brackets, "token@domain").
// REQUIRES: ValidateMailMessage(message).ok(), IsSendableAddress(from.address)
// and a message_id of printable ASCII without spaces or angle brackets.
std::string ComposeMime(const MailMessage& message, const Mailbox& from, int64_t now_micros,
                        std::string_view message_id);

// RFC 5322's date: "Tue, 01 Dec 2026 05:11:53 +0000".
std::string MailDate(int64_t micros);

// Base64 (RFC 4648, with padding, no line breaks).
std::string Base64(std::string_view bytes);

// A header's unstructured text (a subject, a display name) in ASCII: as it
// is if it is printable ASCII that fits on a line of `room` characters,
// else as UTF-8 "B" encoded-words of at most 75 characters, split between
// characters and joined by folding whitespace (CRLF and a space).
std::string EncodeHeaderText(std::string_view text, size_t room);

// Text as quoted-printable: every line end becomes CRLF, lines are at most
// 76 characters with soft breaks, and bytes outside printable ASCII (and
// "=", and spaces before a line end) are escaped.
std::string QuotedPrintable(std::string_view text);

}  // namespace jointly
