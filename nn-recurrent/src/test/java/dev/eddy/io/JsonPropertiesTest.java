package dev.eddy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of {@link Json}: what is written reads back equal, bit for bit for numbers. */
class JsonPropertiesTest {

  @Property(tries = 300)
  void writeThenParseIsTheIdentity(@ForAll("values") Object value) {
    assertEquals(value, Json.parse(Json.write(value)));
    assertEquals(value, Json.parse(Json.writePretty(value)));
  }

  @Property(tries = 2000)
  void everyFiniteDoubleRoundTripsBitForBit(@ForAll long bits) {
    double d = Double.longBitsToDouble(bits);
    if (!Double.isFinite(d)) {
      d = bits; // still a double worth testing
    }
    Object back = Json.parse(Json.write(d));
    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) back));
  }

  @Property(tries = 2000)
  void everyFiniteFloatRoundTripsThroughItsDouble(@ForAll int bits) {
    float f = Float.intBitsToFloat(bits);
    if (!Float.isFinite(f)) {
      f = bits;
    }
    double back = (Double) Json.parse(Json.write(f));
    assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((float) back));
  }

  @Property(tries = 500)
  void everyValidStringRoundTrips(@ForAll("strings") String s) {
    assertEquals(s, Json.parse(Json.write(s)));
    assertEquals(Map.of(s, s), Json.parse(Json.write(Map.of(s, s))));
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.recursive(this::scalars, this::containersOf, 0, 4);
  }

  private Arbitrary<Object> containersOf(Arbitrary<Object> element) {
    return Arbitraries.oneOf(
        element.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
        Arbitraries.maps(strings(), element).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m)));
  }

  private Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(x -> (Object) x),
        Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite).map(x -> (Object) x),
        Arbitraries.doubles().map(x -> (Object) x),
        strings().map(x -> (Object) x),
        Arbitraries.of(true, false).map(x -> (Object) x),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> strings() {
    return UnicodeStrings.upTo(12);
  }
}
