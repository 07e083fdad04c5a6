package dev.eddy.examples.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generated date task: the formats, their unambiguity, the held-out split and the batches. */
class DateDataTest {

  @Test
  void everyFormatWritesTheSameDateItsOwnWay() {
    LocalDate d = LocalDate.of(2021, 3, 3);
    String[] expected = {"2021-03-03", "20210303", "2021/03/03", "3/3/21", "03/03/2021", "3.3.2021", "03.03.21",
        "March 3, 2021", "Mar 3, 2021", "3 March 2021", "3 Mar 2021", "Wed 3 Mar 2021", "Wednesday, March 3, 2021",
        "3rd of March 2021", "March 3rd, 2021", "the 3rd of march, 2021", "MARCH 3 2021", "03-Mar-2021",
        "Mar 3 '21", "Wed, 03 Mar 2021"};
    DateFormat[] formats = DateFormat.values();
    assertEquals(expected.length, formats.length);
    for (int i = 0; i < formats.length; i++) {
      assertEquals(expected[i], formats[i].render(d), formats[i].name());
    }
    assertEquals(List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"),
        List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31).stream().map(DateFormat::ordinal).toList());
  }

  @Test
  void noFormatWritesTwoDatesOfTheRangeAlikeAndEveryCharacterHasAToken() {
    for (DateFormat format : DateFormat.values()) {
      Map<String, LocalDate> seen = new HashMap<>();
      for (LocalDate d = DateCorpus.FIRST; !d.isAfter(DateCorpus.LAST); d = d.plusDays(1)) {
        String text = format.render(d);
        LocalDate before = seen.put(text, d);
        assertEquals(null, before, format + " writes " + before + " and " + d + " as \"" + text + "\"");
        CharVocabulary.SOURCE.ids(text); // throws on a character without a token
      }
    }
  }

  @Test
  void heldOutDatesNeverAppearInTraining() {
    DateCorpus corpus = new DateCorpus(11, 0.2);
    assertEquals(36525, corpus.trainingDates() + corpus.heldOutDates());
    assertEquals(7305, corpus.heldOutDates());
    Set<String> heldOut = new HashSet<>();
    for (DatePair p : corpus.heldOutSet(new SplittableRandom(1), 10_000)) {
      heldOut.add(p.target());
    }
    assertEquals(7305, heldOut.size(), "every held-out date once");
    for (DatePair p : corpus.trainingBatch(new SplittableRandom(2), 20_000)) {
      assertTrue(!heldOut.contains(p.target()), p + " is a held-out date");
    }
    assertEquals(corpus.heldOutSet(new SplittableRandom(1), 5), new DateCorpus(11, 0.2).heldOutSet(
        new SplittableRandom(1), 5), "the same seeds give the same examples");
    assertNotEquals(corpus.heldOutSet(new SplittableRandom(1), 5), new DateCorpus(12, 0.2).heldOutSet(
        new SplittableRandom(1), 5));
  }

  @Test
  void aBatchPadsSourcesAndShiftsTargetsForTeacherForcing() {
    DateBatch batch = DateBatch.of(List.of(new DatePair("3/3/21", "2021-03-03"), new DatePair("1.2.1950", "1950-02-01")));
    assertEquals(List.of(2, 8), List.of(batch.sources().ids().dim(0), batch.sources().ids().dim(1)));
    assertArrayEquals(new int[] {6, 8}, batch.sources().lengths());
    double[] ids = batch.sources().ids().toDoubleArray();
    assertEquals(CharVocabulary.SOURCE.id('3'), (int) ids[0]);
    assertEquals(CharVocabulary.PAD, (int) ids[6], "padding after the first source");
    assertEquals(11, batch.steps());
    assertEquals("<s>2021-03-03", CharVocabulary.TARGET.text(batch.decoderInputs()[0]));
    int[] firstTargets = new int[11];
    System.arraycopy(batch.targets(), 0, firstTargets, 0, 11);
    assertEquals("2021-03-03</s>", CharVocabulary.TARGET.text(firstTargets));
  }
}
