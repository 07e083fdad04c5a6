/**
 * Checks of the recurrent layers against PyTorch reference cases.
 *
 * <p>Library code ({@link dev.eddy.autograd.LibraryCode}): anomaly mode reports the line that called
 * into this package, not lines inside it.
 */
@LibraryCode
package dev.eddy.nn.golden;

import dev.eddy.autograd.LibraryCode;
