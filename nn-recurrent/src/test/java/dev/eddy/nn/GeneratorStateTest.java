package dev.eddy.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.autograd.Var;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Dropout draws from generators whose position a checkpoint can record and restore. */
class GeneratorStateTest {

  /** Dropout on the input, a 2-layer GRU with dropout between its layers. */
  static final class Noisy extends Module {
    final Dropout input = registerModule("input", new Dropout(0.5, 3));
    final GRU gru = registerModule("gru", GRU.builder(4, 6).numLayers(2).dropout(0.5).seed(4).build());

    Tensor forward(Tensor x) {
      return gru.forward(input.forward(Var.constant(x))).output().value();
    }
  }

  private static final Tensor X = Tensor.normal(new SplittableRandom(1), DType.F32, 0, 1, 5, 3, 4);

  @Property(tries = 50)
  void splitMix64DrawsWhatSplittableRandomDraws(@ForAll long seed) {
    SplitMix64 ours = new SplitMix64(seed);
    SplittableRandom jdk = new SplittableRandom(seed);
    for (int i = 0; i < 20; i++) {
      assertEquals(jdk.nextLong(), ours.nextLong());
      assertEquals(jdk.nextInt(), ours.nextInt());
      assertEquals(jdk.nextDouble(), ours.nextDouble());
      assertEquals(jdk.nextInt(1, 1000), ours.nextInt(1, 1000));
    }
  }

  @Test
  void statesAreNamedLikeParametersAndRestoringThemRepeatsTheMasks() {
    Noisy m = new Noisy();
    assertEquals(List.of("input.generator", "gru.dropout"), List.copyOf(m.generatorStates().keySet()));
    m.forward(X);
    Map<String, Long> saved = m.generatorStates();
    Tensor next = m.forward(X);
    Tensor after = m.forward(X);
    assertTrue(!next.bitwiseEquals(after), "each forward draws new masks");

    Noisy resumed = new Noisy();
    resumed.loadGeneratorStates(saved);
    assertTrue(next.bitwiseEquals(resumed.forward(X)), "the resumed module draws the masks the original drew");
    assertTrue(after.bitwiseEquals(resumed.forward(X)));
    assertEquals(m.generatorStates(), resumed.generatorStates());
  }

  @Test
  void statesOfAnotherStructureAreRefusedAndChangeNothing() {
    Noisy m = new Noisy();
    Map<String, Long> before = m.generatorStates();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.loadGeneratorStates(Map.of("input.generator", 5L, "decoder.dropout", 6L)));
    assertEquals("Noisy.loadGeneratorStates: missing [gru.dropout], unexpected [decoder.dropout]; this module's"
        + " generators are [input.generator, gru.dropout]", e.getMessage());
    assertEquals(before, m.generatorStates());
  }
}
