/**
 * Modules (named parameters, state dicts, train/eval mode, random generators) and the basic layers:
 * Linear, Embedding, Dropout, LayerNorm.
 *
 * <p>Library code ({@link dev.eddy.autograd.LibraryCode}): anomaly mode reports the line that called
 * into this package, not lines inside it.
 */
@LibraryCode
package dev.eddy.nn;

import dev.eddy.autograd.LibraryCode;
