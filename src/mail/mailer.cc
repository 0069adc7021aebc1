#include "mail/mailer.h"

#include "core/text.h"

namespace jointly {

namespace {

constexpr size_t kMaxRecipients = 100;
constexpr size_t kMaxSubjectCharacters = 250;
constexpr size_t kMaxNameCharacters = 200;
constexpr size_t kMaxFileNameBytes = 200;

bool IsMediaTypeToken(std::string_view s) {
  if (s.empty() || s.size() > 127) return false;
  for (char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view("!#$&-^_.+").find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool IsSingleLine(std::string_view s) {
  return IsValidUtf8(s) && !HasControlCharacters(s) && s.find_first_of("\r\n") == s.npos;
}

void CheckMailboxes(Validation& v, const std::string& field, const std::vector<Mailbox>& boxes) {
  for (size_t i = 0; i < boxes.size(); ++i) {
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (!IsSendableAddress(boxes[i].address)) {
      v.Add(where + ".address", "mail-message",
            "\"" + boxes[i].address + "\" is not an e-mail address Jointly can send to");
    }
    if (!IsSingleLine(boxes[i].name) || Utf8Length(boxes[i].name) > kMaxNameCharacters) {
      v.Add(
          where + ".name", "mail-message",
          "Give the name on one line, up to " + std::to_string(kMaxNameCharacters) + " characters");
    }
  }
}

}  // namespace

Status UnconfiguredMailer::Send(const MailMessage&) {
  return FailedPrecondition("e-mail is not configured: start the server with --smtp-url",
                            "mail-not-configured");
}

bool IsSendableAddress(std::string_view address) {
  if (!LooksLikeEmail(address)) return false;
  for (char c : address) {
    if (c <= 0x20 || c == 0x7F ||
        std::string_view("<>\"(),;:\\[]").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

Status ValidateMailMessage(const MailMessage& message) {
  Validation v;
  if (!message.from.address.empty() && !IsSendableAddress(message.from.address)) {
    v.Add("from.address", "mail-message",
          "\"" + message.from.address + "\" is not an e-mail address Jointly can send from");
  }
  if (!IsSingleLine(message.from.name) || Utf8Length(message.from.name) > kMaxNameCharacters) {
    v.Add("from.name", "mail-message",
          "Give the name on one line, up to " + std::to_string(kMaxNameCharacters) + " characters");
  }
  if (message.to.empty()) v.Add("to", "mail-message", "Give at least one recipient");
  CheckMailboxes(v, "to", message.to);
  CheckMailboxes(v, "cc", message.cc);
  if (message.to.size() + message.cc.size() > kMaxRecipients) {
    v.Add("to", "mail-message",
          "Send to at most " + std::to_string(kMaxRecipients) + " recipients at once");
  }
  if (Trim(message.subject).empty()) {
    v.Add("subject", "mail-message", "Give the message a subject");
  } else if (!IsSingleLine(message.subject) ||
             Utf8Length(message.subject) > kMaxSubjectCharacters) {
    v.Add("subject", "mail-message",
          "Give the subject on one line, up to " + std::to_string(kMaxSubjectCharacters) +
              " characters");
  }
  if (!IsValidUtf8(message.body) || message.body.find('\0') != std::string::npos) {
    v.Add("body", "mail-message", "The text of the message is not UTF-8 text");
  }
  for (size_t i = 0; i < message.attachments.size(); ++i) {
    const MailAttachment& a = message.attachments[i];
    const std::string where = "attachments[" + std::to_string(i) + "]";
    if (a.file_name.empty() || a.file_name.size() > kMaxFileNameBytes ||
        !IsSingleLine(a.file_name) || a.file_name.find_first_of("/\\") != std::string::npos) {
      v.Add(where + ".file_name", "mail-message",
            "Give the attachment a file name without folders, on one line");
    }
    const size_t slash = a.media_type.find('/');
    if (slash == std::string::npos || !IsMediaTypeToken(a.media_type.substr(0, slash)) ||
        !IsMediaTypeToken(a.media_type.substr(slash + 1))) {
      v.Add(where + ".media_type", "mail-message",
            "\"" + a.media_type + "\" is not a media type such as application/pdf");
    }
  }
  return v.Finish("The e-mail cannot be sent as it is");
}

Status ValidateMailServer(const MailServer& server) {
  const std::string_view url = server.url;
  const bool scheme = url.rfind("smtp://", 0) == 0 || url.rfind("smtps://", 0) == 0;
  const size_t host = url.find("://") + 3;
  if (!scheme || host >= url.size() || url[host] == '/' || url[host] == ':' ||
      url.find_first_of(" \t\r\n") != url.npos || !IsValidUtf8(url)) {
    return InvalidArgument("Give the mail server as smtp://host:port or smtps://host:port (got \"" +
                               MailServerForDisplay(url) + "\")",
                           "mail-server");
  }
  if (!IsSendableAddress(server.mail_from)) {
    return InvalidArgument(
        "Give the address e-mail is sent from with --mail-from (got \"" + server.mail_from + "\")",
        "mail-server");
  }
  return OkStatus();
}

std::string MailServerForDisplay(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t host = scheme + 3;
  const size_t path = url.find('/', host);
  const size_t at = url.rfind('@', path == std::string_view::npos ? url.npos : path);
  if (at == std::string_view::npos || at < host) return std::string(url);
  return std::string(url.substr(0, host)) + std::string(url.substr(at + 1));
}

}  // namespace jointly
