package dev.eddy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines for every command: an unknown option, a negative or zero size, a value of the
 * wrong type, a missing file and a malformed file each end the run with ONE line on stderr that names
 * the option or file and what is wrong with it, a non-zero status, and no stack trace or usage screen.
 * {@code {dir}} in an argument is the folder of the test files.
 */
class CommandLineErrorCatalogueTest {
  @TempDir static Path dir;

  @BeforeAll
  static void files() throws IOException {
    Files.write(dir.resolve("garbage.safetensors"), new byte[] {9, 0, 0, 0, 0, 0, 0, 0, '{', '"', 'x'});
    Files.writeString(dir.resolve("garbage.json"), "{\"format\": \"pytorch-rnn-golden-v1\", ");
    Files.write(dir.resolve("latin1.csv"), new byte[] {'t', ',', 'y', '\n', '1', ',', (byte) 0xE9, '\n'});
    Files.writeString(dir.resolve("words.csv"), "t,load\n1,high\n2,low\n");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // the command itself
        bad(2, "Unmatched argument at index 0: 'frobnicate'", "frobnicate"),
        bad(2, "Unknown option: '--frobnicate'", "--frobnicate"),
        // inspect
        bad(2, "Unknown option: '--all'", "inspect", "--all", "{dir}/garbage.safetensors"),
        bad(2, "Missing required parameter: 'FILE'", "inspect"),
        bad(2, "eddy inspect: {dir}/none.safetensors: no such file", "inspect", "{dir}/none.safetensors"),
        bad(2, "eddy inspect: {dir}/garbage.safetensors: header length 9 runs past the end of the file (11 bytes)",
            "inspect", "{dir}/garbage.safetensors"),
        bad(2, "eddy inspect: {dir}: ", "inspect", "{dir}"), // the reason is the OS's ("Is a directory")
        // golden
        bad(2, "--tolerance must be positive, got -1.0", "golden", "--tolerance", "-1", "{dir}/garbage.json"),
        bad(2, "Invalid value for option '--tolerance': 'tight' is not a double", "golden", "--tolerance", "tight",
            "{dir}/garbage.json"),
        bad(2, "--dtype must be f64 or f32, got 'f16'", "golden", "--dtype", "f16", "{dir}/garbage.json"),
        // golden reports each case on stdout (FAIL and why) and the count on stderr
        bad(1, "0 of 1 cases passed", "golden", "{dir}/none.json"),
        bad(1, "0 of 1 cases passed", "golden", "{dir}/garbage.json"),
        // forecast
        bad(2, "--hidden must be at least 1, got -3", "forecast", "--hidden", "-3"),
        bad(2, "--window must be at least 1, got 0", "forecast", "--window", "0"),
        bad(2, "Invalid value for option '--epochs': 'many' is not an int", "forecast", "--epochs", "many"),
        bad(2, "--lr must be a positive number, got -0.1", "forecast", "--lr", "-0.1"),
        bad(2, "Unknown options: '--hiden', '8'; did you mean --hidden?", "forecast", "--hiden", "8"),
        bad(2, "eddy forecast: {dir}/none.csv: no such file", "forecast", "--csv", "{dir}/none.csv", "--column", "y"),
        bad(2, "eddy forecast: {dir}/latin1.csv: not UTF-8 text", "forecast", "--csv", "{dir}/latin1.csv",
            "--column", "y"),
        bad(2, "eddy forecast: {dir}/words.csv line 2: column 'load' holds 'high', not a finite number", "forecast",
            "--csv", "{dir}/words.csv", "--column", "load"),
        // classify
        bad(2, "--hidden must be at least 1, got -1", "classify", "--hidden", "-1"),
        bad(2, "--batch must be at least 1, got 0", "classify", "--batch", "0"),
        bad(2, "--markers must be at least 1, got -2", "classify", "--markers", "-2"),
        bad(2, "--models: unknown model 'transformer'", "classify", "--models", "lstm,transformer"),
        bad(2, "Unknown options: '--layers', '2'", "classify", "--layers", "2"),
        // gradients
        bad(2, "--hidden must be at least 1, got -4", "gradients", "--hidden", "-4"),
        bad(2, "--lr must be a positive number, got 0.0", "gradients", "--lr", "0"),
        bad(2, "Invalid value for option '--radii' (RHO): 'big' is not a double", "gradients", "--radii", "0.5,big"),
        // scratch
        bad(2, "--steps must be at least 1, got -1", "scratch", "--steps", "-1"),
        bad(2, "--text: no such file: {dir}/none.txt", "scratch", "--text", "{dir}/none.txt"),
        bad(2, "--text: {dir}/latin1.csv is not UTF-8 text", "scratch", "--text", "{dir}/latin1.csv"),
        // charlm
        bad(2, "--hidden must be at least 1, got -1", "charlm", "--hidden", "-1"),
        bad(2, "--dropout must be in [0, 1), got 1.5", "charlm", "--dropout", "1.5"),
        bad(2, "--text: {dir}/none.txt: no such file", "charlm", "--text", "{dir}/none.txt"),
        bad(2, "--text: {dir}/latin1.csv is not UTF-8 text", "charlm", "--text", "{dir}/latin1.csv"),
        bad(2, "--resume: {dir}/none.safetensors: no such file", "charlm", "--resume", "{dir}/none.safetensors"),
        bad(2, "--resume: {dir}/garbage.safetensors: header length 9 runs past the end of the file (11 bytes)",
            "charlm", "--resume", "{dir}/garbage.safetensors"),
        bad(2, "--checkpoint: {dir}/garbage.safetensors: header length 9 runs past the end of the file (11 bytes)",
            "charlm", "sample", "--checkpoint", "{dir}/garbage.safetensors"),
        bad(2, "--checkpoint: {dir}/words.csv: header length 3533747227269540980 is over the limit of 100000000"
            + " bytes", "charlm", "sample", "--checkpoint", "{dir}/words.csv"),
        bad(2, "Missing required option: '--checkpoint=FILE'", "charlm", "sample"),
        // mingru
        bad(2, "--hidden must be at least 1, got -8", "mingru", "--hidden", "-8"),
        bad(2, "--models: unknown model 'transformer', expected some of mingru, mingru-scan, gru, lstm", "mingru",
            "--models", "mingru,transformer"),
        bad(2, "--lr must be a positive number, got -1.0", "mingru", "--lr", "-1"),
        // adding, copy
        bad(2, "--hidden must be at least 1, got 0", "adding", "--hidden", "0"),
        bad(2, "--cell must be lstm, gru, rnn or all, got 'transformer'", "adding", "--cell", "transformer"),
        bad(2, "--T must be at least 2, got 1", "adding", "--T", "1"),
        bad(2, "--out: {dir}/words.csv is a file, not a folder", "adding", "--out", "{dir}/words.csv"),
        bad(2, "--init must be chrono or pytorch, got 'zeros'", "copy", "--init", "zeros"),
        bad(2, "--clip must be a positive number, got -1.0", "copy", "--clip", "-1"),
        bad(2, "Invalid value for option '--steps': 'many' is not an int", "copy", "--steps", "many"),
        // seq2seq
        bad(2, "--hidden must be at least 1, got 0", "seq2seq", "--hidden", "0"),
        bad(2, "--attention must be bahdanau, dot, general or concat, got 'telepathy'", "seq2seq", "--attention",
            "telepathy"),
        bad(2, "--beam must be at least 1, got -3", "seq2seq", "--beam", "-3"),
        // bench
        bad(2, "--hidden must be at least 1, got -1", "bench", "rnn", "--cell", "lstm", "--batch", "2", "--seq", "3",
            "--input", "4", "--hidden", "-1", "--mode", "train"),
        bad(2, "--cell must be lstm, gru or rnn, got 'transformer'", "bench", "rnn", "--cell", "transformer", "--batch",
            "2", "--seq", "3", "--input", "4", "--hidden", "5", "--mode", "train"),
        bad(2, "Missing required options: '--batch=<batch>', '--seq=<seq>', '--input=<input>', '--hidden=<hidden>',"
            + " '--mode=<mode>'", "bench", "rnn", "--cell", "gru"),
        bad(2, "Unmatched argument at index 1: 'everything'", "bench", "everything"),
        bad(2, "Invalid value for option '--shape' (MxNxK): shape must be MxNxK with three positive integers, e.g."
            + " 32x1024x256, got '-2x3x4'", "bench", "gemm", "--shape", "-2x3x4"),
        bad(2, "--threads must be at least 1, got -1", "bench", "gemm", "--threads", "-1", "--shape", "2x2x2"),
        bad(2, "Unknown options: '--size', '2'", "bench", "gemm", "--size", "2"),
        bad(2, "--chunk must be at least 1, got 0", "bench", "memory", "--chunk", "0"),
        bad(2, "--lengths must be at least 1, got -5", "bench", "memory", "--lengths", "100,-5"));
  }

  private static Arguments bad(int exit, String expected, String... args) {
    return Arguments.of(String.join(" ", args), exit, expected, args);
  }

  @ParameterizedTest(name = "eddy {0}")
  @MethodSource("cases")
  void oneLineOnStderrAndANonZeroStatus(String commandLine, int exit, String expected, String[] args) {
    String[] resolved = Arrays.stream(args).map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
    CommandRun run = CommandRun.of(resolved);
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + run);
    String line = lines.get(0);
    assertTrue(line.startsWith(expected.replace("{dir}", dir.toString())), "expected '" + expected + "': " + run);
    assertEquals(exit, run.exit(), run.toString());
    assertFalse(line.contains("Exception") || line.contains("\tat "), "no exception or stack trace: " + run);
    assertFalse(run.out().contains("Usage:"), "no usage screen: " + run);
    if (args[0].equals("golden") && exit == 1) {
      assertTrue(run.out().startsWith("FAIL ") && run.out().contains(resolved[1]), "the case names the file: " + run);
    }
  }
}
