package dev.clearbox.reports.html;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Vendor text in the HTML report is markup-escaped, and what could reorder or hide text is shown, not obeyed. */
class ReportHtmlEscapeTest {
    @Test
    void markupIsEscaped() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;", Html.esc("<script>alert(\"x\")</script> & '"));
    }

    @Test
    void controlsBidiOverridesAndZeroWidthCharactersAreShownAsEscapes() {
        String vendor = "Acme\u202e KCOLB\u200b \u001b[2J\u0000\u009b\u007f\rX";
        String html = Html.esc(vendor);
        assertEquals("Acme\\u202e KCOLB\\u200b \\x1b[2J\\x00\\u009b\\x7f\\rX", html);
        assertFalse(html.chars().anyMatch(c -> c == 0x202e || c == 0x200b || c < 0x20 || (c >= 0x7f && c <= 0x9f)));
    }

    @Test
    void printableTextIsKept() {
        assertEquals("Société 日本語 😀\ttab\nline", Html.esc("Société 日本語 😀\ttab\nline"));
    }
}
