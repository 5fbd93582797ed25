import java.io.IOException;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar compiled for Java 5 or older (picocli targets Java 5) as Java 8
 * class files, with the stack maps the JDK's ClassFile API computes, in place. Run by
 * {@code ./jais cli-aot} at package time, before the training run: the JVM leaves classes checked
 * by the old verifier (those without stack maps) out of the AOT cache, and picocli is the part of
 * the CLI that runs on every command. The bytecode is unchanged.
 *
 * <p>{@code java ClassFileUpgrade.java JAR...}; a jar without old classes is left untouched.
 */
public final class ClassFileUpgrade {
  private static final int FIRST_WITH_STACK_MAPS = 50;

  public static void main(String[] jars) throws IOException {
    for (String jar : jars) {
      int upgraded = upgrade(Path.of(jar));
      if (upgraded > 0) {
        System.err.println("upgraded " + upgraded + " class files of " + jar + " to Java 8");
      }
    }
  }

  private static int upgrade(Path jar) throws IOException {
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".tmp");
    int upgraded = 0;
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
      // stack maps name the common supertypes of values: resolve them from the JDK, then the jar
      ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver
          .defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] bytes = in.readAllBytes();
        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
          ClassModel model = classFile.parse(bytes);
          if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
            bytes = classFile.build(model.thisClass().asSymbol(), builder -> {
              for (ClassElement element : model) {
                if (!(element instanceof ClassFileVersion)) {
                  builder.with(element);
                }
              }
              builder.withVersion(ClassFile.JAVA_8_VERSION, 0);
            });
            upgraded++;
          }
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
      }
    }
    if (upgraded == 0) {
      Files.delete(rewritten);
    } else {
      Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return upgraded;
  }
}
