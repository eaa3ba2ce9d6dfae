package dev.clearbox.core.rebuild;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The one lookup from a manifest or command-line name to a build option's enum constant, and its message. */
final class TextNames {
    private TextNames() {
    }

    static <E extends Enum<E>> Optional<E> of(E[] values, Function<E, String> text, String name) {
        return Arrays.stream(values).filter(v -> text.apply(v).equals(name)).findFirst();
    }

    static <E extends Enum<E>> String choices(E[] values, Function<E, String> text) {
        List<String> names = Arrays.stream(values).map(text).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
