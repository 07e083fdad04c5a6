package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;

/**
 * What {@link Recurrence} returns for one cell run over a batch of sequences.
 *
 * @param output the output of every step, {@code [time, batch, outputSize]} (or
 *     {@code [batch, time, outputSize]} batch-first); zero past each sequence's length
 * @param state the state after each sequence's last real step, parts {@code [batch, size]}
 */
public record SequenceResult(Var output, RecurrentState state) {}
