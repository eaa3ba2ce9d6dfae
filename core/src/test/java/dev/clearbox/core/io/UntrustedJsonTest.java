package dev.clearbox.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Duplicate keys refused, problems one line, the input's text never repeated. */
class UntrustedJsonTest {
    private final ObjectMapper mapper = UntrustedJson.mapper().build();

    private String problem(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, JsonNode.class));
        String problem = UntrustedJson.problem(e);
        assertFalse(problem.contains("\n"), problem);
        return problem;
    }

    @Test
    void aDuplicateKeyIsRefusedWithItsPathAndLine() {
        assertEquals("duplicate key 'source.commit' at line 3",
                problem("{\"source\": {\"commit\": \"a\",\n \"ref\": \"v1\",\n \"commit\": \"b\"}}"));
        assertEquals("duplicate key 'packages[1].path' at line 1",
                problem("{\"packages\": [{\"path\": \"a\"}, {\"path\": \"b\", \"path\": \"c\"}]}"));
    }

    @Test
    void aDuplicateKeyThatIsNotAPlainNameIsDescribedNotRepeated() {
        String problem = problem("{\"\\u001b[2Jevil\": 1, \"\\u001b[2Jevil\": 2}");
        assertEquals("duplicate key '(a key that is not a plain name)' at line 1", problem);
    }

    @Test
    void aSyntaxErrorNamesTheLineAndColumnButNotTheText() {
        String problem = problem("{\"vendor\": SECRET-TOKEN-TEXT}");
        assertTrue(problem.startsWith("not valid JSON at line 1, column "), problem);
        assertFalse(problem.contains("SECRET"), problem);
        assertEquals("not valid JSON at line 1: unexpected end of input", problem("{\"vendor\": "));
        assertFalse(problem("{} trailing-SECRET").contains("SECRET"));
    }
}
