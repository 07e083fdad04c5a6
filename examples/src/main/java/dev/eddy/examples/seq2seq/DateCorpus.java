package dev.eddy.examples.seq2seq;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generated data of the date task: every day from 1950-01-01 to 2049-12-31, split once (seeded)
 * into training dates and held-out dates, so a held-out example is a date the model never saw in any
 * format. An example is a date written in a random {@link DateFormat}, with its ISO form as target.
 */
final class DateCorpus {
  static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
  static final LocalDate LAST = LocalDate.of(2049, 12, 31);
  /** The length of every target, {@code yyyy-mm-dd}. */
  static final int TARGET_LENGTH = 10;

  private final List<LocalDate> training;
  private final List<LocalDate> heldOut;

  /** Shuffles all dates with {@code seed} and holds out {@code heldOutFraction} of them. */
  DateCorpus(long seed, double heldOutFraction) {
    int days = (int) ChronoUnit.DAYS.between(FIRST, LAST) + 1;
    List<LocalDate> all = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      all.add(FIRST.plusDays(i));
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = days - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      LocalDate t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    int held = (int) Math.round(days * heldOutFraction);
    this.heldOut = List.copyOf(all.subList(0, held));
    this.training = List.copyOf(all.subList(held, days));
  }

  /** {@code count} fresh training examples: random training dates in random formats. */
  List<DatePair> trainingBatch(SplittableRandom rng, int count) {
    List<DatePair> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(example(training.get(rng.nextInt(training.size())), rng));
    }
    return out;
  }

  /** The first {@code count} held-out dates (at most all of them), each in a random format. */
  List<DatePair> heldOutSet(SplittableRandom rng, int count) {
    List<DatePair> out = new ArrayList<>(count);
    for (int i = 0; i < Math.min(count, heldOut.size()); i++) {
      out.add(example(heldOut.get(i), rng));
    }
    return out;
  }

  int trainingDates() {
    return training.size();
  }

  int heldOutDates() {
    return heldOut.size();
  }

  static DatePair example(LocalDate date, SplittableRandom rng) {
    DateFormat[] formats = DateFormat.values();
    return new DatePair(formats[rng.nextInt(formats.length)].render(date), DateFormat.ISO.render(date));
  }
}
