package dev.clearbox.core.workspace;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one link-escape check, both ways, for symbolic links (from the link's directory) and hard links (from the root). */
class LinkTargetsTest {
    @ParameterizedTest(name = "{0} -> {1} (from root: {2}) escapes: {3}")
    @CsvSource(delimiter = '|', value = {
            "a/b/link | ../c           | false | false",
            "a/b/link | ../../c        | false | false",
            "a/b/link | ../../../c     | false | true",
            "link     | ..             | false | true",
            "a/link   | ./x/../y       | false | false",
            "a/link   | x/../../..     | false | true",
            "a/link   | ..\\..\\etc    | false | true",
            "a/link   | /etc/passwd    | false | true",
            "a/link   | \\etc          | false | true",
            "a/link   | C:/Windows     | false | true",
            "a/link   | c:x            | false | true",
            "a/b/link | ../c           | true  | true",
            "a/b/link | a/b/c          | true  | false",
            "a/b/link | a/../../c      | true  | true",
    })
    void escapesByText(String link, String target, boolean fromRoot, boolean escapes) {
        assertEquals(escapes, LinkTargets.escapes(link, target, fromRoot));
    }

    @ParameterizedTest(name = "empty, missing or NUL target {0} escapes")
    @CsvSource(value = {"''", "x\u0000y"}, emptyValue = "")
    void emptyAndNulTargetsEscape(String target) {
        assertEquals(true, LinkTargets.escapes("a/link", target, false));
        assertEquals(true, LinkTargets.escapes("a/link", null, false));
    }
}
