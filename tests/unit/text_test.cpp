#include "basis/core/text.hpp"

#include <gtest/gtest.h>

namespace basis {

TEST(CollapseWhitespace, FoldedProseBecomesOneLine) {
  EXPECT_EQ(collapse_whitespace("  Testing is\n  35%\tof\r\n\fdevelopment.\v "),
            "Testing is 35% of development.");
}

TEST(CollapseWhitespace, EmptyAndBlankGiveEmpty) {
  EXPECT_EQ(collapse_whitespace(""), "");
  EXPECT_EQ(collapse_whitespace(" \n\t "), "");
}

TEST(CollapseWhitespace, OtherBytesAreKept) {
  // Non-breaking space (UTF-8 C2 A0) is content, not layout whitespace.
  EXPECT_EQ(collapse_whitespace("a\xC2\xA0 b"), "a\xC2\xA0 b");
}

}  // namespace basis
