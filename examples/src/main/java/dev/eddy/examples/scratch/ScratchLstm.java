package dev.eddy.examples.scratch;

import java.util.random.RandomGenerator;

/**
 * An LSTM language model written from scratch on plain arrays, with its backward pass through
 * time derived by hand. Gate order i, f, g, o as in PyTorch.
 *
 * <pre>
 *   z   = W_x x_t + W_h h_{t-1} + b                 [4H] = [i | f | g | o] pre-activations
 *   i = σ(z_i)  f = σ(z_f)  g = tanh(z_g)  o = σ(z_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g                       the additive cell path
 *   h_t = o ⊙ tanh(c_t)
 *   y_t = W_y h_t + b_y,   L = sum_t -log softmax(y_t)[target_t]
 * </pre>
 */
public final class ScratchLstm {
  public final int vocab;
  public final int hidden;
  public final double[][] wx; // [4H][V]
  public final double[][] wh; // [4H][H]
  public final double[] b; // [4H]
  public final double[][] wy; // [V][H]
  public final double[] by; // [V]

  public ScratchLstm(int vocab, int hidden, RandomGenerator rng) {
    this.vocab = vocab;
    this.hidden = hidden;
    double scale = 1 / Math.sqrt(hidden);
    wx = Arrays2.uniform(rng, 4 * hidden, vocab, scale);
    wh = Arrays2.uniform(rng, 4 * hidden, hidden, scale);
    b = new double[4 * hidden];
    wy = Arrays2.uniform(rng, vocab, hidden, scale);
    by = new double[vocab];
  }

  /** Gradients of the loss, one array per weight and initial state; and the loss itself. */
  public static final class Grads {
    public double loss;
    public final double[][] wx, wh, wy;
    public final double[] b, by, h0, c0;

    Grads(ScratchLstm m) {
      wx = new double[4 * m.hidden][m.vocab];
      wh = new double[4 * m.hidden][m.hidden];
      wy = new double[m.vocab][m.hidden];
      b = new double[4 * m.hidden];
      by = new double[m.vocab];
      h0 = new double[m.hidden];
      c0 = new double[m.hidden];
    }
  }

  /** Runs the sequence from {@code (h0, c0)} and returns the loss and all gradients. */
  public Grads lossAndGrads(int[] inputs, int[] targets, double[] h0, double[] c0) {
    int steps = inputs.length, hs = hidden;
    double[][] h = new double[steps + 1][], c = new double[steps + 1][];
    double[][] gates = new double[steps][]; // activated [i | f | g | o]
    double[][] p = new double[steps][];
    h[0] = h0.clone();
    c[0] = c0.clone();
    Grads gr = new Grads(this);
    for (int t = 0; t < steps; t++) { // forward
      double[] z = Arrays2.add(Arrays2.column(wx, inputs[t]), Arrays2.matVec(wh, h[t]), b);
      double[] a = new double[4 * hs];
      c[t + 1] = new double[hs];
      h[t + 1] = new double[hs];
      for (int j = 0; j < hs; j++) {
        a[j] = sigmoid(z[j]);
        a[hs + j] = sigmoid(z[hs + j]);
        a[2 * hs + j] = Math.tanh(z[2 * hs + j]);
        a[3 * hs + j] = sigmoid(z[3 * hs + j]);
        c[t + 1][j] = a[hs + j] * c[t][j] + a[j] * a[2 * hs + j];
        h[t + 1][j] = a[3 * hs + j] * Math.tanh(c[t + 1][j]);
      }
      gates[t] = a;
      p[t] = Arrays2.softmax(Arrays2.add(Arrays2.matVec(wy, h[t + 1]), by));
      gr.loss -= Math.log(p[t][targets[t]]);
    }
    double[] dhNext = new double[hs], dcNext = new double[hs];
    for (int t = steps - 1; t >= 0; t--) { // backward through time
      double[] dy = p[t].clone();
      dy[targets[t]] -= 1;
      Arrays2.addOuter(gr.wy, dy, h[t + 1]);
      Arrays2.addTo(gr.by, dy);
      double[] dh = Arrays2.add(Arrays2.matTVec(wy, dy), dhNext);
      double[] a = gates[t], dz = new double[4 * hs];
      double[] dc = new double[hs];
      for (int j = 0; j < hs; j++) {
        double i = a[j], f = a[hs + j], g = a[2 * hs + j], o = a[3 * hs + j];
        double tc = Math.tanh(c[t + 1][j]);
        dc[j] = dh[j] * o * (1 - tc * tc) + dcNext[j]; // two paths into c_t
        dz[j] = dc[j] * g * i * (1 - i); // through i = σ(z_i)
        dz[hs + j] = dc[j] * c[t][j] * f * (1 - f); // through f
        dz[2 * hs + j] = dc[j] * i * (1 - g * g); // through g = tanh(z_g)
        dz[3 * hs + j] = dh[j] * tc * o * (1 - o); // through o
        dcNext[j] = dc[j] * f; // the additive path: gradient scaled only by f
      }
      Arrays2.addTo(gr.b, dz);
      for (int r = 0; r < 4 * hs; r++) {
        gr.wx[r][inputs[t]] += dz[r];
      }
      Arrays2.addOuter(gr.wh, dz, h[t]);
      dhNext = Arrays2.matTVec(wh, dz);
    }
    System.arraycopy(dhNext, 0, gr.h0, 0, hs);
    System.arraycopy(dcNext, 0, gr.c0, 0, hs);
    return gr;
  }

  /** One plain gradient-descent step. */
  public void sgd(Grads g, double lr) {
    Arrays2.step(wx, g.wx, lr);
    Arrays2.step(wh, g.wh, lr);
    Arrays2.step(wy, g.wy, lr);
    Arrays2.step(b, g.b, lr);
    Arrays2.step(by, g.by, lr);
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
