package dev.eddy.examples.seq2seq;

import java.util.List;

/**
 * Examples as the model trains on them: the sources, and for teacher forcing the decoder's input at
 * each step (start, then the target's characters) and the token it should predict there (the
 * target's characters, then end).
 *
 * @param sources the encoder's input
 * @param decoderInputs {@code [batch][steps]}
 * @param targets {@code [batch * steps]}, row-major: what the logits {@code [batch * steps, vocabulary]} should pick
 */
record DateBatch(SourceBatch sources, int[][] decoderInputs, int[] targets) {

  static DateBatch of(List<DatePair> pairs) {
    int batch = pairs.size();
    int steps = DateCorpus.TARGET_LENGTH + 1;
    int[][] inputs = new int[batch][steps];
    int[] targets = new int[batch * steps];
    for (int b = 0; b < batch; b++) {
      int[] target = CharVocabulary.TARGET.ids(pairs.get(b).target());
      inputs[b][0] = CharVocabulary.START;
      System.arraycopy(target, 0, inputs[b], 1, steps - 1);
      System.arraycopy(target, 0, targets, b * steps, steps - 1);
      targets[b * steps + steps - 1] = CharVocabulary.END;
    }
    return new DateBatch(SourceBatch.of(pairs.stream().map(DatePair::source).toList()), inputs, targets);
  }

  int size() {
    return decoderInputs.length;
  }

  /** Decoder steps per example: the target's characters and the end token. */
  int steps() {
    return DateCorpus.TARGET_LENGTH + 1;
  }

  /** The decoder inputs of step {@code t}, one per example. */
  int[] inputsAt(int t) {
    int[] out = new int[size()];
    for (int b = 0; b < out.length; b++) {
      out[b] = decoderInputs[b][t];
    }
    return out;
  }
}
