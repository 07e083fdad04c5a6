package dev.eddy.examples.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Spectral radius and largest singular value on matrices whose answers are known. */
class SpectraTest {

  @Test
  void spectralRadiusOfDiagonalNilpotentAndJordanMatrices() {
    assertEquals(0.7, Spectra.spectralRadius(Tensor.of(new double[][] {{0.3, 0, 0}, {0, -0.7, 0}, {0, 0, 0.2}})), 1e-8);
    assertEquals(0, Spectra.spectralRadius(Tensor.of(new double[][] {{0, 1}, {0, 0}})));
    assertEquals(0.5, Spectra.spectralRadius(Tensor.of(new double[][] {{0.5, 1}, {0, 0.5}})), 1e-6);
  }

  @Test
  void aScaledRotationHasRadiusAndSigmaEqualToItsScale() {
    // eigenvalues 1.3 e^{±i 0.4}: a complex pair of equal modulus, where power iteration never settles
    double c = 1.3 * Math.cos(0.4), s = 1.3 * Math.sin(0.4);
    Tensor w = Tensor.of(new double[][] {{c, -s}, {s, c}});
    assertEquals(1.3, Spectra.spectralRadius(w), 1e-8);
    assertEquals(1.3, Spectra.largestSingularValue(w), 1e-12);
  }

  @Test
  void largestSingularValueOfKnownMatrices() {
    assertEquals(5, Spectra.largestSingularValue(Tensor.of(new double[][] {{3, 0}, {0, -5}})), 1e-12);
    double golden = (1 + Math.sqrt(5)) / 2; // σ_max of the shear [[1, 1], [0, 1]]
    assertEquals(golden, Spectra.largestSingularValue(Tensor.of(new double[][] {{1, 1}, {0, 1}})), 1e-12);
    assertEquals(5, Spectra.largestSingularValue(Tensor.of(new double[][] {{3, 4}})), 1e-12); // a row: its length
  }

  @Property(tries = 20)
  void drawnWeightsHaveTheRadiusAskedFor(@ForAll @IntRange(min = 2, max = 24) int hidden,
      @ForAll @DoubleRange(min = 0.1, max = 3) double radius, @ForAll long seed) {
    Tensor orthogonal = RecurrentWeights.ORTHOGONAL.draw(hidden, radius, seed);
    assertEquals(radius, Spectra.spectralRadius(orthogonal), 1e-7 * radius);
    assertEquals(radius, Spectra.largestSingularValue(orthogonal), 1e-9 * radius);
    Tensor gaussian = RecurrentWeights.GAUSSIAN.draw(hidden, radius, seed);
    assertEquals(radius, Spectra.spectralRadius(gaussian), 1e-5 * radius);
    assertTrue(Spectra.largestSingularValue(gaussian) >= radius * (1 - 1e-9), "sigma_max >= rho");
  }
}
