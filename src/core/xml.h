// Text for XML 1.0 documents (Atom feeds, the sitemap, Word documents).
#pragma once

#include <string>
#include <string_view>

namespace jointly {

// `text` (UTF-8) as XML character data or an attribute value: & < > " and '
// escaped, and the characters XML 1.0 forbids left out (C0 controls other
// than tab, line feed and carriage return; U+FFFE and U+FFFF; surrogates;
// bytes that are not UTF-8).
std::string XmlText(std::string_view text);

}  // namespace jointly
