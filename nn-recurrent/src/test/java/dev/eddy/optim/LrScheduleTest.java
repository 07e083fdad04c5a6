package dev.eddy.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Schedules follow their closed forms; the scheduler drives the optimizer; bad settings are named. */
class LrScheduleTest {
  private static final double BASE = 0.1;

  @Test
  void stepLrDecaysEveryStepSizeSteps() {
    StepLr s = new StepLr(3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], s.lr(BASE, t), 1e-16, "step " + t);
    }
  }

  @Test
  void cosineGoesFromBaseToEtaMinAndBack() {
    CosineAnnealingLr s = new CosineAnnealingLr(10, 0.001);
    assertEquals(BASE, s.lr(BASE, 0), 1e-16);
    assertEquals((BASE + 0.001) / 2, s.lr(BASE, 5), 1e-16);
    assertEquals(0.001, s.lr(BASE, 10), 1e-16);
    assertEquals(s.lr(BASE, 7), s.lr(BASE, 13), 1e-15);
    assertEquals(BASE, s.lr(BASE, 20), 1e-16);
  }

  @Test
  void warmRestartsJumpBackAtEachRestart() {
    CosineAnnealingWarmRestarts s = new CosineAnnealingWarmRestarts(3, 2, 0.0);
    for (long restart : new long[] {0, 3, 9, 21, 45}) {
      assertEquals(BASE, s.lr(BASE, restart), 0, "restart at " + restart);
    }
    assertEquals(BASE / 2, s.lr(BASE, 3 + 3), 1e-16); // halfway through the second period, of 6 steps
    assertEquals(BASE / 2, s.lr(BASE, 9 + 6), 1e-16); // halfway through the third, of 12
    CosineAnnealingWarmRestarts constant = new CosineAnnealingWarmRestarts(4, 1, 0.01);
    assertEquals(constant.lr(BASE, 1), constant.lr(BASE, 4_000_000_001L));
    assertEquals(BASE, new CosineAnnealingWarmRestarts(1, 2, 0).lr(BASE, Long.MAX_VALUE - 1), 0.1);
  }

  /** The closed form equals PyTorch's step(): T_cur += 1; on reaching T_i, T_cur -= T_i and T_i *= T_mult. */
  @Property(tries = 200)
  void warmRestartsEqualPyTorchsIncrementalRule(@ForAll @IntRange(min = 1, max = 7) int t0,
      @ForAll @IntRange(min = 1, max = 3) int tMult) {
    CosineAnnealingWarmRestarts s = new CosineAnnealingWarmRestarts(t0, tMult, 0.002);
    long tCur = 0;
    long tI = t0;
    for (int step = 0; step < 300; step++) {
      double expected = 0.002 + (BASE - 0.002) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
      assertEquals(expected, s.lr(BASE, step), 1e-15, "step " + step);
      tCur++;
      if (tCur >= tI) {
        tCur -= tI;
        tI *= tMult;
      }
    }
  }

  @Test
  void linearWarmupThenCosine() {
    SequentialLr s = SequentialLr.warmupThen(4, 0.2, new CosineAnnealingLr(8, 0));
    double[] warmup = {0.02, 0.04, 0.06, 0.08};
    for (int t = 0; t < 4; t++) {
      assertEquals(warmup[t], s.lr(BASE, t), 1e-15, "warm-up step " + t);
    }
    for (int t = 4; t < 30; t++) {
      assertEquals(new CosineAnnealingLr(8, 0).lr(BASE, t - 4), s.lr(BASE, t), 0, "step " + t);
    }
    assertEquals(BASE, new LinearLr(0.2, 1, 4).lr(BASE, 100), 1e-16);
  }

  @Test
  void sequentialWithSeveralMilestones() {
    SequentialLr s = new SequentialLr(List.of(new LinearLr(0.5, 0.5, 1), new StepLr(1, 0.5), new LinearLr(1, 1, 1)),
        List.of(2L, 4L));
    double[] expected = {0.05, 0.05, 0.1, 0.05, 0.1, 0.1};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], s.lr(BASE, t), 1e-16, "step " + t);
    }
  }

  @Test
  void theSchedulerSetsTheOptimizersRate() {
    Adam adam = Adam.builder(List.of(Var.parameter(Tensor.zeros(DType.F32, 1)))).lr(0.01).build();
    LrScheduler scheduler = new LrScheduler(adam, new LinearLr(0.1, 1, 2));
    assertEquals(0.001, adam.lr(), 1e-18);
    assertEquals(0.01, scheduler.baseLr());
    scheduler.step();
    assertEquals(0.0055, adam.lr(), 1e-18);
    scheduler.step();
    scheduler.step();
    assertEquals(0.01, adam.lr());
    assertEquals(3, scheduler.stepCount());
    assertEquals(scheduler.lr(), adam.lr());
  }

  @Test
  void badSettingsAreNamed() {
    assertEquals("StepLr: stepSize must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new StepLr(0, 0.1)).getMessage());
    assertEquals("StepLr: gamma must be a finite number > 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> new StepLr(1, -0.5)).getMessage());
    assertEquals("CosineAnnealingLr: etaMin must be a finite number >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLr(5, -1)).getMessage());
    assertEquals("CosineAnnealingWarmRestarts: tMult must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingWarmRestarts(5, 0, 0)).getMessage());
    assertEquals("LinearLr: startFactor must be in [0, 1], got 2.0",
        assertThrows(IllegalArgumentException.class, () -> new LinearLr(2, 1, 5)).getMessage());
    assertEquals("SequentialLr: needs one milestone fewer than schedules, got 2 schedules and 2 milestones [1, 2]",
        assertThrows(IllegalArgumentException.class,
            () -> new SequentialLr(List.of(new StepLr(1, 1), new StepLr(1, 1)), List.of(1L, 2L))).getMessage());
    assertEquals("SequentialLr: milestones must be increasing and at least 1, got [3, 3]",
        assertThrows(IllegalArgumentException.class, () -> new SequentialLr(
            List.of(new StepLr(1, 1), new StepLr(1, 1), new StepLr(1, 1)), List.of(3L, 3L))).getMessage());
  }
}
