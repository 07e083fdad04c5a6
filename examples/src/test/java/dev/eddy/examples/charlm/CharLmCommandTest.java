package dev.eddy.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.examples.support.CommandRun;
import dev.eddy.io.Json;
import dev.eddy.io.SafeTensors;
import dev.eddy.io.SafeTensorsFile;
import dev.eddy.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy charlm} and {@code eddy charlm sample} end to end, in process, on a tiny text and model. */
class CharLmCommandTest {
  @TempDir Path dir;
  private Path text;

  @BeforeEach
  void writeText() throws IOException {
    // Original sentences from a seeded grammar: some structure to learn, about 4,000 characters.
    String[] subjects = {"The cell", "A layer", "Eddy", "The tape", "Each step"};
    String[] verbs = {"carries", "reads", "writes", "keeps", "sends"};
    String[] objects = {"the state.", "a gradient.", "the next value.", "its weights.", "one tensor."};
    SplittableRandom r = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 4000) {
      sb.append(subjects[r.nextInt(5)]).append(' ').append(verbs[r.nextInt(5)]).append(' ')
          .append(objects[r.nextInt(5)]).append(r.nextInt(4) == 0 ? "\n" : " ");
    }
    text = dir.resolve("tiny.txt");
    Files.writeString(text, sb);
  }

  /** A tiny 2-layer LSTM run with dropout: every random draw of a run is exercised. */
  private String[] tinyRun(String... extra) {
    List<String> args = new ArrayList<>(List.of("charlm", "--text", text.toString(), "--hidden", "12",
        "--embedding", "6", "--layers", "2", "--dropout", "0.1", "--batch", "4", "--bptt", "16", "--steps", "6",
        "--lr", "0.01", "--eval-every", "3", "--sample-every", "3", "--sample-length", "30"));
    args.addAll(Arrays.asList(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void trainsReportsAgainstTheBaselineAndWritesCheckpointsAndPlot() throws IOException {
    Path out = dir.resolve("run");
    CommandRun run = CommandRun.of(tinyRun("--out", out.toString(), "--checkpoint-every", "3", "--json"));
    assertEquals(0, run.exit(), run.toString());
    String o = run.out();
    assertTrue(o.contains("text: " + text + ": 4,0"), o);
    assertTrue(Pattern.compile("unigram baseline \\(entropy of the training text's character frequencies\\):"
        + " \\d\\.\\d{3} nats = \\d\\.\\d{3} bits/char").matcher(o).find(), o);
    assertTrue(o.contains("model: LSTM 2x12, embedding 6, dropout 0.1, "), o);
    assertTrue(o.contains("training: 6 steps of 4 streams x 16 characters (64 per step"), o);
    assertTrue(o.contains("step 0/6: validation "), o);
    Matcher eval = Pattern.compile("step 6/6: train (\\d+\\.\\d+), validation (\\d+\\.\\d+) nats = (\\d+\\.\\d+)"
        + " bits/char \\((\\d+\\.\\d+) x unigram\\)").matcher(o);
    assertTrue(eval.find(), o);
    assertEquals(Double.parseDouble(eval.group(2)) / Math.log(2), Double.parseDouble(eval.group(3)), 2e-3);
    assertTrue(o.contains("--- sample at step 3 (temperature 0.8) ---"), o);
    assertTrue(o.contains("chars/s"), o);

    Map<?, ?> json = run.json();
    assertEquals("charlm", json.get("command"));
    assertEquals(6L, json.get("steps"));
    double validation = ((Number) json.get("validation_nats")).doubleValue();
    double unigram = ((Number) json.get("unigram_nats")).doubleValue();
    assertEquals(validation / unigram, ((Number) json.get("validation_over_unigram")).doubleValue(), 1e-12);
    assertEquals(Double.parseDouble(eval.group(2)), validation, 1e-3);
    assertTrue(((Number) json.get("chars_per_s")).doubleValue() > 0);

    Path last = out.resolve("checkpoint-000006.safetensors");
    assertEquals(last.toString(), json.get("checkpoint"));
    assertTrue(Files.exists(out.resolve("checkpoint-000003.safetensors")));
    SafeTensorsFile file = SafeTensors.read(last);
    assertTrue(file.tensors().containsKey("model.rnn.weight_hh_l1"));
    assertTrue(file.tensors().containsKey("optimizer.decoder.weight.exp_avg"));
    assertTrue(file.tensors().containsKey("extra.rnn_state.1"), "the LSTM's carried c");
    Map<?, ?> progress = (Map<?, ?>) Json.parse(file.metadata().get("charlm.progress"));
    assertEquals(6L, progress.get("step"));
    assertEquals(3, ((List<?>) progress.get("history")).size());
    assertTrue(file.metadata().containsKey("lr_scheduler.step"));
    Map<?, ?> training = (Map<?, ?>) Json.parse(file.metadata().get("charlm.training"));
    assertEquals(text.toAbsolutePath().normalize().toString(), training.get("text"));

    BufferedImage plot = ImageIO.read(out.resolve("loss.png").toFile());
    assertTrue(plot.getWidth() > 200 && plot.getHeight() > 150);
  }

  @Test
  void keepsOnlyTheNewestCheckpoints() {
    Path out = dir.resolve("keep");
    CommandRun run = CommandRun.of(tinyRun("--out", out.toString(), "--checkpoint-every", "2", "--keep", "2"));
    assertEquals(0, run.exit(), run.toString());
    assertFalse(Files.exists(out.resolve("checkpoint-000002.safetensors")));
    assertTrue(Files.exists(out.resolve("checkpoint-000004.safetensors")));
    assertTrue(Files.exists(out.resolve("checkpoint-000006.safetensors")));
  }

  @Test
  void aResumedRunEndsBitwiseWhereTheUninterruptedRunEnds() throws IOException {
    Path whole = dir.resolve("whole");
    CommandRun first = CommandRun.of(tinyRun("--out", whole.toString(), "--checkpoint-every", "3"));
    assertEquals(0, first.exit(), first.err());

    Path resumed = dir.resolve("resumed");
    String middle = whole.resolve("checkpoint-000003.safetensors").toString();
    CommandRun second = CommandRun.of("charlm", "--resume", middle, "--out", resumed.toString(), "--eval-every", "3",
        "--sample-every", "3", "--sample-length", "30");
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("; resuming at step 3"), second.out());
    assertEquals(after("step 6/6: train", first.out()), after("step 6/6: train", second.out()),
        "the same evaluation and sample are printed");

    SafeTensorsFile a = SafeTensors.read(whole.resolve("checkpoint-000006.safetensors"));
    SafeTensorsFile b = SafeTensors.read(resumed.resolve("checkpoint-000006.safetensors"));
    assertEquals(a.tensors().keySet(), b.tensors().keySet());
    for (Map.Entry<String, Tensor> e : a.tensors().entrySet()) {
      assertTrue(e.getValue().bitwiseEquals(b.tensors().get(e.getKey())), e.getKey() + " differs");
    }
    for (String key : a.metadata().keySet()) {
      if (!key.equals("charlm.progress")) {
        assertEquals(a.metadata().get(key), b.metadata().get(key), key);
      }
    }
    Map<?, ?> pa = (Map<?, ?>) Json.parse(a.metadata().get("charlm.progress"));
    Map<?, ?> pb = (Map<?, ?>) Json.parse(b.metadata().get("charlm.progress"));
    for (String key : List.of("step", "position", "epoch", "characters", "history")) {
      assertEquals(pa.get(key), pb.get(key), key);
    }

    CommandRun again = CommandRun.of("charlm", "--resume", resumed.resolve("checkpoint-000006.safetensors").toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("has finished its 6 steps"), again.err());
    for (String option : List.of("--hidden", "--seed")) {
      CommandRun conflicting = CommandRun.of("charlm", "--resume", middle, option, "8");
      assertEquals(2, conflicting.exit());
      assertTrue(conflicting.err().startsWith(option + " cannot be combined with --resume"), conflicting.err());
    }
  }

  /** The text from the first occurrence of {@code marker} on. */
  private static String after(String marker, String text) {
    int at = text.indexOf(marker);
    assertTrue(at >= 0, marker + " not in " + text);
    String rest = text.substring(at);
    return rest.substring(0, rest.indexOf("done:"));
  }

  @Test
  void samplesFromACheckpointGreedilyOrSeeded() {
    Path out = dir.resolve("for-sampling");
    assertEquals(0, CommandRun.of(tinyRun("--out", out.toString())).exit());
    String checkpoint = out.resolve("checkpoint-000006.safetensors").toString();

    CommandRun greedy = sample(checkpoint, "--prime", "The cell ", "--temperature", "0", "--length", "40");
    assertEquals(0, greedy.exit(), greedy.toString());
    String line = greedy.out().substring(0, greedy.out().length() - System.lineSeparator().length());
    assertTrue(line.startsWith("The cell "), line);
    assertEquals("The cell ".length() + 40, line.codePointCount(0, line.length()));
    CommandRun greedyAgain = sample(checkpoint, "--prime", "The cell ", "--temperature", "0", "--length", "40",
        "--seed", "9");
    assertEquals(greedy.out(), greedyAgain.out(), "greedy ignores the seed");

    CommandRun warm = sample(checkpoint, "--temperature", "1.5", "--length", "60", "--seed", "1", "--json");
    CommandRun warmAgain = sample(checkpoint, "--temperature", "1.5", "--length", "60", "--seed", "1", "--json");
    CommandRun otherSeed = sample(checkpoint, "--temperature", "1.5", "--length", "60", "--seed", "2", "--json");
    assertEquals(warm.out(), warmAgain.out());
    assertNotEquals(warm.json().get("text"), otherSeed.json().get("text"));
    assertEquals("LSTM 2x12, embedding 6, dropout 0.1", warm.json().get("model"));

    CommandRun unknown = sample(checkpoint, "--prime", "The zebra");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("--prime: the prime's character 5, 'z' (U+007A), is not in the model's"
        + " vocabulary of "), unknown.err());
  }

  private static CommandRun sample(String checkpoint, String... options) {
    List<String> args = new ArrayList<>(List.of("charlm", "sample", "--checkpoint", checkpoint));
    args.addAll(Arrays.asList(options));
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void badValuesGetOneClearLineAndStatus2() throws IOException {
    String[][] cases = {
        {"--hidden", "0", "--hidden must be at least 1, got 0"},
        {"--cell", "lstn", "--cell must be lstm, gru or rnn, got 'lstn'"},
        {"--dropout", "1", "--dropout must be in [0, 1), got 1.0"},
        {"--lr", "-1", "--lr must be a positive number, got -1.0"},
        {"--schedule", "linear", "--schedule must be cosine or constant, got 'linear'"},
        {"--temperature", "-0.1", "--temperature must be a number >= 0, got -0.1"},
        {"--text", dir.resolve("missing.txt").toString(), "--text: " + dir.resolve("missing.txt") + ": no such file"},
    };
    for (String[] c : cases) {
      CommandRun run = CommandRun.of("charlm", c[0], c[1], "--out", dir.resolve("bad").toString());
      assertEquals(2, run.exit(), c[0]);
      assertEquals(c[2], run.err().lines().findFirst().orElse(""), c[0]);
    }
    Path tiny = Files.writeString(dir.resolve("three.txt"), "abc");
    CommandRun shortText = CommandRun.of("charlm", "--text", tiny.toString(), "--out", dir.resolve("bad").toString());
    assertEquals(2, shortText.exit());
    assertTrue(shortText.err().startsWith("--text " + tiny + " has 3 training characters: too few for 32 streams"),
        shortText.err());
    Path notUtf8 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
    CommandRun latin1 = CommandRun.of("charlm", "--text", notUtf8.toString());
    assertEquals("--text: " + notUtf8 + " is not UTF-8 text", latin1.err().lines().findFirst().orElse(""));
    CommandRun sample = CommandRun.of("charlm", "sample", "--checkpoint", text.toString());
    assertEquals(2, sample.exit());
    assertTrue(sample.err().startsWith("--checkpoint: " + text + ": "), sample.err());
    assertFalse(Files.exists(dir.resolve("bad")), "nothing is written for a rejected command");
  }
}
