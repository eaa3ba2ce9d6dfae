package com.acme.agent;

import com.acme.agent.config.AgentConfig;
import com.acme.agent.scan.FileScanner;
import com.acme.agent.scan.SignatureDatabase;
import com.acme.agent.update.SignatureDownloader;
import com.acme.agent.update.UpdateChecker;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Entry point of the Acme endpoint agent: keeps signatures current and scans the user's files. */
public final class AgentMain {

    private static final System.Logger LOG = System.getLogger(AgentMain.class.getName());

    private final AgentConfig config;
    private final AtomicReference<SignatureDatabase> database = new AtomicReference<>(SignatureDatabase.empty());
    private final UpdateChecker updateChecker;
    private final SignatureDownloader downloader;
    private final FileScanner scanner;

    AgentMain(AgentConfig config) {
        this.config = config;
        this.updateChecker = new UpdateChecker(config);
        this.downloader = new SignatureDownloader(config.signatureDatabase());
        this.scanner = new FileScanner(database::get);
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config = AgentConfig.load();
        AgentMain agent = new AgentMain(config);
        agent.loadInstalledDatabase();
        try (AgentScheduler scheduler = new AgentScheduler()) {
            scheduler.every(config.updateInterval(), "update", agent::update);
            scheduler.every(config.scanInterval(), "scan", agent::scan);
            new CountDownLatch(1).await();
        }
    }

    void loadInstalledDatabase() throws IOException {
        if (Files.isRegularFile(config.signatureDatabase())) {
            database.set(SignatureDatabase.load(config.signatureDatabase()));
        }
    }

    void update() throws IOException, InterruptedException {
        UpdateChecker.UpdateInfo info = updateChecker.check();
        if (info.isNewerThan(config.productVersion())) {
            LOG.log(System.Logger.Level.INFO, "agent " + info.latestVersion() + " is available");
        }
        if (info.signatureSerial() > database.get().serial()) {
            database.set(downloader.download(config.cdnBaseUrl()));
        }
    }

    void scan() throws IOException {
        List<FileScanner.Detection> detections = scanner.scan(config.scanRoot());
        for (FileScanner.Detection d : detections) {
            LOG.log(System.Logger.Level.WARNING, "threat " + d.signature() + " in " + d.file());
        }
    }
}
