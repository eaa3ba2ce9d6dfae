package com.acme.agent.update;

import com.acme.agent.config.Endpoints;
import com.acme.agent.scan.SignatureDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Downloads the newest signature database from the CDN and installs it atomically. */
public final class SignatureDownloader {

    private static final int MAX_DATABASE_BYTES = 64 * 1024 * 1024;

    private final Path target;

    public SignatureDownloader(Path target) {
        this.target = target;
    }

    /** Downloads from {@code cdnBase}, checks that the file parses, and replaces the installed copy. */
    public SignatureDatabase download(String cdnBase) throws IOException {
        URL url = URI.create(cdnBase + Endpoints.SIGNATURE_DB_PATH).toURL();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(60_000);
        connection.setRequestProperty("User-Agent", "AcmeAgent/1.4");
        try {
            if (connection.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("CDN answered HTTP " + connection.getResponseCode() + " for " + url);
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readNBytes(MAX_DATABASE_BYTES);
            }
            SignatureDatabase database = SignatureDatabase.parse(new String(body, StandardCharsets.UTF_8));
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.write(partial, body);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return database;
        } finally {
            connection.disconnect();
        }
    }
}
