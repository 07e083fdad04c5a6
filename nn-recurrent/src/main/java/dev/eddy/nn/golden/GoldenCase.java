package dev.eddy.nn.golden;

import static dev.eddy.nn.golden.JsonFields.arrays;
import static dev.eddy.nn.golden.JsonFields.bool;
import static dev.eddy.nn.golden.JsonFields.integer;
import static dev.eddy.nn.golden.JsonFields.number;
import static dev.eddy.nn.golden.JsonFields.object;
import static dev.eddy.nn.golden.JsonFields.string;

import dev.eddy.io.Json;
import dev.eddy.io.JsonException;
import dev.eddy.nn.recurrent.Nonlinearity;
import dev.eddy.tensor.Tensor;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PyTorch reference case in the {@code pytorch-rnn-golden-v1} format (see the README beside the
 * cases): a module and its configuration, parameters by {@code state_dict} name, inputs, expected
 * outputs, the weights of the loss, and the expected gradients. All tensors are F64.
 *
 * @param name the case's {@code case} field (or the file name)
 * @param kind which PyTorch module made it
 * @param config the module's constructor arguments
 * @param parameters values by PyTorch {@code state_dict} name
 * @param inputs {@code x}, {@code h0}, {@code c0} (the states may be absent: zeros)
 * @param outputs expected {@code output}, {@code h_n}, {@code c_n} (cells: {@code h_1}, {@code c_1})
 * @param loss the loss, a sum of {@code sum(output * weight)} terms
 * @param lossValue the expected loss, or NaN when the file does not give it
 * @param parameterGrads expected gradients by parameter name
 * @param inputGrads expected gradients of the inputs
 */
public record GoldenCase(String name, Kind kind, Config config, Map<String, Tensor> parameters,
    Map<String, Tensor> inputs, Map<String, Tensor> outputs, List<LossTerm> loss, double lossValue,
    Map<String, Tensor> parameterGrads, Map<String, Tensor> inputGrads) {

  /** The format name this reader understands. */
  public static final String FORMAT = "pytorch-rnn-golden-v1";

  /** The PyTorch modules the format describes. */
  public enum Kind {
    RNN("torch.nn.RNN"),
    LSTM("torch.nn.LSTM"),
    GRU("torch.nn.GRU"),
    RNN_CELL("torch.nn.RNNCell"),
    LSTM_CELL("torch.nn.LSTMCell"),
    GRU_CELL("torch.nn.GRUCell");

    private final String module;

    Kind(String module) {
      this.module = module;
    }

    /** The PyTorch class name, e.g. {@code torch.nn.LSTM}. */
    public String module() {
      return module;
    }

    public boolean isCell() {
      return this == RNN_CELL || this == LSTM_CELL || this == GRU_CELL;
    }

    public boolean isLstm() {
      return this == LSTM || this == LSTM_CELL;
    }

    boolean hasNonlinearity() {
      return this == RNN || this == RNN_CELL;
    }
  }

  /** The constructor arguments of the PyTorch module (cells: one layer, one direction, no projection). */
  public record Config(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
      boolean bidirectional, int projSize, Nonlinearity nonlinearity) {}

  /** One term {@code sum(output * weight)} of the loss. */
  public record LossTerm(String output, Tensor weight) {}

  private static final Set<String> MODULE_KEYS = Set.of("input_size", "hidden_size", "num_layers", "bias",
      "batch_first", "dropout", "bidirectional", "proj_size", "nonlinearity");
  private static final Set<String> CELL_KEYS = Set.of("input_size", "hidden_size", "bias", "nonlinearity");
  private static final Pattern TERM = Pattern.compile("sum\\(\\s*(\\w+)\\s*\\*\\s*(\\w+)\\s*\\)");

  /** Reads and checks a case file. */
  public static GoldenCase read(Path file) throws GoldenFormatException {
    Object json;
    try {
      json = Json.read(file);
    } catch (JsonException e) {
      throw new GoldenFormatException("not valid JSON: " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new GoldenFormatException("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new GoldenFormatException("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new GoldenFormatException("cannot read " + file + ": " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    }
    String fileName = file.getFileName().toString();
    return parse(fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName, json);
  }

  /** Checks and converts a parsed JSON document; {@code fallbackName} is used when it has no {@code case}. */
  public static GoldenCase parse(String fallbackName, Object json) throws GoldenFormatException {
    Map<String, Object> root = object(json, "the document");
    Object format = root.get("format");
    if (!FORMAT.equals(format)) {
      throw new GoldenFormatException("unknown format " + JsonFields.kind(format) + " (expected \"" + FORMAT + "\")");
    }
    String name = root.get("case") instanceof String s ? s : fallbackName;
    Kind kind = kind(string(root, "module", ""));
    Config config = config(kind, object(root, "config", ""));
    Map<String, Tensor> parameters = arrays(root, "parameters", "");
    Map<String, Tensor> inputs = arrays(root, "inputs", "");
    Map<String, Tensor> outputs = arrays(root, "outputs", "");
    Map<String, Tensor> weights = arrays(root, "loss_weights", "");
    Map<String, Object> grads = object(root, "grads", "");
    Map<String, Tensor> parameterGrads = arrays(grads, "parameters", "grads");
    Map<String, Tensor> inputGrads = arrays(grads, "inputs", "grads");
    if (!inputs.containsKey("x")) {
      throw new GoldenFormatException("missing inputs.x");
    }
    if (!parameterGrads.keySet().equals(parameters.keySet())) {
      throw new GoldenFormatException("grads.parameters has " + parameterGrads.keySet() + " but parameters has "
          + parameters.keySet());
    }
    for (String in : inputGrads.keySet()) {
      if (!inputs.containsKey(in)) {
        throw new GoldenFormatException("grads.inputs." + in + " has no input of that name");
      }
    }
    List<LossTerm> loss = loss(string(root, "loss", ""), outputs, weights);
    double lossValue = root.containsKey("loss_value") ? number(root.get("loss_value"), "loss_value") : Double.NaN;
    return new GoldenCase(name, kind, config, parameters, inputs, outputs, loss, lossValue, parameterGrads, inputGrads);
  }

  private static Kind kind(String module) throws GoldenFormatException {
    for (Kind k : Kind.values()) {
      if (k.module.equals(module)) {
        return k;
      }
    }
    throw new GoldenFormatException("unknown module \"" + module + "\" (expected one of torch.nn.RNN, LSTM, GRU,"
        + " RNNCell, LSTMCell, GRUCell)");
  }

  private static Config config(Kind kind, Map<String, Object> c) throws GoldenFormatException {
    Set<String> allowed = kind.isCell() ? CELL_KEYS : MODULE_KEYS;
    for (String key : c.keySet()) {
      if (!allowed.contains(key)) {
        throw new GoldenFormatException("config." + key + " is not an argument of " + kind.module
            + " that this checker knows (" + allowed + ")");
      }
    }
    int inputSize = positive(JsonFields.required(c, "input_size", "config"), "config.input_size");
    int hiddenSize = positive(JsonFields.required(c, "hidden_size", "config"), "config.hidden_size");
    int numLayers = c.containsKey("num_layers") ? positive(c.get("num_layers"), "config.num_layers") : 1;
    boolean bias = !c.containsKey("bias") || bool(c.get("bias"), "config.bias");
    boolean batchFirst = c.containsKey("batch_first") && bool(c.get("batch_first"), "config.batch_first");
    boolean bidirectional = c.containsKey("bidirectional") && bool(c.get("bidirectional"), "config.bidirectional");
    int projSize = c.containsKey("proj_size") ? integer(c.get("proj_size"), "config.proj_size") : 0;
    if (c.containsKey("dropout") && number(c.get("dropout"), "config.dropout") != 0) {
      throw new GoldenFormatException("config.dropout is " + c.get("dropout") + ": dropout draws random masks, so"
          + " only dropout 0 can be compared");
    }
    if (projSize != 0 && kind != Kind.LSTM) {
      throw new GoldenFormatException("config.proj_size " + projSize + " is only valid for torch.nn.LSTM");
    }
    if (projSize >= hiddenSize) {
      throw new GoldenFormatException("config.proj_size " + projSize + " must be smaller than hidden_size "
          + hiddenSize);
    }
    Object nl = c.get("nonlinearity");
    Nonlinearity nonlinearity = Nonlinearity.TANH;
    if ("relu".equals(nl)) {
      nonlinearity = Nonlinearity.RELU;
    } else if (nl != null && !"tanh".equals(nl)) {
      throw new GoldenFormatException("config.nonlinearity must be \"tanh\" or \"relu\", got " + JsonFields.kind(nl));
    }
    if (nl != null && !kind.hasNonlinearity()) {
      throw new GoldenFormatException("config.nonlinearity " + JsonFields.kind(nl) + " is only valid for RNN and"
          + " RNNCell");
    }
    return new Config(inputSize, hiddenSize, numLayers, bias, batchFirst, bidirectional, projSize, nonlinearity);
  }

  private static int positive(Object v, String path) throws GoldenFormatException {
    int n = integer(v, path);
    if (n == 0) {
      throw new GoldenFormatException(path + " must be positive, got 0");
    }
    return n;
  }

  private static List<LossTerm> loss(String text, Map<String, Tensor> outputs, Map<String, Tensor> weights)
      throws GoldenFormatException {
    List<LossTerm> terms = new ArrayList<>();
    for (String term : text.split("\\+")) {
      Matcher m = TERM.matcher(term.trim());
      if (!m.matches()) {
        throw new GoldenFormatException("loss \"" + text + "\": the term \"" + term.trim() + "\" is not of the form"
            + " sum(<output> * <weight>)");
      }
      Tensor out = outputs.get(m.group(1));
      Tensor w = weights.get(m.group(2));
      if (out == null || w == null) {
        throw new GoldenFormatException("loss term \"" + term.trim() + "\": " + (out == null ? "no output '"
            + m.group(1) + "'" : "no loss weight '" + m.group(2) + "'"));
      }
      if (!out.shape().equals(w.shape())) {
        throw new GoldenFormatException("loss term \"" + term.trim() + "\": weight " + w.shape() + " and output "
            + out.shape() + " differ in shape");
      }
      terms.add(new LossTerm(m.group(1), w));
    }
    return terms;
  }
}
