/**
 * Step-by-step decoding of sequences: greedy and beam search over a step decoder.
 *
 * <p>Library code ({@link dev.eddy.autograd.LibraryCode}): anomaly mode reports the line that called
 * into this package, not lines inside it.
 */
@LibraryCode
package dev.eddy.nn.decode;

import dev.eddy.autograd.LibraryCode;
