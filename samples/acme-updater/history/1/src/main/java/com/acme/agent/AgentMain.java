package com.acme.agent;

import com.acme.agent.config.AgentConfig;
import com.acme.agent.scan.FileScanner;
import com.acme.agent.scan.SignatureDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Entry point of the Acme endpoint agent: scans the user's files. */
public final class AgentMain {

    private static final System.Logger LOG = System.getLogger(AgentMain.class.getName());

    private final AgentConfig config;
    private final AtomicReference<SignatureDatabase> database = new AtomicReference<>(SignatureDatabase.empty());
    private final FileScanner scanner;

    AgentMain(AgentConfig config) {
        this.config = config;
        this.scanner = new FileScanner(database::get);
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config = AgentConfig.load();
        AgentMain agent = new AgentMain(config);
        agent.loadInstalledDatabase();
        try (AgentScheduler scheduler = new AgentScheduler()) {
            scheduler.every(config.scanInterval(), "scan", agent::scan);
            new CountDownLatch(1).await();
        }
    }

    void loadInstalledDatabase() throws IOException {
        if (Files.isRegularFile(config.signatureDatabase())) {
            database.set(SignatureDatabase.load(config.signatureDatabase()));
        }
    }

    void scan() throws IOException {
        List<FileScanner.Detection> detections = scanner.scan(config.scanRoot());
        for (FileScanner.Detection d : detections) {
            LOG.log(System.Logger.Level.WARNING, "threat " + d.signature() + " in " + d.file());
        }
    }
}
