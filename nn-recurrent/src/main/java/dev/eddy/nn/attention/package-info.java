/**
 * Attention over an encoder's outputs (Bahdanau's additive, Luong's dot, general and concat scores),
 * with masks for padded sources.
 *
 * <p>Library code ({@link dev.eddy.autograd.LibraryCode}): anomaly mode reports the line that called
 * into this package, not lines inside it.
 */
@LibraryCode
package dev.eddy.nn.attention;

import dev.eddy.autograd.LibraryCode;
