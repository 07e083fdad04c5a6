package dev.eddy.examples.seq2seq;

import dev.eddy.autograd.Losses;
import dev.eddy.autograd.ShapeOps;
import dev.eddy.autograd.Var;
import dev.eddy.nn.Embedding;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.attention.Attention;
import dev.eddy.nn.attention.AttentionMemory;
import dev.eddy.nn.attention.AttentionOutput;
import dev.eddy.nn.attention.BahdanauAttention;
import dev.eddy.nn.attention.LuongAttention;
import dev.eddy.nn.attention.SourceMask;
import dev.eddy.nn.decode.StepDecoder;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.GruCell;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.LstmCell;
import dev.eddy.nn.recurrent.RecurrentCell;
import dev.eddy.nn.recurrent.RecurrentOutput;
import dev.eddy.nn.recurrent.RecurrentStack;
import dev.eddy.nn.recurrent.RecurrentState;
import dev.eddy.tensor.DType;
import dev.eddy.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A character-level encoder–decoder with attention for the date task.
 *
 * <p><b>Encoder</b>: source characters, embedded, run through a bidirectional GRU (or LSTM) with
 * {@code hidden} units each way and the source lengths; its outputs {@code [batch, source, 2·hidden]}
 * are the keys and values of the attention, and its two final states, joined and passed through
 * {@code tanh(bridge ·)}, start the decoder.
 *
 * <p><b>Decoder</b>: a GRU (or LSTM) cell of {@code 2·hidden} units, one target character per step,
 * in one of the two arrangements of the papers, chosen by the attention kind:
 * <ul>
 *   <li>Bahdanau: the previous decoder state is the query; the context joins the embedded previous
 *       character as the cell's input.
 *   <li>Luong (dot, general, concat): the cell's input is the embedded previous character and the
 *       previous step's attentional vector ("input feeding"); the new state is the query.
 * </ul>
 * Both then form the attentional vector {@code h̃ = tanh(combine [context; state])} and the logits
 * {@code out h̃}. Training feeds the true previous character (teacher forcing); decoding feeds the
 * model's own choice through {@link StepDecoder}, which greedy and beam search drive.
 */
final class DateTranslator extends Module implements StepDecoder<DateTranslator.DecoderState> {

  /** The decoder's state for a batch of rows: the cell's state, the last attentional vector and the encoded source. */
  record DecoderState(RecurrentState cell, Var feed, AttentionMemory memory) {}

  /** One decoder step: the logits of the next character, the attention weights used, the new state. */
  record Step(Var logits, Var weights, DecoderState state) {}

  private final Seq2SeqSettings.AttentionKind kind;
  private final int hidden;
  private final Embedding sourceEmbedding;
  private final RecurrentStack encoder;
  private final Linear bridge;
  private final Embedding targetEmbedding;
  private final RecurrentCell decoder;
  private final Attention attention;
  private final Linear combine;
  private final Linear out;

  DateTranslator(Seq2SeqSettings s) {
    this.kind = s.attention();
    this.hidden = s.hidden();
    SplittableRandom rng = new SplittableRandom(s.seed());
    int embed = s.embedding();
    int size = 2 * hidden; // decoder units = key size = context size
    sourceEmbedding = registerModule("source_embedding",
        new Embedding(CharVocabulary.SOURCE.size(), embed, DType.F32, rng));
    encoder = registerModule("encoder", s.lstm()
        ? LSTM.builder(embed, hidden).bidirectional(true).batchFirst(true).seed(rng.nextLong()).build()
        : GRU.builder(embed, hidden).bidirectional(true).batchFirst(true).seed(rng.nextLong()).build());
    bridge = registerModule("bridge", new Linear(size, size, true, DType.F32, rng));
    targetEmbedding = registerModule("target_embedding",
        new Embedding(CharVocabulary.TARGET.size(), embed, DType.F32, rng));
    decoder = registerModule("decoder", s.lstm()
        ? LstmCell.builder(embed + size, size).seed(rng.nextLong()).build()
        : GruCell.builder(embed + size, size).seed(rng.nextLong()).build());
    Module attentionModule = switch (kind) {
      case BAHDANAU -> new BahdanauAttention(size, size, hidden, DType.F32, rng);
      case DOT -> LuongAttention.builder(LuongAttention.Score.DOT, size, size).build();
      case GENERAL -> LuongAttention.builder(LuongAttention.Score.GENERAL, size, size).rng(rng).build();
      case CONCAT -> LuongAttention.builder(LuongAttention.Score.CONCAT, size, size).attentionSize(hidden).rng(rng)
          .build();
    };
    attention = (Attention) registerModule("attention", attentionModule);
    combine = registerModule("combine", new Linear(2 * size, size, true, DType.F32, rng));
    out = registerModule("out", new Linear(size, CharVocabulary.TARGET.size(), true, DType.F32, rng));
  }

  /** Encodes the sources into the decoder's first state. */
  DecoderState encode(SourceBatch sources) {
    int[] lengths = sources.lengths();
    Var embedded = sourceEmbedding.forward(sources.ids());
    RecurrentOutput encoded = encoder.forward(embedded, null, lengths);
    Var finals = encoded.hN(); // [2, batch, hidden]: forward and reverse
    Var start = bridge.forward(ShapeOps.concat(1, finals.select(0, 0), finals.select(0, 1))).tanh();
    int batch = lengths.length;
    List<Var> parts = new ArrayList<>(decoder.stateSizes().length);
    parts.add(start);
    for (int i = 1; i < decoder.stateSizes().length; i++) {
      parts.add(Var.constant(Tensor.zeros(DType.F32, batch, decoder.stateSizes()[i]))); // an LSTM's c
    }
    Var feed = Var.constant(Tensor.zeros(DType.F32, batch, 2 * hidden));
    AttentionMemory memory = attention.memory(encoded.output(), encoded.output(),
        SourceMask.fromLengths(lengths, sources.ids().dim(1)));
    return new DecoderState(RecurrentState.of(parts), feed, memory);
  }

  /** One decoder step from the previous characters {@code previous} (one per row). */
  Step step(DecoderState state, int[] previous) {
    Var embedded = targetEmbedding.forward(previous);
    RecurrentState cell;
    AttentionOutput attended;
    if (kind == Seq2SeqSettings.AttentionKind.BAHDANAU) {
      attended = state.memory().attend(state.cell().output());
      cell = decoder.step(ShapeOps.concat(1, embedded, attended.context()), state.cell());
    } else {
      cell = decoder.step(ShapeOps.concat(1, embedded, state.feed()), state.cell());
      attended = state.memory().attend(cell.output());
    }
    Var feed = combine.forward(ShapeOps.concat(1, attended.context(), cell.output())).tanh();
    return new Step(out.forward(feed), attended.weights(), new DecoderState(cell, feed, state.memory()));
  }

  /** The mean cross-entropy of the batch's targets under teacher forcing. */
  Var loss(DateBatch batch) {
    DecoderState state = encode(batch.sources());
    List<Var> logits = new ArrayList<>(batch.steps());
    for (int t = 0; t < batch.steps(); t++) {
      Step step = step(state, batch.inputsAt(t));
      logits.add(step.logits());
      state = step.state();
    }
    Var all = ShapeOps.stack(1, logits); // [batch, steps, vocabulary]
    return Losses.crossEntropy(all.reshape(batch.size() * batch.steps(), CharVocabulary.TARGET.size()),
        batch.targets());
  }

  /**
   * The attention weights over {@code source}'s characters while the decoder reads {@code output}
   * (the tokens it produced, end included): one row per output token, one column per source character.
   */
  double[][] attentionWeights(String source, int[] output) {
    DecoderState state = encode(SourceBatch.of(List.of(source)));
    double[][] rows = new double[output.length][];
    int previous = CharVocabulary.START;
    for (int t = 0; t < output.length; t++) {
      Step step = step(state, new int[] {previous});
      rows[t] = step.weights().value().toDoubleArray();
      state = step.state();
      previous = output[t];
    }
    return rows;
  }

  @Override
  public StepDecoder.Step<DecoderState> step(int[] lastTokens, DecoderState state) {
    Step step = step(state, lastTokens);
    return new StepDecoder.Step<>(step.logits().value().logSoftmax(1), step.state());
  }

  @Override
  public DecoderState select(DecoderState state, int[] rows) {
    List<Var> parts = new ArrayList<>(state.cell().size());
    for (Var part : state.cell().parts()) {
      parts.add(part.indexSelect(0, rows));
    }
    return new DecoderState(RecurrentState.of(parts), state.feed().indexSelect(0, rows),
        state.memory().indexSelect(rows));
  }
}
