package dev.eddy.nn.recurrent;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * The long form of the gradient and padded-batch properties (run with -Pslow): larger layers (sizes
 * up to 6, three layers), longer sequences and many more tries. GradCheck goes along random directions
 * here, so the cost per case stays a few hundred forward passes.
 */
@Tag("slow")
class RecurrentSweepsTest {

  @Property(tries = 600)
  void layerGradientsMatchFiniteDifferences(@ForAll(supplier = LayerConfig.Larger.class) LayerConfig config,
      @ForAll @IntRange(min = 1, max = 9) int time, @ForAll @IntRange(min = 1, max = 5) int batch,
      @ForAll boolean padded, @ForAll boolean fastPath, @ForAll long dataSeed) {
    RecurrentGradientPropertiesTest.checkLayer(config, time, batch, padded, fastPath, dataSeed, 6);
  }

  @Property(tries = 1000)
  void paddedBatchEqualsEachSequenceAlone(@ForAll(supplier = LayerConfig.Larger.class) LayerConfig config,
      @ForAll @IntRange(min = 1, max = 12) int time, @ForAll @IntRange(min = 1, max = 6) int batch,
      @ForAll boolean fastPath, @ForAll long dataSeed) {
    PaddedBatchPropertiesTest.checkAgainstSequencesAlone(config, time, batch, fastPath, dataSeed);
  }
}
