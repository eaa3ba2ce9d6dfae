package dev.clearbox.analyzers.source.internal;

import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What looks like an endpoint, and how hidden strings decode. Pure functions over text and literals. */
public final class Endpoints {
    private static final String U = Pattern.quote(EndpointFinder.UNKNOWN);
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.:-]*://\\S+");
    private static final Pattern HOST = Pattern.compile(
            "((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?|" + U + ")\\.)+([a-zA-Z][a-zA-Z0-9-]{0,62})\\.?(:\\d{1,5})?(/\\S*)?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(:\\d{1,5})?(/\\S*)?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}]?(:\\d{1,5})?");
    private static final Pattern PATH_ON_UNKNOWN_BASE = Pattern.compile(U + "/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*[A-Za-z0-9]\\S*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{8,}={0,2}");
    private static final Set<String> FILE_SUFFIXES = Set.of(
            "java", "class", "jar", "properties", "json", "xml", "txt", "log", "html", "htm", "yml", "yaml",
            "conf", "cfg", "ini", "dat", "bin", "tmp", "png", "jpg", "gif", "svg", "csv", "md", "sh", "bat",
            "exe", "dll", "so", "dylib", "zip", "gz", "tar", "db", "lock", "pem", "key", "crt", "p12", "jks");

    private Endpoints() {
    }

    /**
     * True for URLs, host names and IP addresses. With {@code hostContext} (the argument of a DNS
     * lookup), any single word with some known text counts as a host name.
     */
    public static boolean looksLikeEndpoint(String value, boolean hostContext) {
        String v = value.strip();
        if (v.isEmpty() || v.equals(EndpointFinder.UNKNOWN) || v.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        if (URL.matcher(v).matches() || IPV4.matcher(v).matches() || v.startsWith("localhost")) {
            return true;
        }
        if (!hostContext && PATH_ON_UNKNOWN_BASE.matcher(v).matches()) {
            return true; // a URL whose base is not known statically but whose path is: "{…}/sigdb/latest.db"
        }
        if (IPV6.matcher(v).matches() && v.chars().filter(c -> c == ':').count() >= 2 && v.length() > 2) {
            return true;
        }
        var host = HOST.matcher(v);
        if (host.matches()) {
            if (FILE_SUFFIXES.contains(host.group(2).toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
            // A name whose first labels are unknown is too vague to call a host name, except where it is
            // looked up: there the known suffix is exactly the zone that receives the lookup.
            return hostContext || !v.startsWith(EndpointFinder.UNKNOWN + "." + EndpointFinder.UNKNOWN);
        }
        return hostContext && !v.replace(EndpointFinder.UNKNOWN, "").isEmpty() && !v.contains("/");
    }

    /** A Base64 literal that decodes to printable text, decoded; empty otherwise. */
    public static Optional<String> decodeBase64(String literal) {
        if (!BASE64.matcher(literal).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = literal.indexOf('-') >= 0 || literal.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(literal) : Base64.getDecoder().decode(literal);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return printable(bytes);
    }

    /**
     * The text an expression builds without writing it plainly: a Base64 {@code decode("...")} call,
     * or a char or byte array of literals (directly or through a local variable).
     */
    public static Optional<String> decodeHidden(Expression e) {
        if (e instanceof MethodCallExpr m && m.getNameAsString().equals("decode") && m.getArguments().size() == 1
                && m.getArgument(0) instanceof StringLiteralExpr s && m.getScope().isPresent()
                && m.getScope().get().toString().contains("Decoder")) {
            return decodeBase64(s.asString());
        }
        if (e instanceof ArrayCreationExpr a && a.getInitializer().isPresent()) {
            return decodeArray(a.getInitializer().get());
        }
        if (e instanceof ArrayInitializerExpr a) {
            return decodeArray(a);
        }
        if (e instanceof NameExpr n) {
            return Declarations.find(n, n.getNameAsString())
                    .flatMap(Declarations.VarDecl::initializer)
                    .filter(i -> !(i instanceof NameExpr))
                    .flatMap(Endpoints::decodeHidden);
        }
        return Optional.empty();
    }

    /** The text a char or byte array initializer spells, when every element is a literal. */
    public static Optional<String> decodeArray(ArrayInitializerExpr array) {
        if (array.getValues().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (Expression value : array.getValues()) {
            if (value instanceof CharLiteralExpr c) {
                text.append(c.asChar());
            } else if (value instanceof IntegerLiteralExpr i) {
                Number n;
                try {
                    n = i.asNumber();
                } catch (NumberFormatException ex) {
                    return Optional.empty();
                }
                if (!(n instanceof Integer) || n.intValue() < 0 || n.intValue() > 0x7e) {
                    return Optional.empty();
                }
                text.append((char) n.intValue());
            } else {
                return Optional.empty();
            }
        }
        return printable(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Optional<String> printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return Optional.empty();
            }
        }
        return bytes.length == 0 ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.US_ASCII));
    }
}
