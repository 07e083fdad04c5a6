package dev.eddy.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class DemoOptionsTest {

  @Command(name = "toy")
  static final class Toy implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin DemoOptions demo;
    @Option(names = "--hidden", defaultValue = "8") int hidden;

    @Override
    public void run() {
      new OptionChecks(spec).atLeast("--hidden", hidden, 1);
    }
  }

  @Test
  void defaultsAndValues() {
    Toy toy = new Toy();
    new CommandLine(toy).parseArgs();
    assertEquals(42, toy.demo.seed());
    assertEquals(Path.of("runs", "toy"), toy.demo.out());
    assertEquals(false, toy.demo.json());
    new CommandLine(toy).parseArgs("--seed", "7", "--out", "x/y", "--json");
    assertEquals(7, toy.demo.seed());
    assertEquals(Path.of("x/y"), toy.demo.out());
    assertEquals(true, toy.demo.json());
  }

  @Test
  void aBadValueIsOneLineAndStatus2() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Toy());
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, cl.execute("--hidden", "0"));
    assertTrue(err.toString().startsWith("--hidden must be at least 1, got 0" + System.lineSeparator() + "Usage: toy"),
        err.toString());
  }
}
