package dev.eddy.examples.charlm;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The text a model learns from: one or more documents, each split into its first 90% for training and
 * its last 10% for validation (so the validation text samples every document), the vocabulary of the
 * training part, and the unigram baseline.
 *
 * <p>The built-in corpus is the project's own prose: the repository's Markdown ({@code README.md},
 * {@code docs/}, the READMEs of {@code bench/}, {@code tools/} and the golden cases), copied into the
 * jar at build time by {@code examples/pom.xml}, so it grows with the documentation. No third-party
 * text is included.
 */
final class Corpus {
  /** Where the build puts the built-in documents, relative to this class. */
  static final String BUILTIN_FOLDER = "corpus";
  /** The share of each document held out for validation (its end). */
  static final double VALIDATION_FRACTION = 0.1;

  private final String description;
  private final String text;
  private final Vocabulary vocabulary;
  private final int[] train;
  private final int[] validation;

  private Corpus(String description, List<String> documents) {
    StringBuilder trainText = new StringBuilder();
    StringBuilder validationText = new StringBuilder();
    for (String doc : documents) {
      int[] cps = doc.codePoints().toArray();
      int cut = cps.length - (int) Math.round(cps.length * VALIDATION_FRACTION);
      trainText.append(new String(cps, 0, cut));
      validationText.append(new String(cps, cut, cps.length - cut));
    }
    this.description = description;
    this.text = String.join("", documents);
    this.vocabulary = Vocabulary.of(trainText.toString());
    this.train = vocabulary.encode(trainText.toString());
    this.validation = vocabulary.encode(validationText.toString());
  }

  /** A corpus of {@code documents} (each split on its own), described as {@code description}. */
  static Corpus of(String description, List<String> documents) {
    return new Corpus(description, documents);
  }

  /** The whole of one UTF-8 file as a single document. */
  static Corpus read(Path file) throws IOException {
    return of(file.toString(), List.of(Files.readString(file, StandardCharsets.UTF_8)));
  }

  /** The built-in corpus: the project's Markdown files, in path order. */
  static Corpus builtin() throws IOException {
    URL url = Corpus.class.getResource(BUILTIN_FOLDER);
    if (url == null) {
      throw new IOException("the built-in corpus is missing from the class path (build with ./mvnw package)");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("the built-in corpus has an unreadable location " + url, e);
    }
    if (!"jar".equals(uri.getScheme())) {
      return documentsIn(Path.of(uri));
    }
    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
      return documentsIn(jar.provider().getPath(uri));
    }
  }

  private static Corpus documentsIn(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> documents = new ArrayList<>();
    for (Path f : files) {
      documents.add(Files.readString(f, StandardCharsets.UTF_8));
    }
    return of("built-in corpus (the project's documentation, " + files.size() + " files)", documents);
  }

  /** Where the text came from, for people. */
  String description() {
    return description;
  }

  /** Characters (code points) in all documents. */
  int length() {
    return train.length + validation.length;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The training characters as ids (every one known). */
  int[] train() {
    return train;
  }

  /** The validation characters as ids ({@link Vocabulary#UNKNOWN} where the training text lacks one). */
  int[] validation() {
    return validation;
  }

  /** The SHA-256 of the whole text in UTF-8, hex: checks that a resumed run reads the same text. */
  String sha256() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The entropy of the training text's character frequencies in nats: the loss of the best model that
   * ignores context, the baseline a language model must beat.
   */
  double unigramEntropy() {
    long[] counts = new long[vocabulary.size()];
    for (int id : train) {
      counts[id]++;
    }
    double n = train.length;
    return -Arrays.stream(counts).filter(c -> c > 0).mapToDouble(c -> c / n * Math.log(c / n)).sum();
  }
}
