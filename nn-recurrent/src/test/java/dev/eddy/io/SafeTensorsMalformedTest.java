package dev.eddy.io;

import static dev.eddy.io.SafeTensorsFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed file gives one clear line naming what is wrong, from read and inspect alike. */
class SafeTensorsMalformedTest {
  @TempDir Path dir;

  private static final String W = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  private static Arguments header(String header, int dataBytes, String problem) {
    return Arguments.of(header, file(header, new byte[dataBytes]), problem);
  }

  private static Arguments raw(String name, byte[] bytes, String problem) {
    return Arguments.of(name, bytes, problem);
  }

  static Stream<Arguments> cases() {
    byte[] ok = file("{" + W + "}", new byte[8]);
    return Stream.of(
        raw("empty file", new byte[0], "the file is 0 bytes long, too short for the 8-byte header length"),
        raw("5 bytes", new byte[5], "the file is 5 bytes long, too short for the 8-byte header length"),
        raw("header length 2^64-1", file(-1L, new byte[0], new byte[8]),
            "header length 18446744073709551615 is over the limit of 100000000 bytes"),
        raw("header length 2^63", file(Long.MIN_VALUE, new byte[0], new byte[8]),
            "header length 9223372036854775808 is over the limit of 100000000 bytes"),
        raw("header length 10^8 + 1", file(100_000_001L, new byte[0], new byte[8]),
            "header length 100000001 is over the limit of 100000000 bytes"),
        raw("header past the end", file(1000, new byte[0], new byte[92]),
            "header length 1000 runs past the end of the file (100 bytes)"),
        raw("truncated data", java.util.Arrays.copyOf(ok, ok.length - 1),
            "header: tensor \"w\": data_offsets [0, 8] run past the end of the data area (7 bytes)"),
        raw("truncated header", java.util.Arrays.copyOf(ok, 20),
            "header length 54 runs past the end of the file (20 bytes)"),
        raw("invalid UTF-8", file(6, new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80, '"', '}'}, new byte[0]),
            "the header is not valid UTF-8: invalid UTF-8 at byte 2 of the header"),
        header("", 0, "header at line 1, column 1: the header must be a JSON object, found the end of the text"),
        header("{", 0, "header at line 1, column 2: expected a string key or '}', found the end of the text"),
        header("[]", 0, "header at line 1, column 1: the header must be a JSON object, found an array"),
        header("[".repeat(100_000), 0, "header at line 1, column 1: the header must be a JSON object, found an array"),
        header("{} x", 0, "header at line 1, column 4: expected the end of the text after the top-level value, found 'x'"),
        header("{}\0\0", 0, "header at line 1, column 3: expected the end of the text after the top-level value, found U+0000"),
        header("{\"w\":[]}", 0, "header at line 1, column 6: tensor \"w\": expected an object with dtype, shape and data_offsets, found an array"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8,
            "header at line 1, column 6: tensor \"w\": missing \"data_offsets\" (expected dtype, shape and data_offsets)"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8,
            "header at line 1, column 54: tensor \"w\": unexpected key \"x\" (expected dtype, shape and data_offsets)"),
        header("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 21: tensor \"w\": duplicate key \"dtype\""),
        header("{\"w\":{\"dtype\":\"F17\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 15: tensor \"w\": unknown dtype \"F17\""),
        header("{\"w\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 15: tensor \"w\": dtype must be a string, found a number"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 32: tensor \"w\": shape entry -1 is not an integer from 0 to 2^63 - 1"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 30: tensor \"w\": shape entry 2.0 is not an integer from 0 to 2^63 - 1"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 29: tensor \"w\": shape must be an array of integers, found a number"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[[2]],\"data_offsets\":[0,8]}}", 8,
            "header at line 1, column 30: tensor \"w\": shape must be an array of integers, found an array"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + "1,".repeat(64) + "1],\"data_offsets\":[0,4]}}", 4,
            "header at line 1, column 158: tensor \"w\": shape has more than 64 entries"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8,
            "header at line 1, column 6: tensor \"w\": data_offsets [0] must be two numbers [begin, end]"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,8]}}", 8,
            "header at line 1, column 53: tensor \"w\": data_offsets has more than 2 entries"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,18446744073709551616]}}", 8,
            "header at line 1, column 51: tensor \"w\": data_offsets entry 18446744073709551616 is not an integer from 0 to 2^63 - 1"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8,
            "header: tensor \"w\": data_offsets [8, 0]: end is before begin"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,9223372036854775807]}}", 8,
            "header: tensor \"w\": data_offsets [0, 9223372036854775807] run past the end of the data area (8 bytes)"),
        header("{" + W + ",\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
            "header: tensor \"v\": data_offsets [4, 8] overlap tensor \"w\" [0, 8]"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
            "header: tensor \"w\": data_offsets [4, 8] leave bytes 0..4 of the data area unused"),
        header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12,
            "header: tensor \"b\": data_offsets [8, 12] leave bytes 4..8 of the data area unused after tensor \"a\" [0, 4]"),
        header("{" + W + "}", 9, "header: the data area holds 9 bytes but the tensors cover only 8 (up to the end of tensor \"w\")"),
        header("{}", 3, "header: the data area holds 3 bytes but the tensors cover only 0 (there are none)"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
            "header: tensor \"w\": data_offsets [0, 8] hold 8 bytes but shape [3] of F32 needs 12"),
        header("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,0],\"data_offsets\":[0,0]}}", 0,
            "header: tensor \"w\": data_offsets [0, 0]: shape [4294967296, 4294967296, 0] has more than 2^63 elements"),
        header("{\"w\":{\"dtype\":\"F64\",\"shape\":[2305843009213693952],\"data_offsets\":[0,0]}}", 0,
            "header: tensor \"w\": data_offsets [0, 0]: shape [2305843009213693952] of F64 needs more than 2^63 bytes"),
        header("{" + W + "," + W + "}", 8, "header at line 1, column 55: duplicate tensor name \"w\""),
        header("{\"__metadata__\":{},\"__metadata__\":{}}", 0, "header at line 1, column 20: duplicate key \"__metadata__\""),
        header("{\"__metadata__\":{\"a\":1}}", 0,
            "header at line 1, column 22: __metadata__: the value of \"a\" must be a string, found a number"),
        header("{\"__metadata__\":{\"a\":\"x\",\"a\":\"y\"}}", 0, "header at line 1, column 26: __metadata__: duplicate key \"a\""),
        header("{\"__metadata__\":[\"a\"]}", 0,
            "header at line 1, column 17: __metadata__ must be an object of strings, found an array"),
        header("{\"w\\n\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
            "header: tensor \"w\\n\": data_offsets [0, 8] hold 8 bytes but shape [3] of F32 needs 12"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void malformedFilesAreOneClearError(String name, byte[] bytes, String problem) throws IOException {
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, bytes);
    SafeTensorsException read = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertEquals(problem, read.problem());
    assertEquals(file + ": " + problem, read.getMessage());
    SafeTensorsException inspect = assertThrows(SafeTensorsException.class, () -> SafeTensors.inspect(file));
    assertEquals(problem, inspect.problem());
  }
}
