#include "mail/mime.h"

#include <chrono>
#include <cstdio>

#include "core/crypto.h"

namespace jointly {
namespace {

constexpr char kCrlf[] = "\r\n";

bool IsPrintableAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Characters a display name can hold without quotes (RFC 5322 atext and
// spaces).
bool IsPlainPhrase(std::string_view s) {
  for (char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view(" !#$%&'*+-/=?^_`{|}~").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a byte
// that cannot start one, so malformed text still advances).
size_t Utf8SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string Mailbox822(const Mailbox& m) {
  if (m.name.empty()) return m.address;
  std::string name;
  if (IsPrintableAscii(m.name) && IsPlainPhrase(m.name)) {
    name = m.name;
  } else if (IsPrintableAscii(m.name)) {
    name = "\"";
    for (char c : m.name) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += '"';
  } else {
    name = EncodeHeaderText(m.name, 0);
  }
  return name + " <" + m.address + ">";
}

std::string AddressHeader(std::string_view field, const std::vector<Mailbox>& boxes) {
  std::string out(field);
  out += ": ";
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (i > 0) out += ",\r\n ";
    out += Mailbox822(boxes[i]);
  }
  return out + kCrlf;
}

// A MIME parameter: name="value" when the value is plain ASCII, else RFC
// 2231's name*=UTF-8''percent-encoded.
std::string Parameter(std::string_view name, std::string_view value) {
  bool plain = IsPrintableAscii(value);
  for (char c : value) {
    if (c == '"' || c == '\\') plain = false;
  }
  if (plain) return std::string(name) + "=\"" + std::string(value) + "\"";
  std::string out = std::string(name) + "*=UTF-8''";
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                      std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    if (keep) {
      out += c;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", u);
      out += hex;
    }
  }
  return out;
}

// Base64 in lines of 76 characters, each ending in CRLF.
std::string Base64Lines(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += kCrlf;
  }
  return out;
}

}  // namespace

std::string Base64(std::string_view bytes) { return Base64Encode(bytes); }

std::string MailDate(int64_t micros) {
  using namespace std::chrono;
  const sys_seconds t{seconds(micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0))};
  const sys_days day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> hms(t - day);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return out;
}

std::string EncodeHeaderText(std::string_view text, size_t room) {
  if (IsPrintableAscii(text) && text.size() <= room) return std::string(text);
  // 42 bytes make 56 base64 characters: a 68-character word, which fits
  // after "Subject: " within 78.
  constexpr size_t kChunk = 42;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      const size_t n = Utf8SequenceLength(static_cast<unsigned char>(text[end]));
      if (end + n - i > kChunk) break;
      end = std::min(text.size(), end + n);
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 11 / 10 + 16);
  size_t start = 0;
  bool first_line = true;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!first_line) out += kCrlf;
    first_line = false;
    size_t column = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const auto u = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      std::string piece;
      if ((u >= 33 && u <= 126 && u != '=') || ((u == ' ' || u == '\t') && !at_end)) {
        piece = static_cast<char>(u);
      } else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "=%02X", u);
        piece = hex;
      }
      // A soft break ("=" at the end) keeps every line within 76.
      const size_t limit = at_end ? 76 : 75;
      if (column + piece.size() > limit) {
        out += "=\r\n";
        column = 0;
      }
      out += piece;
      column += piece.size();
    }
    if (last) break;
    start = end + 1;
  }
  return out;
}

std::string ComposeMime(const MailMessage& message, const Mailbox& from, int64_t now_micros,
                        std::string_view message_id) {
  std::string out;
  out += "Date: " + MailDate(now_micros) + kCrlf;
  out += AddressHeader("From", {from});
  out += AddressHeader("To", message.to);
  if (!message.cc.empty()) out += AddressHeader("Cc", message.cc);
  out += "Message-ID: <" + std::string(message_id) + ">" + kCrlf;
  out += "Subject: " + EncodeHeaderText(message.subject, 78 - 9) + kCrlf;
  out += "MIME-Version: 1.0\r\n";
  const std::string text_headers =
      "Content-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n";
  // The CRLF before a boundary belongs to the boundary, so the text keeps
  // its own last line end.
  const std::string text = QuotedPrintable(message.body) + kCrlf;
  if (message.attachments.empty()) return out + text_headers + kCrlf + text;

  // "=_" appears in neither quoted-printable nor base64 text, so the
  // boundary cannot occur inside a part.
  const std::string boundary = "=_jointly_" + Sha256Hex(message_id).substr(0, 32);
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a message in MIME format.\r\n";
  out += "--" + boundary + kCrlf + text_headers + kCrlf + text;
  for (const MailAttachment& a : message.attachments) {
    out += "--" + boundary + kCrlf;
    out += "Content-Type: " + a.media_type + ";\r\n " + Parameter("name", a.file_name) + kCrlf;
    out += "Content-Disposition: attachment;\r\n " + Parameter("filename", a.file_name) + kCrlf;
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += Base64Lines(a.content);
  }
  out += "--" + boundary + "--" + kCrlf;
  return out;
}

}  // namespace jointly
