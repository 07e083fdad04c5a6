package dev.eddy.autograd;

import dev.eddy.tensor.DType;
import dev.eddy.tensor.Shape;
import dev.eddy.tensor.Tensor;
import java.util.List;

/**
 * A value in a differentiable computation: a {@link Tensor}, the gradient accumulated for it, and the
 * recorded op that produced it.
 *
 * <p><b>Kinds.</b> A <em>parameter</em> ({@link #parameter}) is a leaf that requires a gradient: a
 * backward pass adds into its {@link #grad()}. A <em>constant</em> ({@link #constant}) is a leaf that
 * does not. The result of an op recorded on an open {@link Tape} requires a gradient and remembers
 * its op; the result of an op run with no tape open (or on constants only) is a constant.
 * {@link #detach()} gives a constant with the same value, cutting history (truncated BPTT).
 *
 * <p><b>Ops.</b> The instance methods ({@code x.matmul(w).add(b).tanh()}) delegate to the op
 * families {@link ElementwiseOps}, {@link UnaryOps}, {@link ReductionOps}, {@link ShapeOps},
 * {@link MatMulOps}, {@link IndexOps}, {@link NnOps} and {@link Losses}, whose documentation gives
 * shapes and broadcasting rules.
 *
 * <p>A Var is not thread-safe; a parameter may be read by many threads while nobody updates it.
 */
public final class Var {
  private Tensor value;
  private Tensor grad;
  private final boolean requiresGrad;
  private String name;
  private final Record producer;
  private final int outputIndex;

  private Var(Tensor value, boolean requiresGrad, Record producer, int outputIndex) {
    if (value == null) {
      throw new NullPointerException("Var: value is null");
    }
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.producer = producer;
    this.outputIndex = outputIndex;
  }

  /** A leaf that requires a gradient: something to train. */
  public static Var parameter(Tensor value) {
    return new Var(value, true, null, 0);
  }

  /** A named parameter; the name appears in error messages and {@link #toString()}. */
  public static Var parameter(String name, Tensor value) {
    return parameter(value).named(name);
  }

  /** A leaf that needs no gradient: inputs, targets, masks, detached states. */
  public static Var constant(Tensor value) {
    return new Var(value, false, null, 0);
  }

  /** Output {@code index} of a recorded op. */
  static Var result(Tensor value, Record producer, int index) {
    return new Var(value, true, producer, index);
  }

  // =================================================================== state

  /** The current value. */
  public Tensor value() {
    return value;
  }

  /**
   * Replaces the value of a leaf (an optimizer step, a dtype conversion of a model); the gradient is
   * dropped if the new value has another shape or dtype. Results of ops cannot be replaced.
   */
  public void setValue(Tensor newValue) {
    if (producer != null) {
      throw new IllegalStateException("setValue: " + label() + " is the result of op '" + producer.op
          + "', not a leaf; only parameters and constants can be replaced");
    }
    if (newValue == null) {
      throw new NullPointerException("setValue: new value of " + label() + " is null");
    }
    if (grad != null && (!grad.shape().equals(newValue.shape()) || grad.dtype() != newValue.dtype())) {
      grad = null;
    }
    value = newValue;
  }

  /**
   * The gradient accumulated by backward passes, shaped like the value; {@code null} until one
   * reaches this parameter (and after {@link #zeroGrad()}). Only leaves accumulate gradients. The
   * tensor is owned by this Var: an optimizer may read it and update it in place.
   */
  public Tensor grad() {
    return grad;
  }

  /** Forgets the accumulated gradient ({@link #grad()} becomes null). */
  public void zeroGrad() {
    grad = null;
  }

  /** Whether gradients flow to or through this Var. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Whether this is a parameter or constant rather than the recorded result of an op. */
  public boolean isLeaf() {
    return producer == null;
  }

  /** The name of the op that produced this Var, or null for a leaf. */
  public String opName() {
    return producer == null ? null : producer.op;
  }

  /** The name given by {@link #named}, or null. */
  public String name() {
    return name;
  }

  /** Gives this Var a name for messages (modules name their parameters); returns this. */
  public Var named(String newName) {
    this.name = newName;
    return this;
  }

  /** A constant holding the same value (shared, not copied), with no history and no gradient. */
  public Var detach() {
    return constant(value);
  }

  public Shape shape() {
    return value.shape();
  }

  public DType dtype() {
    return value.dtype();
  }

  public int rank() {
    return value.rank();
  }

  /** Size of {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return value.dim(axis);
  }

  public int numel() {
    return value.numel();
  }

  /** The value of a one-element Var. */
  public double item() {
    return value.item();
  }

  Record producer() {
    return producer;
  }

  int outputIndex() {
    return outputIndex;
  }

  void accumulateGrad(Tensor g) {
    if (grad == null) {
      grad = g.copy();
    } else {
      grad.addInPlace(g);
    }
  }

  /**
   * Runs backward from this scalar on the tape that recorded it: {@code loss.backward()} is
   * {@code tape.backward(loss)}.
   */
  public void backward() {
    if (producer == null) {
      throw new IllegalStateException("backward: " + label() + " is a leaf, not the result of recorded ops");
    }
    producer.tape.backward(this);
  }

  /** How messages refer to this Var: its name, or its shape and origin. */
  String label() {
    if (name != null) {
      return "'" + name + "'";
    }
    String kind = producer != null ? "the result of '" + producer.op + "'" : requiresGrad ? "a parameter" : "a constant";
    return kind + " " + value.shape();
  }

  @Override
  public String toString() {
    return "Var(" + (name != null ? name + ", " : "") + value.shape() + " " + value.dtype()
        + (producer != null ? ", op " + producer.op : requiresGrad ? ", parameter" : "")
        + (grad != null ? ", has grad" : "") + ")";
  }

  // =================================================================== fluent ops (see the op families)

  /** {@link ElementwiseOps#add(Var, Var)}: {@code this + other}, broadcast. */
  public Var add(Var other) {
    return ElementwiseOps.add(this, other);
  }

  public Var add(double s) {
    return ElementwiseOps.add(this, s);
  }

  /** {@link ElementwiseOps#sub(Var, Var)}: {@code this - other}, broadcast. */
  public Var sub(Var other) {
    return ElementwiseOps.sub(this, other);
  }

  public Var sub(double s) {
    return ElementwiseOps.sub(this, s);
  }

  /** {@code s - this}. */
  public Var rsub(double s) {
    return ElementwiseOps.rsub(this, s);
  }

  /** {@link ElementwiseOps#mul(Var, Var)}: elementwise {@code this * other}, broadcast. */
  public Var mul(Var other) {
    return ElementwiseOps.mul(this, other);
  }

  public Var mul(double s) {
    return ElementwiseOps.mul(this, s);
  }

  /** {@link ElementwiseOps#div(Var, Var)}: {@code this / other}, broadcast. */
  public Var div(Var other) {
    return ElementwiseOps.div(this, other);
  }

  public Var div(double s) {
    return ElementwiseOps.div(this, s);
  }

  /** {@code s / this}. */
  public Var rdiv(double s) {
    return ElementwiseOps.rdiv(this, s);
  }

  public Var pow(Var exponent) {
    return ElementwiseOps.pow(this, exponent);
  }

  public Var pow(double exponent) {
    return ElementwiseOps.pow(this, exponent);
  }

  public Var maximum(Var other) {
    return ElementwiseOps.maximum(this, other);
  }

  public Var maximum(double s) {
    return ElementwiseOps.maximum(this, s);
  }

  public Var minimum(Var other) {
    return ElementwiseOps.minimum(this, other);
  }

  public Var minimum(double s) {
    return ElementwiseOps.minimum(this, s);
  }

  public Var neg() {
    return UnaryOps.neg(this);
  }

  public Var exp() {
    return UnaryOps.exp(this);
  }

  public Var log() {
    return UnaryOps.log(this);
  }

  public Var sqrt() {
    return UnaryOps.sqrt(this);
  }

  public Var abs() {
    return UnaryOps.abs(this);
  }

  public Var tanh() {
    return UnaryOps.tanh(this);
  }

  public Var sigmoid() {
    return UnaryOps.sigmoid(this);
  }

  public Var relu() {
    return UnaryOps.relu(this);
  }

  public Var square() {
    return UnaryOps.square(this);
  }

  public Var reciprocal() {
    return UnaryOps.reciprocal(this);
  }

  public Var clamp(double lo, double hi) {
    return UnaryOps.clamp(this, lo, hi);
  }

  /** The sum of all elements, a scalar. */
  public Var sum() {
    return ReductionOps.sum(this);
  }

  /** {@link ReductionOps#sum(Var, boolean, int...)}. */
  public Var sum(boolean keepDims, int... axes) {
    return ReductionOps.sum(this, keepDims, axes);
  }

  public Var mean() {
    return ReductionOps.mean(this);
  }

  public Var mean(boolean keepDims, int... axes) {
    return ReductionOps.mean(this, keepDims, axes);
  }

  public Var max() {
    return ReductionOps.max(this);
  }

  public Var max(boolean keepDims, int... axes) {
    return ReductionOps.max(this, keepDims, axes);
  }

  public Var min() {
    return ReductionOps.min(this);
  }

  public Var min(boolean keepDims, int... axes) {
    return ReductionOps.min(this, keepDims, axes);
  }

  public Var logSumExp(int axis, boolean keepDims) {
    return ReductionOps.logSumExp(this, axis, keepDims);
  }

  /** {@link ReductionOps#cumsum}. */
  public Var cumsum(int axis) {
    return ReductionOps.cumsum(this, axis);
  }

  /** {@link ReductionOps#logCumSumExp}. */
  public Var logCumSumExp(int axis) {
    return ReductionOps.logCumSumExp(this, axis);
  }

  /** {@link MatMulOps#matmul(Var, Var)}: {@code [..., m, k] @ [..., k, n]}. */
  public Var matmul(Var other) {
    return MatMulOps.matmul(this, other);
  }

  public Var reshape(int... dims) {
    return ShapeOps.reshape(this, dims);
  }

  public Var flatten() {
    return ShapeOps.flatten(this);
  }

  public Var squeeze(int axis) {
    return ShapeOps.squeeze(this, axis);
  }

  public Var unsqueeze(int axis) {
    return ShapeOps.unsqueeze(this, axis);
  }

  public Var transpose(int axisA, int axisB) {
    return ShapeOps.transpose(this, axisA, axisB);
  }

  public Var t() {
    return ShapeOps.t(this);
  }

  public Var permute(int... order) {
    return ShapeOps.permute(this, order);
  }

  public Var broadcastTo(int... dims) {
    return ShapeOps.broadcastTo(this, dims);
  }

  public Var slice(int axis, int start, int end) {
    return ShapeOps.slice(this, axis, start, end);
  }

  public Var narrow(int axis, int start, int length) {
    return ShapeOps.narrow(this, axis, start, length);
  }

  public Var select(int axis, int index) {
    return ShapeOps.select(this, axis, index);
  }

  public Var flip(int axis) {
    return ShapeOps.flip(this, axis);
  }

  public List<Var> split(int axis, int... sizes) {
    return ShapeOps.split(this, axis, sizes);
  }

  public List<Var> chunk(int chunks, int axis) {
    return ShapeOps.chunk(this, chunks, axis);
  }

  public Var indexSelect(int axis, int[] indices) {
    return IndexOps.indexSelect(this, axis, indices);
  }

  public Var indexSelect(int axis, Tensor indices) {
    return IndexOps.indexSelect(this, axis, indices);
  }

  public Var gather(int axis, Tensor index) {
    return IndexOps.gather(this, axis, index);
  }

  public Var softmax(int axis) {
    return NnOps.softmax(this, axis);
  }

  public Var logSoftmax(int axis) {
    return NnOps.logSoftmax(this, axis);
  }
}
