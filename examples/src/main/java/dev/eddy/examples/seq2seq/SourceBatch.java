package dev.eddy.examples.seq2seq;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.List;

/**
 * Source texts as the encoder takes them.
 *
 * @param ids {@code [batch, source]} character ids, padded with id 0 to the longest text
 * @param lengths the length of each text
 */
record SourceBatch(Tensor ids, int[] lengths) {

  static SourceBatch of(List<String> texts) {
    int batch = texts.size();
    int[] lengths = new int[batch];
    int longest = 1;
    for (int b = 0; b < batch; b++) {
      lengths[b] = texts.get(b).length();
      longest = Math.max(longest, lengths[b]);
    }
    double[] ids = new double[batch * longest];
    for (int b = 0; b < batch; b++) {
      int[] row = CharVocabulary.SOURCE.ids(texts.get(b));
      for (int t = 0; t < row.length; t++) {
        ids[b * longest + t] = row[t];
      }
    }
    return new SourceBatch(Tensor.wrap(ids, batch, longest).to(DType.F32), lengths);
  }

  int size() {
    return lengths.length;
  }
}
