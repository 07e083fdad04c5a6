package dev.eddy.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.io.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vocabulary, the corpus split and baseline, and the parallel streams of a charlm run. */
class CharLmPiecesTest {

  @Test
  void vocabularyIsTheTrainingCodePointsInOrderWithUnknownAsZero() {
    Vocabulary v = Vocabulary.of("bab\uD83D\uDE00a"); // an emoji is one character, not two surrogates
    assertEquals(List.of("a", "b", "\uD83D\uDE00"), v.symbols());
    assertEquals(4, v.size());
    assertArrayEquals(new int[] {2, 1, 0, 3}, v.encode("baz\uD83D\uDE00"));
    assertEquals("\uFFFD", v.symbol(Vocabulary.UNKNOWN));
    assertEquals("\uD83D\uDE00", v.symbol(3));
    assertEquals(v.symbols(), Vocabulary.fromSymbols(v.symbols()).symbols());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vocabulary.fromSymbols(List.of("b", "a")));
    assertEquals("vocabulary: symbols must be distinct and in code point order, but 'a' (U+0061) follows"
        + " 'b' (U+0062)", e.getMessage());
  }

  @Test
  void eachDocumentGivesItsLastTenthToValidation() {
    Corpus c = Corpus.of("two documents", List.of("aaaaaaaaab", "ccccccccccccccccccdd"));
    Vocabulary v = c.vocabulary();
    assertEquals(List.of("a", "c"), v.symbols(), "the vocabulary comes from the training parts only");
    assertArrayEquals(v.encode("aaaaaaaaa" + "c".repeat(18)), c.train());
    assertArrayEquals(new int[] {Vocabulary.UNKNOWN, Vocabulary.UNKNOWN, Vocabulary.UNKNOWN}, c.validation());
    assertEquals(30, c.length());
    // training frequencies 9/27 and 18/27
    double expected = -(1 / 3.0 * Math.log(1 / 3.0) + 2 / 3.0 * Math.log(2 / 3.0));
    assertEquals(expected, c.unigramEntropy(), 1e-12);
    assertEquals(1.0, Bits.of(Math.log(2)), 1e-15);
  }

  @Test
  void theBuiltInCorpusIsTheProjectsDocumentationAndLargeEnough() throws IOException {
    Corpus c = Corpus.builtin();
    assertTrue(c.description().startsWith("built-in corpus (the project's documentation, "), c.description());
    assertTrue(c.length() >= 50_000, "only " + c.length() + " characters");
    assertTrue(c.unigramEntropy() > 2 && c.unigramEntropy() < 5, "unigram entropy " + c.unigramEntropy());
    assertEquals(c.sha256(), Corpus.builtin().sha256(), "the same text every time");
  }

  @Test
  void consecutiveChunksContinueEveryStream() {
    int[] ids = new int[23];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    TextStreams s = new TextStreams(ids, 3); // streams 0..6, 7..13, 14..20; 21 and 22 dropped
    assertEquals(7, s.length());
    assertEquals(6, s.positions());
    TextStreams.Chunk first = s.chunk(0, 4);
    assertEquals(4, first.steps());
    assertArrayEquals(new float[] {0, 7, 14, 1, 8, 15, 2, 9, 16, 3, 10, 17}, first.inputs().f32());
    assertArrayEquals(new int[] {1, 8, 15, 2, 9, 16, 3, 10, 17, 4, 11, 18}, first.targets());
    TextStreams.Chunk rest = s.chunk(4, 4); // only 2 steps left: the last target is the stream's last id
    assertEquals(2, rest.steps());
    assertArrayEquals(new float[] {4, 11, 18, 5, 12, 19}, rest.inputs().f32());
    assertArrayEquals(new int[] {5, 12, 19, 6, 13, 20}, rest.targets());
    assertEquals(6, rest.characters());
    assertThrows(IllegalArgumentException.class, () -> s.chunk(6, 1));
    assertThrows(IllegalArgumentException.class, () -> new TextStreams(new int[5], 3));
  }

  @Test
  void settingsAndProgressRoundTripThroughJson() {
    TrainingSettings settings = new TrainingSettings("builtin", "ab12", 32, 64, 1500, 0.002, 1.0, true, -7);
    assertEquals(settings, TrainingSettings.fromJson(viaText(settings.toJson())));
    CharLmConfig config = new CharLmConfig(CharLmConfig.Cell.GRU, 2, 128, 32, 0.25, 97);
    assertEquals(config, CharLmConfig.fromJson(viaText(config.toJson())));
    Progress progress = new Progress(200, 64, 3, 409_600, 12.5,
        List.of(new Progress.Evaluation(0, Double.NaN, 4.5), new Progress.Evaluation(100, 2.5, 2.25)), 3.5, 2);
    Progress back = Progress.fromJson(viaText(progress.toJson()));
    assertEquals(progress, back);
    assertFalse(back.history().isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CharLmConfig.fromJson(Map.of("cell", "lstm")));
    assertEquals("missing 'layers'", e.getMessage());
  }

  /** The map as a checkpoint stores and reads it: written as JSON text, parsed back. */
  private static Map<?, ?> viaText(Map<String, Object> m) {
    return JsonValues.object(Json.write(m), "test");
  }
}
