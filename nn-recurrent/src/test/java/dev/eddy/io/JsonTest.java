package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void parsesEveryKindOfValue() {
    Object v = Json.parse(" {\"b\": [1, 2.5, \"x\", true, false, null], \"a\": {}, \"c\": []} ");
    Map<?, ?> m = assertInstanceOf(Map.class, v);
    assertEquals(List.of("b", "a", "c"), new ArrayList<>(m.keySet()), "keys keep the text's order");
    List<?> b = assertInstanceOf(List.class, m.get("b"));
    assertEquals(1L, b.get(0));
    assertEquals(2.5, b.get(1));
    assertEquals("x", b.get(2));
    assertEquals(true, b.get(3));
    assertEquals(false, b.get(4));
    assertNull(b.get(5));
    assertEquals(Map.of(), m.get("a"));
    assertEquals(List.of(), m.get("c"));
  }

  @Test
  void integersThatFitInALongAreLongsEverythingElseIsADouble() {
    assertEquals(0L, Json.parse("-0"));
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    assertEquals(9.223372036854775808e18, Json.parse("9223372036854775808"));
    assertEquals(-1e30, Json.parse("-1000000000000000000000000000000"));
    assertEquals(1.0, Json.parse("1.0"));
    assertEquals(100.0, Json.parse("1e2"));
    assertEquals(100.0, Json.parse("1E+2"));
    assertEquals(0.01, Json.parse("1e-2"));
    assertEquals(-0.0, Json.parse("-0.0"));
    assertEquals(0.0, Json.parse("1e-400"), "underflow rounds to zero like parseDouble");
    for (String s : new String[] {"0.1", "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308",
        "0.30000000000000004", "123456789012345678901234567890.123456789e-10"}) {
      assertEquals(Double.parseDouble(s), Json.parse(s), s);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``| line 1, column 1: expected a value (object, array, string, number, true, false or null), found the end of the text",
      "`{\"a\": 1,}`| line 1, column 9: expected a string key, found '}'",
      "`[1, 2,]`| line 1, column 7: expected a value (object, array, string, number, true, false or null), found ']'",
      "`[1 2]`| line 1, column 4: expected ',' or ']' after an array element, found '2'",
      "`{\"a\" 1}`| line 1, column 6: expected ':' after the key \"a\", found '1'",
      "`{\"a\": 1 \"b\": 2}`| line 1, column 9: expected ',' or '}' after an object member, found '\"'",
      "`{a: 1}`| line 1, column 2: expected a string key or '}', found 'a'",
      "`['a']`| line 1, column 2: expected a value (object, array, string, number, true, false or null), found '''",
      "`[01]`| line 1, column 3: leading zeros are not allowed in a number",
      "`[-]`| line 1, column 3: expected a digit after '-', found ']'",
      "`[1.]`| line 1, column 4: expected a digit after the decimal point, found ']'",
      "`[.5]`| line 1, column 2: expected a value (object, array, string, number, true, false or null), found '.'",
      "`[1e]`| line 1, column 4: expected a digit in the exponent, found ']'",
      "`[+1]`| line 1, column 2: expected a value (object, array, string, number, true, false or null), found '+'",
      "`[1e400]`| line 1, column 2: number 1e400 is too large for a double",
      "`[tru]`| line 1, column 2: expected a value (object, array, string, number, true, false or null), found 't'",
      "`[NaN]`| line 1, column 2: expected a value (object, array, string, number, true, false or null), found 'N'",
      "`{} {}`| line 1, column 4: expected the end of the text after the top-level value, found '{'",
      "`\"abc`| line 1, column 1: string is not closed before the end of the text",
      "`\"a\\x\"`| line 1, column 3: invalid escape 'x' after a backslash (expected one of \" \\ / b f n r t u)",
      "`\"\\u12g4\"`| line 1, column 6: \\u escape needs four hex digits, found 'g'",
      "`\"\\u12\"`| line 1, column 6: \\u escape needs four hex digits, found '\"'",
      "`\"\\u12`| line 1, column 6: \\u escape needs four hex digits, found the end of the text",
      "`\"\\ud800\"`| line 1, column 2: unpaired surrogate U+D800 in a string",
      "`\"\\ud800\\u0041\"`| line 1, column 2: unpaired surrogate U+D800 in a string",
      "`\"\\udc00\"`| line 1, column 2: unpaired surrogate U+DC00 in a string",
      "`{\"k\": 1, \"k\": 2}`| line 1, column 10: duplicate key \"k\"",
      "`[1,\n  2,\n  x]`| line 3, column 3: expected a value (object, array, string, number, true, false or null), found 'x'",
      "`// c\n1`| line 1, column 1: expected a value (object, array, string, number, true, false or null), found '/'",
  })
  void malformedTextNamesLineColumnAndWhatWasExpected(String text, String message) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertEquals(message, e.getMessage());
    assertTrue(e.line() >= 1 && e.column() >= 1);
  }

  @Test
  void rawControlCharactersBomAndUnpairedSurrogatesAreRejected() {
    assertEquals("line 1, column 3: control character U+000A in a string must be escaped",
        assertThrows(JsonException.class, () -> Json.parse("\"a\nb\"")).getMessage());
    assertEquals("line 1, column 1: expected a value (object, array, string, number, true, false or null),"
        + " found U+FEFF", assertThrows(JsonException.class, () -> Json.parse("\uFEFF{}")).getMessage());
    assertEquals("line 1, column 3: unpaired surrogate U+D83D in a string",
        assertThrows(JsonException.class, () -> Json.parse("\"a\uD83D\"")).getMessage());
    assertEquals("line 1, column 2: unpaired surrogate U+DE00 in a string",
        assertThrows(JsonException.class, () -> Json.parse("\"\uDE00\"")).getMessage());
  }

  @Test
  void escapesDecode() {
    assertEquals("\"\\/\b\f\n\r\t\u00e9\uD83D\uDE00",
        Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
    assertEquals("a\uD83D\uDE00b", Json.parse("\"a\uD83D\uDE00b\""));
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
    assertEquals("line 1, column 513: nesting deeper than 512 arrays and objects", e.getMessage());
    String ok = "[".repeat(512) + "]".repeat(512);
    assertInstanceOf(List.class, Json.parse(ok));
    String objects = "{\"a\":".repeat(600) + "1" + "}".repeat(600);
    assertThrows(JsonException.class, () -> Json.parse(objects));
  }

  @Test
  void limitsBoundStringsAndNumbers() {
    Json.Limits small = new Json.Limits(4, 5, 6);
    assertEquals("abcde", Json.parse("\"abcde\"", small));
    assertEquals("line 1, column 1: string longer than 5 chars",
        assertThrows(JsonException.class, () -> Json.parse("\"abcdef\"", small)).getMessage());
    assertEquals("line 1, column 1: string longer than 5 chars",
        assertThrows(JsonException.class, () -> Json.parse("\"\\n\\n\\n\\n\\n\\n\"", small)).getMessage());
    assertEquals("line 1, column 2: string longer than 5 chars",
        assertThrows(JsonException.class, () -> Json.parse("{\"abcdef\": 1}", small)).getMessage());
    assertEquals(123456L, Json.parse("123456", small));
    assertEquals("line 1, column 1: number longer than 6 chars",
        assertThrows(JsonException.class, () -> Json.parse("1234567", small)).getMessage());
    String longNumber = "0." + "1".repeat(5000);
    assertThrows(JsonException.class, () -> Json.parse(longNumber));
    assertThrows(IllegalArgumentException.class, () -> new Json.Limits(0, 1, 1));
  }

  @Test
  void largeInputsParseInLinearTime() {
    // Guards against accidental quadratic behaviour: each input is a few MB, a linear parse takes
    // well under a second, a quadratic one would take hours.
    int n = 500_000;
    String numbers = "[" + "1.5,".repeat(n) + "1]";
    String escapes = "\"" + "\\n".repeat(2 * n) + "\"";
    StringBuilder keys = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      keys.append("\"k").append(i).append("\":").append(i).append(',');
    }
    keys.append("\"end\":0}");
    String lines = "[" + "\n".repeat(n) + "x]";
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertEquals(n + 1, ((List<?>) Json.parse(numbers)).size());
      assertEquals(2 * n, ((String) Json.parse(escapes)).length());
      assertEquals(n + 1, ((Map<?, ?>) Json.parse(keys)).size());
      assertEquals(n + 1, assertThrows(JsonException.class, () -> Json.parse(lines)).line());
    });
  }

  @Test
  void writesCompactAndPretty() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "lstm \"1\"\n");
    m.put("shape", new int[] {2, 3});
    m.put("lr", 1e-3);
    m.put("steps", 10L);
    m.put("w", List.of(1.0, -0.0, 0.1f));
    m.put("empty", Map.of());
    m.put("none", new double[0]);
    m.put("ok", true);
    m.put("nothing", null);
    assertEquals("{\"name\":\"lstm \\\"1\\\"\\n\",\"shape\":[2,3],\"lr\":0.001,\"steps\":10,\"w\":[1.0,-0.0,0.1],"
        + "\"empty\":{},\"none\":[],\"ok\":true,\"nothing\":null}", Json.write(m));
    assertEquals("""
        {
          "name": "lstm \\"1\\"\\n",
          "shape": [
            2,
            3
          ],
          "lr": 0.001,
          "steps": 10,
          "w": [
            1.0,
            -0.0,
            0.1
          ],
          "empty": {},
          "none": [],
          "ok": true,
          "nothing": null
        }""", Json.writePretty(m));
    assertEquals("\"\\u0001\\u001f\u007f\u00e9\uD83D\uDE00\"", Json.write("\u0001\u001f\u007f\u00e9\uD83D\uDE00"));
  }

  @Test
  void writeErrorsNameThePath() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", List.of(Map.of("w", new double[] {1, Double.NaN})));
    assertEquals("$.layers[0].w[1]: NaN cannot be written (JSON has no NaN or Infinity)",
        assertThrows(JsonException.class, () -> Json.write(m)).getMessage());
    assertEquals("$[\"a b\"]: -Infinity cannot be written (JSON has no NaN or Infinity)",
        assertThrows(JsonException.class, () -> Json.write(Map.of("a b", Float.NEGATIVE_INFINITY))).getMessage());
    assertEquals("$: key 1 is a java.lang.Integer, not a String",
        assertThrows(JsonException.class, () -> Json.write(Map.of(1, 2))).getMessage());
    assertEquals("$[0]: cannot write a java.lang.Object as JSON",
        assertThrows(JsonException.class, () -> Json.write(List.of(new Object()))).getMessage());
    assertEquals("$: string \"a\\ud800\" is not valid Unicode (unpaired surrogate)",
        assertThrows(JsonException.class, () -> Json.write("a\uD800")).getMessage());
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertTrue(assertThrows(JsonException.class, () -> Json.write(cycle)).getMessage()
        .endsWith("nesting deeper than 512 (does a collection contain itself?)"));
  }

  @Test
  void readsUtf8FilesStrictly(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.json");
    Files.writeString(good, "{\"caf\u00e9\": [1]}", StandardCharsets.UTF_8);
    assertEquals(Map.of("caf\u00e9", List.of(1L)), Json.read(good));
    Path bad = dir.resolve("bad.json");
    Files.write(bad, new byte[] {'"', 'a', (byte) 0xC3, '"'});
    assertEquals(bad + ": invalid UTF-8 at byte 2",
        assertThrows(JsonException.class, () -> Json.read(bad)).getMessage());
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n}}");
    assertEquals(broken + ": line 2, column 2: expected the end of the text after the top-level value, found '}'",
        assertThrows(JsonException.class, () -> Json.read(broken)).getMessage());
  }
}
