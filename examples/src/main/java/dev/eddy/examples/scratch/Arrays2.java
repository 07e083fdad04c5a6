package dev.eddy.examples.scratch;

import java.util.random.RandomGenerator;

/** The few vector and matrix helpers the from-scratch models need, on plain arrays. */
final class Arrays2 {
  private Arrays2() {}

  static double[][] uniform(RandomGenerator rng, int rows, int cols, double scale) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextDouble(-scale, scale);
      }
    }
    return m;
  }

  /** {@code m v}. */
  static double[] matVec(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      double s = 0;
      for (int j = 0; j < v.length; j++) {
        s += m[i][j] * v[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** {@code mᵀ v}. */
  static double[] matTVec(double[][] m, double[] v) {
    double[] out = new double[m[0].length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < out.length; j++) {
        out[j] += m[i][j] * v[i];
      }
    }
    return out;
  }

  /** Column {@code j} of {@code m}: the product of m with a one-hot vector. */
  static double[] column(double[][] m, int j) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i][j];
    }
    return out;
  }

  static double[] add(double[]... vs) {
    double[] out = vs[0].clone();
    for (int k = 1; k < vs.length; k++) {
      addTo(out, vs[k]);
    }
    return out;
  }

  static void addTo(double[] acc, double[] v) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += v[i];
    }
  }

  /** {@code acc += u vᵀ}. */
  static void addOuter(double[][] acc, double[] u, double[] v) {
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        acc[i][j] += u[i] * v[j];
      }
    }
  }

  static double[] tanh(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.tanh(v[i]);
    }
    return out;
  }

  static double[] softmax(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double[] out = new double[v.length];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.exp(v[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < v.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  static void step(double[][] w, double[][] g, double lr) {
    for (int i = 0; i < w.length; i++) {
      step(w[i], g[i], lr);
    }
  }

  static void step(double[] w, double[] g, double lr) {
    for (int i = 0; i < w.length; i++) {
      w[i] -= lr * g[i];
    }
  }
}
