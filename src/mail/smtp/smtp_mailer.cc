#include "mail/smtp/smtp_mailer.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "core/crypto.h"
#include "mail/mime.h"

namespace jointly {
namespace {

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

class SmtpMailer : public Mailer {
 public:
  SmtpMailer(MailServer server, const Clock& clock, SmtpTimeouts timeouts)
      : server_(std::move(server)),
        display_(MailServerForDisplay(server_.url)),
        domain_(server_.mail_from.substr(server_.mail_from.find('@') + 1)),
        clock_(clock),
        timeouts_(timeouts) {}

  Status Send(const MailMessage& message) override {
    RETURN_IF_ERROR(ValidateMailMessage(message));
    Mailbox from = message.from;
    if (from.address.empty()) from.address = server_.mail_from;
    const std::string mime =
        ComposeMime(message, from, clock_.NowMicros(), RandomToken(18) + "@" + domain_);

    CURL* curl = curl_easy_init();
    if (!curl) return Internal("Could not start the e-mail client (libcurl)");
    curl_slist* recipients = nullptr;
    for (const auto* list : {&message.to, &message.cc}) {
      for (const Mailbox& m : *list) {
        recipients = curl_slist_append(recipients, ("<" + m.address + ">").c_str());
      }
    }
    char error[CURL_ERROR_SIZE] = "";
    Upload upload{mime};
    const std::string sender = "<" + server_.mail_from + ">";
    curl_easy_setopt(curl, CURLOPT_URL, server_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, sender.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeouts_.connect_seconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeouts_.total_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode code = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (code == CURLE_OK) return OkStatus();
    std::string why = error[0] ? error : curl_easy_strerror(code);
    if (reply > 0) why += " (the server's last answer was " + std::to_string(reply) + ")";
    return Unavailable("Could not send the e-mail through " + display_ + ": " + why);
  }

 private:
  const MailServer server_;
  const std::string display_;
  const std::string domain_;
  const Clock& clock_;
  const SmtpTimeouts timeouts_;
};

}  // namespace

StatusOr<std::unique_ptr<Mailer>> NewSmtpMailer(const MailServer& server, const Clock& clock,
                                                SmtpTimeouts timeouts) {
  RETURN_IF_ERROR(ValidateMailServer(server));
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<Mailer>(new SmtpMailer(server, clock, timeouts));
}

}  // namespace jointly
