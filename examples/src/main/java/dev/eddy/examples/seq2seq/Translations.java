package dev.eddy.examples.seq2seq;

import dev.eddy.nn.decode.Hypothesis;
import dev.eddy.nn.decode.SequenceSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model makes of held-out examples, decoded greedily or by beam search, and how often that is
 * exactly the ISO date.
 *
 * @param outputs the decoded tokens of each example, end token included when reached
 * @param texts the decoded text of each example, without the end token
 */
record Translations(List<int[]> outputs, List<String> texts) {
  /** Examples decoded together: greedy and beam search run this many sources as one batch. */
  static final int CHUNK = 250;

  /** Decodes every source of {@code pairs}: greedy when {@code beam} is 0, else beam search of that width. */
  static Translations decode(DateTranslator model, List<DatePair> pairs, int beam) {
    SequenceSearch search = new SequenceSearch(CharVocabulary.START, CharVocabulary.END, DateCorpus.TARGET_LENGTH + 1);
    List<int[]> outputs = new ArrayList<>(pairs.size());
    List<String> texts = new ArrayList<>(pairs.size());
    for (int from = 0; from < pairs.size(); from += CHUNK) {
      List<DatePair> chunk = pairs.subList(from, Math.min(pairs.size(), from + CHUNK));
      DateTranslator.DecoderState start = model.encode(SourceBatch.of(chunk.stream().map(DatePair::source).toList()));
      List<Hypothesis> best = beam == 0
          ? search.greedy(model, start, chunk.size())
          : search.beam(model, start, chunk.size(), beam);
      for (Hypothesis h : best) {
        outputs.add(h.tokens());
        texts.add(CharVocabulary.TARGET.text(h.content()));
      }
    }
    return new Translations(outputs, texts);
  }

  /** How many decoded texts equal their target exactly. */
  int exactMatches(List<DatePair> pairs) {
    int n = 0;
    for (int i = 0; i < pairs.size(); i++) {
      n += texts.get(i).equals(pairs.get(i).target()) ? 1 : 0;
    }
    return n;
  }
}
