package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.Position;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.clearbox.analyzers.capability.CapabilityEntry;
import dev.clearbox.analyzers.capability.CapabilityModel;
import dev.clearbox.analyzers.source.SourceRule;
import dev.clearbox.core.Finding;
import dev.clearbox.core.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Types declared in the analysed sources whose fully-qualified name is one the built-in capability model
 * names ({@code java.net.Socket}, {@code okhttp3.OkHttpClient}...): a vendor shipping its own copy of an
 * API can change what it does. Calls to such a type are still matched against the model like any other.
 * Types a user model names are not reported: naming the vendor's own classes is what user models are for.
 */
final class ShadowedApis {
    private static final CapabilityModel BUILT_IN = CapabilityModel.builtIn();

    private ShadowedApis() {
    }

    /** @param types the file's type declarations, in source order */
    static List<Ranked> find(ParsedFile file, CapabilityModel model, List<TypeDeclaration<?>> types) {
        List<Ranked> out = new ArrayList<>();
        for (TypeDeclaration<?> type : types) {
            Optional<String> fqn = type.getFullyQualifiedName();
            if (fqn.isEmpty() || !BUILT_IN.knowsType(fqn.get()) || !model.knowsType(fqn.get())) {
                continue;
            }
            TreeSet<String> capabilities = new TreeSet<>();
            for (CapabilityEntry e : model.entries()) {
                if (e.type().equals(fqn.get())) {
                    capabilities.add(e.capability().name());
                }
            }
            Optional<Position> at = type.getName().getBegin();
            int line = at.map(p -> p.line).orElse(0);
            SourceRule rule = SourceRule.SHADOWED_API;
            Finding finding = new Finding(rule, rule.capability(), rule.severity(),
                    "declares " + fqn.get() + ", a type the capability model names (" + String.join(", ", capabilities)
                            + "); calls to it are still matched against the model",
                    new Location(file.relativePath(), line, file.line(line)), fqn.get(), "declaration", List.of(), List.of());
            out.add(new Ranked(finding, at.map(p -> p.column).orElse(0)));
        }
        return out;
    }
}
