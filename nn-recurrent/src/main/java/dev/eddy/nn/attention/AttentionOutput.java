package dev.eddy.nn.attention;

import dev.eddy.autograd.Var;

/**
 * What one attention step gives.
 *
 * @param context the weighted sum of the values, {@code [batch, valueSize]}
 * @param weights the attention weights, {@code [batch, source]}: zero on padding, each row summing to
 *     one over its real positions
 */
public record AttentionOutput(Var context, Var weights) {}
