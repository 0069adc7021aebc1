#include "core/xml.h"

#include <gtest/gtest.h>

namespace jointly {
namespace {

TEST(XmlText, EscapesTheFiveMarkupCharacters) {
  EXPECT_EQ(XmlText("Fire & Rescue <\"a\"> 'b'"),
            "Fire &amp; Rescue &lt;&quot;a&quot;&gt; &apos;b&apos;");
}

TEST(XmlText, EscapesOnceOnly) { EXPECT_EQ(XmlText("&amp;"), "&amp;amp;"); }

TEST(XmlText, KeepsTextXmlAllows) {
  EXPECT_EQ(XmlText("Ynys M\u00f4n\tline\r\nZo\u00eb \U0001F600 \u2014"),
            "Ynys M\u00f4n\tline\r\nZo\u00eb \U0001F600 \u2014");
}

TEST(XmlText, LeavesOutCharactersXmlForbids) {
  EXPECT_EQ(XmlText(std::string("a\x01"
                                "b\x0b"
                                "c\x1f"
                                "d\0e",
                                9)),
            "abcde");
  EXPECT_EQ(XmlText("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
  EXPECT_EQ(XmlText("x\xED\xA0\x80y"), "xy");                // a surrogate
  EXPECT_EQ(XmlText("x\xFFy\xC3"), "xy");                    // not UTF-8
  EXPECT_EQ(XmlText("\xEF\xBF\xBD"), "\xEF\xBF\xBD");        // U+FFFD is allowed
}

}  // namespace
}  // namespace jointly
