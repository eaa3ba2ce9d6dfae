package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.symbolsolver.resolution.typesolvers.ClassLoaderTypeSolver;

import java.util.HashSet;
import java.util.Set;

/**
 * The Java platform's own types ({@code java.*}, {@code javax.*}, {@code org.xml.sax}, {@code org.w3c.dom},
 * {@code org.ietf.jgss} …), read by reflection from the platform class loader, never from Clearbox's own classpath:
 * a vendor type named like one of Clearbox's libraries resolves to the vendor's code. A name outside the platform's
 * packages is answered "unknown" at once, without asking the class loader (which would throw for each).
 */
public final class PlatformTypeSolver extends ClassLoaderTypeSolver {
    /** The packages of the modules the boot layer holds that the platform class loader can see. */
    private static final Set<String> PACKAGES = platformPackages();

    PlatformTypeSolver() {
        super(ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected boolean filterName(String name) {
        return inPlatformPackage(name);
    }

    /** True when {@code name} (a source name: {@code java.util.Map.Entry}) lies in a package of the platform's. */
    public static boolean inPlatformPackage(String name) {
        // java.util.Map.Entry: its package is a prefix of the name; try each
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            if (PACKAGES.contains(name.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> platformPackages() {
        Set<String> out = new HashSet<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Module m : ModuleLayer.boot().modules()) {
            ClassLoader loader = m.getClassLoader();
            if (loader == null || loader == platform) {
                out.addAll(m.getPackages());
            }
        }
        return Set.copyOf(out);
    }
}
