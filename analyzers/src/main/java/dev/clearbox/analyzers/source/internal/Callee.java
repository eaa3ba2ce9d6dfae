package dev.clearbox.analyzers.source.internal;

import java.util.List;

/**
 * The resolved target of a call.
 *
 * @param type       fully-qualified declaring type as resolved
 * @param types      {@code type} first, then its known ancestors (nearest first)
 * @param method     method name, {@code <init>} for constructors
 * @param params     erased parameter types, or {@code null} when unknown
 * @param resolution how it was resolved: {@value CallResolver#SYMBOL_SOLVER},
 *                   {@value CallResolver#RECEIVER_TYPE}, {@value CallResolver#SYMBOL_SOLVER_SCOPE},
 *                   {@value CallResolver#IMPORTS}, or
 *                   {@value CallResolver#DECLARED_TYPE} for a call shown to match nothing relevant
 * @param missing    the supertypes of {@code type} nobody can see (so {@code types} is incomplete and a model API
 *                   may hide behind them), sorted; empty when {@code types} is complete
 */
public record Callee(String type, List<String> types, String method, List<String> params, String resolution,
                     List<String> missing) {
    public Callee {
        types = List.copyOf(types);
        params = params == null ? null : List.copyOf(params);
        missing = List.copyOf(missing);
    }

    /** A callee whose ancestor list is complete. */
    public Callee(String type, List<String> types, String method, List<String> params, String resolution) {
        this(type, types, method, params, resolution, List.of());
    }
}
