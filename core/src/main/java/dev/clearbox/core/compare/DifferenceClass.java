package dev.clearbox.core.compare;

/**
 * Every kind of difference the compare stage names. Each has a stable name (public in the JSON report and
 * in {@code --accept}), a flag saying whether it is benign (it cannot change what the code does, so an
 * artifact with only benign differences is {@code EQUIVALENT}), and a sentence for a person.
 *
 * <p>Substantive classes make an artifact {@code NOT_REPRODUCIBLE}. Only {@link #KNOWN_COMPILER_CHANGE} can be
 * accepted by the auditor ({@link CompareOptions#accepted()}); an accepted difference then counts as benign.
 */
public enum DifferenceClass {
    // ---- benign: named, listed, but the artifact is still equivalent ----
    /** Entry timestamps, compression method or level, extra fields, comments or archive layout; content equal. */
    CONTAINER_METADATA(true, false,
            "archive metadata only (entry timestamps, compression, extra fields, comments, layout); every entry's content is the same"),
    /** The same entries in another order. */
    ENTRY_ORDER(true, false, "the same entries in a different order"),
    /** Unix mode bits of an entry (zip external attributes, tar mode). */
    FILE_PERMISSIONS(true, false, "file permissions (unix mode) of entries differ"),
    /** MANIFEST.MF attributes that describe the build machine: Built-By, Build-Jdk, Created-By, build time. */
    MANIFEST_BUILD_ENVIRONMENT(true, false,
            "MANIFEST.MF attributes that describe the build environment (Built-By, Build-Jdk, Created-By, build time...)"),
    /** Attribute order in a manifest, list order inside a manifest header, key order in a properties file. */
    ATTRIBUTE_ORDER(true, false,
            "the order of attributes in a manifest, of the items of a manifest list header, or of keys in a properties file"),
    /** Comments and layout of a properties file whose keys and values are equal (pom.properties date comment). */
    PROPERTIES_COMMENT(true, false,
            "comments or layout of a properties file whose keys and values are the same (the date comment Maven writes into pom.properties)"),
    /** git.properties values that describe the build machine, not the commit or git state (build time, host, user...). */
    GIT_PROPERTIES(true, false, "git.properties values that describe the build, not the commit (build time, user, host, version)"),
    /**
     * What the build read from git other than the commit: branch, remote URL, dirty flag, tags, describe output (MANIFEST.MF
     * SCM/Git attributes, git.properties); the values on each side are the evidence.
     */
    GIT_STATE(true, false,
            "git state the build read, not the commit: branch, remote URL, dirty flag, tags or describe output (MANIFEST.MF or git.properties)"),
    /** CRLF versus LF line endings, or line wrapping, of text whose content is otherwise the same. */
    LINE_ENDINGS(true, false, "line endings (CRLF or LF) or line wrapping of text that is otherwise the same"),
    /** Line numbers, local variable names and tables, SourceFile, parameter names; instructions equal. */
    DEBUG_INFO_ONLY(true, false,
            "debug information only (line numbers, local variable names and tables, SourceFile, parameter names); the instructions are the same"),
    /** Same class structure and instructions; the constant pool order, stack map frames or unknown attributes differ. */
    CLASS_FILE_LAYOUT(true, false,
            "the same class structure and instructions; only the class file's byte layout differs (constant pool order, stack map frames)"),

    // ---- substantive: the artifact is not what the source builds ----
    /** An entry only the shipped artifact has: code or data the source did not build. */
    ONLY_IN_SHIPPED(false, false, "an entry only the shipped artifact has: code or data the source did not build"),
    /** An entry only the rebuilt artifact has: the shipped artifact lacks something the source builds. */
    ONLY_IN_REBUILT(false, false, "an entry only the rebuilt artifact has: the shipped artifact lacks something the source builds"),
    /** A resource (not a class) whose content differs. */
    RESOURCE_CONTENT(false, false, "a resource whose content differs"),
    /** The class declaration differs: version, access, super class, interfaces, annotations, nest, inner classes. */
    CLASS_DECLARATION_CHANGED(false, false,
            "a class declaration differs (class file version, access, super class, interfaces, annotations, inner classes)"),
    /**
     * An index file (META-INF/services, the Sisu index, other META-INF text indexes) with the same lines in another order:
     * substantive, since the order decides, for example, which provider ServiceLoader returns first.
     */
    INDEX_LINE_ORDER(false, false,
            "an index file (META-INF/services, the Sisu index, a text index) lists the same lines in another order; the order can decide which provider is found first"),
    /** A field or method only the shipped class has. */
    MEMBER_ONLY_IN_SHIPPED(false, false, "a field or method only the shipped class has"),
    /** A field or method only the rebuilt class has. */
    MEMBER_ONLY_IN_REBUILT(false, false, "a field or method only the rebuilt class has"),
    /** A field or method whose declaration differs: access, signature, constant value, annotations, exceptions. */
    MEMBER_CHANGED(false, false, "a field or method declaration differs (access, signature, constant value, annotations, exceptions)"),
    /** A method whose instructions differ. */
    METHOD_CODE_CHANGED(false, false, "a method's instructions differ"),
    /** Instructions that differ in a way a known compiler change explains; substantive unless accepted. */
    KNOWN_COMPILER_CHANGE(false, true,
            "instructions that differ in a way a known compiler change explains (for example string concatenation via invokedynamic versus StringBuilder); substantive unless the auditor accepts it"),
    /** A zip's local headers and central directory disagree (names, methods, sizes, CRCs, entries): readers see different archives. */
    ZIP_HEADER_MISMATCH(false, false,
            "the archive's local headers and its central directory disagree (names, compression methods, sizes, CRCs or entries): streaming readers and the JVM see different contents"),
    /** Bytes of a zip outside every entry: before the first, between entries, around the central directory. */
    ZIP_DATA_OUTSIDE_ENTRIES(false, false,
            "the archive holds data outside any entry (before the first entry, between entries, between the last entry and the central directory, or after its end)"),
    /** Nested archives that differ below the depth limit, so they were not opened. */
    DEPTH_LIMIT_REACHED(false, false, "nested archives that differ but lie deeper than the depth limit, so they were not opened");

    private final boolean benign;
    private final boolean acceptable;
    private final String description;

    DifferenceClass(boolean benign, boolean acceptable, String description) {
        this.benign = benign;
        this.acceptable = acceptable;
        this.description = description;
    }

    /** True when this difference cannot change what the code does. */
    public boolean benign() {
        return benign;
    }

    /** True when the auditor may accept this substantive class, so that it counts as benign. */
    public boolean acceptable() {
        return acceptable;
    }

    /** One sentence for a person. */
    public String description() {
        return description;
    }
}
