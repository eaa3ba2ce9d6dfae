package dev.clearbox.core.checkout.internal;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.BaseRepositoryBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.transport.PackParser;

import java.io.IOException;
import java.io.InputStream;

/**
 * A repository whose inserter holds whatever is fetched into it to {@link FetchLimits}: every pack JGit receives
 * (from a bundle, a local repository or a URL, all of which JGit reads through this repository's inserter) is
 * scanned by {@link PackScan} as JGit reads it, JGit's own per-object limit is set on its pack parser, and a loose
 * object (fetched over the dumb HTTP protocol) larger than the per-object limit is refused before it is read.
 */
final class GuardedRepository extends FileRepository {
    private final FetchLimits limits;

    GuardedRepository(BaseRepositoryBuilder<?, ?> options, FetchLimits limits) throws IOException {
        super(options);
        this.limits = limits;
    }

    @Override
    public ObjectInserter newObjectInserter() {
        return new Inserter(super.newObjectInserter(), limits);
    }

    private static final class Inserter extends ObjectInserter.Filter {
        private final ObjectInserter delegate;
        private final FetchLimits limits;

        Inserter(ObjectInserter delegate, FetchLimits limits) {
            this.delegate = delegate;
            this.limits = limits;
        }

        @Override
        protected ObjectInserter delegate() {
            return delegate;
        }

        @Override
        public PackParser newPackParser(InputStream in) throws IOException {
            PackParser parser = super.newPackParser(new PackScan(in, limits));
            parser.setMaxObjectSizeLimit(limits.maxObjectBytes());
            return parser;
        }

        @Override
        public ObjectId insert(int type, long length, InputStream in) throws IOException {
            if (length > limits.maxObjectBytes()) {
                throw new PackScan.Refused("object-too-large", "a fetched object is " + length
                        + " bytes, over the limit of " + limits.maxObjectBytes() + " bytes per object");
            }
            return super.insert(type, length, in);
        }
    }
}
