package dev.eddy.examples.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Tape;
import dev.eddy.autograd.Var;
import dev.eddy.examples.seq2seq.Seq2SeqSettings.AttentionKind;
import dev.eddy.optim.Adam;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The translator's decoding: beam search of width 1 is greedy, and the heat map's weights are the decoder's. */
class DateTranslatorTest {

  private static DateTranslator model(AttentionKind kind, boolean lstm) {
    return new DateTranslator(new Seq2SeqSettings(kind, lstm, 6, 5, 1, 1, 1e-3, 1, 1, 7));
  }

  private static List<DatePair> examples(int count) {
    return new DateCorpus(3, 0.2).heldOutSet(new SplittableRandom(5), count);
  }

  @Test
  void beamSearchOfWidthOneEqualsGreedyForEveryAttentionKind() {
    List<DatePair> pairs = examples(40);
    for (AttentionKind kind : AttentionKind.values()) {
      boolean lstm = kind.ordinal() % 2 == 1; // both cells, both decoder arrangements
      DateTranslator model = model(kind, lstm);
      train(model, 40); // until the outputs vary with the input
      Translations greedy = Translations.decode(model, pairs, 0);
      Translations beam = Translations.decode(model, pairs, 1);
      assertTrue(greedy.texts().stream().distinct().count() > 5, kind + ": " + greedy.texts());
      for (int i = 0; i < pairs.size(); i++) {
        assertArrayEquals(greedy.outputs().get(i), beam.outputs().get(i), kind + " lstm=" + lstm + " example " + i);
      }
    }
  }

  @Test
  void aBeamSearchedBatchDecodesAsEachExampleAlone() {
    List<DatePair> pairs = examples(6);
    DateTranslator model = model(AttentionKind.GENERAL, true); // every part of the state: h, c, feed, memory
    train(model, 40);
    Translations together = Translations.decode(model, pairs, 3);
    for (int i = 0; i < pairs.size(); i++) {
      assertArrayEquals(Translations.decode(model, pairs.subList(i, i + 1), 3).outputs().get(0),
          together.outputs().get(i), "example " + i);
    }
  }

  private static void train(DateTranslator model, int steps) {
    Adam adam = Adam.builder(model.namedParameters()).lr(0.02).build();
    DateCorpus corpus = new DateCorpus(3, 0.2);
    SplittableRandom rng = new SplittableRandom(9);
    for (int step = 0; step < steps; step++) {
      try (Tape tape = Tape.open()) {
        tape.backward(model.loss(DateBatch.of(corpus.trainingBatch(rng, 32))));
      }
      adam.step();
      adam.zeroGrad();
    }
  }

  @Test
  void theHeatMapShowsTheWeightsOfEachDecoderStepOverTheRealCharacters() {
    DateTranslator model = model(AttentionKind.GENERAL, false);
    String source = "3rd of March 2021";
    int[] output = CharVocabulary.TARGET.ids("2021-03-03");
    double[][] weights = model.attentionWeights(source, output);
    assertEquals(output.length, weights.length);
    for (double[] row : weights) {
      assertEquals(source.length(), row.length);
      double sum = 0;
      for (double w : row) {
        assertTrue(w >= 0);
        sum += w;
      }
      assertEquals(1, sum, 1e-5);
    }
  }

  @Test
  void theLossFallsWhenTrainedOnABatch() {
    DateTranslator model = model(AttentionKind.BAHDANAU, false);
    DateBatch batch = DateBatch.of(examples(16));
    double before = model.loss(batch).item();
    train(model, 5);
    double after = model.loss(batch).item();
    assertTrue(after < before, before + " -> " + after);
    Var untrainedLoss = model(AttentionKind.BAHDANAU, false).loss(batch);
    assertEquals(Math.log(CharVocabulary.TARGET.size()), untrainedLoss.item(), 0.5, "near uniform at the start");
  }
}
