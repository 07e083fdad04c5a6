package dev.eddy.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvColumnTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("data.csv"), text);
  }

  @Test
  void readsTheNamedColumnWithQuotesSpacesBomAndBlankLines() throws Exception {
    Path f = file("\uFEFFdate, \"load, MW\" ,note\n\"2024-01-01\", 1.5 ,\"a, \"\"quoted\"\" note\"\n\n2024-01-02,-2e3,x\n");
    assertArrayEquals(new double[] {1.5, -2000}, CsvColumn.read(f, "load, MW"));
    assertArrayEquals(new double[0], CsvColumn.read(file("a,b\n"), "b"));
  }

  @Test
  void problemsNameTheLineTheColumnAndTheValue() throws Exception {
    assertEquals(path() + ": empty, expected a header row naming the columns",
        assertThrows(CsvColumn.CsvException.class, () -> CsvColumn.read(file("\n\n"), "x")).getMessage());
    assertEquals(path() + ": no column 'x'; the header has a, b",
        assertThrows(CsvColumn.CsvException.class, () -> CsvColumn.read(file("a,b\n1,2\n"), "x")).getMessage());
    assertEquals(path() + " line 3: column 'b' holds 'NaN', not a finite number",
        assertThrows(CsvColumn.CsvException.class, () -> CsvColumn.read(file("a,b\n1,2\n3,NaN\n"), "b")).getMessage());
    assertEquals(path() + " line 2: column 'b' holds '', not a finite number",
        assertThrows(CsvColumn.CsvException.class, () -> CsvColumn.read(file("a,b\n1,\n"), "b")).getMessage());
    assertEquals(path() + " line 3: 1 field(s), but column 'b' is field 2",
        assertThrows(CsvColumn.CsvException.class, () -> CsvColumn.read(file("a,b\n1,2\n3\n"), "b")).getMessage());
    assertEquals(path() + " line 2: a quoted field is not closed",
        assertThrows(CsvColumn.CsvException.class, () -> CsvColumn.read(file("a,b\n\"1,2\n"), "b")).getMessage());
  }

  private Path path() {
    return dir.resolve("data.csv");
  }
}
