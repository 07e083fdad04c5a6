package dev.eddy.examples;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a compiled class refers to, read from its class file: the classes of its constant pool (every
 * class it uses by name) and the interfaces it declares. Enough of the class-file format for tests,
 * without a bytecode library.
 *
 * @param classes the internal names ({@code java/io/ObjectInputStream}) of the Class constants
 * @param interfaces the internal names of the interfaces the class itself declares
 */
record ClassFileRefs(List<String> classes, List<String> interfaces) {

  /** Parses a class file (JVMS chapter 4: magic, versions, constant pool, flags, this, super, interfaces). */
  static ClassFileRefs of(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // a long or double takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    List<String> classes = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      if (classNameIndex[i] != 0) {
        classes.add(utf8[classNameIndex[i]]);
      }
    }
    in.readUnsignedShort(); // access flags
    in.readUnsignedShort(); // this class
    in.readUnsignedShort(); // super class
    List<String> interfaces = new ArrayList<>();
    for (int n = in.readUnsignedShort(); n > 0; n--) {
      interfaces.add(utf8[classNameIndex[in.readUnsignedShort()]]);
    }
    return new ClassFileRefs(classes, interfaces);
  }
}
